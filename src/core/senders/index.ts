/**
 * Every sender profile (issue #7 item 4), and their composition: each profile judges the same facts, the
 * evaluation never branches on which one it is (issue #7 item 6).
 */
import { exchangeOnline } from './exchange-online.js';
import { gmail } from './gmail.js';
import { SENDER_PROFILE_IDS, type SenderProfileId } from './ids.js';
import { postfixDane } from './postfix-dane.js';
import { postfixStsResolver } from './postfix-sts-resolver.js';
import { rfc } from './rfc.js';
import type { SenderFacts, SenderProfile, SenderVerdict } from './types.js';

export const SENDER_PROFILES: Readonly<Record<SenderProfileId, SenderProfile>> = {
  rfc,
  'exchange-online': exchangeOnline,
  gmail,
  'postfix-dane': postfixDane,
  'postfix-sts-resolver': postfixStsResolver,
};

export type SenderVerdicts = Readonly<Record<SenderProfileId, SenderVerdict>>;

/** Judge one domain with every profile; `chosen` (domains.yml `senders:`, all by default) marks which count. */
export function judgeSenders(
  facts: SenderFacts,
  chosen: readonly SenderProfileId[] = SENDER_PROFILE_IDS,
): SenderVerdicts {
  const entries = SENDER_PROFILE_IDS.map((id) => {
    const verdict: SenderVerdict = { ...SENDER_PROFILES[id].judge(facts), counted: chosen.includes(id) };
    return [id, verdict] as const;
  });
  return Object.fromEntries(entries) as Record<SenderProfileId, SenderVerdict>;
}

export { SENDER_NAMES, SENDER_PROFILE_IDS, joinNames, type SenderProfileId } from './ids.js';
export type { SenderFacts, SenderMx, SenderVerdict } from './types.js';
