/**
 * The findings that follow from the sender profiles (issue #7 item 4): the bounce verdict names the classes of
 * sender that refuse every MX host, DANE findings name the classes that refuse the host they are about, and only
 * the profiles chosen in domains.yml (`senders:`, all by default) count. Pure.
 */
import { makeFinding } from './findings.js';
import {
  SENDER_NAMES,
  SENDER_PROFILE_IDS,
  joinNames,
  type SenderProfileId,
  type SenderVerdicts,
} from './senders/index.js';
import type { Finding } from './types.js';

/** DANE findings that mean a sender refuses or defers at the host; their message begins with `DANE senders`. */
const REFUSAL_CODES: ReadonlySet<string> = new Set([
  'tlsa-mismatch',
  'tlsa-lookup-failed',
  'tlsa-no-starttls',
]);

/** The opening the DANE findings are written with (src/core/dane-findings.ts), before the senders are known. */
export const DANE_SENDERS = 'DANE senders';

const counted = (senders: SenderVerdicts): SenderProfileId[] =>
  SENDER_PROFILE_IDS.filter((id) => senders[id].counted);

/** The counted profiles that refuse `host`, named. */
export function refusingNames(senders: SenderVerdicts, host: string): string[] {
  return counted(senders)
    .filter((id) => senders[id].refusedMx.includes(host))
    .map((id) => SENDER_NAMES[id]);
}

/** "Gmail refuses", "Gmail and Exchange Online refuse". */
function verb(names: readonly string[], plural: string, singular: string): string {
  return `${joinNames(names)} ${names.length === 1 ? singular : plural}`;
}

/**
 * Name the senders in the DANE refusal findings: "Exchange Online and Postfix (DANE) refuse mx1.example.com: …".
 * A refusal no counted profile makes is kept as a notice, so it neither fails the check nor opens an issue.
 */
export function nameRefusingSenders(findings: readonly Finding[], senders: SenderVerdicts): Finding[] {
  return findings.map((f) => {
    if (!REFUSAL_CODES.has(f.code) || f.host === undefined || !f.message.startsWith(DANE_SENDERS)) return f;
    const names = refusingNames(senders, f.host);
    const rest = f.message.slice(DANE_SENDERS.length + 1);
    if (names.length === 0) {
      const chosen = counted(senders).join(', ') || 'none';
      return {
        ...f,
        severity: 'notice',
        message: `${f.message} None of the senders counted for this domain (${chosen}) refuses it, so this is a notice.`,
      };
    }
    const message = rest.startsWith('defer ')
      ? `${verb(names, 'defer', 'defers')} ${rest.slice('defer '.length)}`
      : rest.startsWith('refuse ')
        ? `${verb(names, 'refuse', 'refuses')} ${rest.slice('refuse '.length)}`
        : `${joinNames(names)}: ${rest}`;
    return { ...f, message };
  });
}

/**
 * The domain verdict findings: `mail-bounces` when some counted profile refuses every MX host (named), else
 * `bounces-if-enforced` under a testing policy; and `senders-disagree` when some counted profiles deliver and
 * others bounce.
 */
export function senderVerdictFindings(
  domain: string,
  senders: SenderVerdicts,
  ifEnforced: boolean | null,
  mode: string | null,
  daneChecked: boolean,
): Finding[] {
  const ids = counted(senders);
  const bouncing = ids.filter((id) => senders[id].bounces === true);
  const delivering = ids.filter((id) => senders[id].bounces === false);
  const findings: Finding[] = [];
  if (bouncing.length > 0) {
    const names = joinNames(bouncing.map((id) => SENDER_NAMES[id]));
    // The first refusing profile's per-host reasons, without the verdict the sentence already states.
    const first = (bouncing[0] === undefined ? '' : senders[bouncing[0]].reason).replace(
      /^refuses every MX host: /,
      '',
    );
    const message = daneChecked
      ? `No MX host of ${domain} accepts mail from ${names}: ${first}.`
      : `No MX host of ${domain} passes RFC 8461 validation, so ${names} refuse to deliver mail.`;
    findings.push(makeFinding('mail-bounces', domain, message));
  } else if (mode === 'testing' && ifEnforced === true) {
    findings.push(
      makeFinding(
        'bounces-if-enforced',
        domain,
        `No MX host of ${domain} passes RFC 8461 validation: switching the policy to enforce would bounce all mail.`,
      ),
    );
  }
  if (bouncing.length > 0 && delivering.length > 0) {
    const refuse = verb(
      bouncing.map((id) => SENDER_NAMES[id]),
      'refuse',
      'refuses',
    );
    const deliver = verb(
      delivering.map((id) => SENDER_NAMES[id]),
      'deliver',
      'delivers',
    );
    findings.push(
      makeFinding(
        'senders-disagree',
        domain,
        `${refuse} every MX host of ${domain} while ${deliver}: mail arrives or not depending on who sends it.`,
        {
          expected: 'every counted sender delivers',
          observed: `refuse: ${bouncing.join(', ')}; deliver: ${delivering.join(', ')}`,
        },
      ),
    );
  }
  return findings;
}

/**
 * One line on the sender classes that refuse some MX host of a domain, for the terminal, the job summary and
 * issue titles; null when no counted profile refuses any.
 */
export function refusalLine(senders: SenderVerdicts | undefined): string | null {
  if (senders === undefined) return null;
  const ids = counted(senders).filter((id) => senders[id].refusedMx.length > 0);
  if (ids.length === 0) return null;
  const hosts = [...new Set(ids.flatMap((id) => senders[id].refusedMx))];
  const shown = hosts.slice(0, 2).join(', ');
  const more = hosts.length > 2 ? ` and ${hosts.length - 2} more` : '';
  return `${verb(
    ids.map((id) => SENDER_NAMES[id]),
    'refuse',
    'refuses',
  )} ${shown}${more}`;
}
