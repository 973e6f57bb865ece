/**
 * id freshness (RFC 8461 §3.1, §5.1): while the TXT id is unchanged, senders holding a cached policy do not fetch
 * again, for up to max_age. A policy whose meaning changed under the same id never reaches them.
 */
import { makeFinding } from './findings.js';
import { findMatchingPattern } from './mx-pattern.js';
import type { Policy } from './policy.js';
import type { Finding, PolicyStateEntry } from './types.js';

export interface FreshnessInput {
  readonly domain: string;
  readonly id: string | null;
  readonly policyHash: string | null;
  readonly policy: Policy | null;
  /** The MX hosts senders would use now. */
  readonly mxHosts: readonly string[];
  readonly previous: PolicyStateEntry | undefined;
  readonly now: Date;
  /** When the caches of the old policy run out, from the policy history (issue #8 item 3); null when unknown. */
  readonly cachedUntil?: string | null;
}

/**
 * Returns the finding (if any) and the state to keep. When the policy changed under the same id, the old entry is
 * kept, so the finding repeats until a new id is published. When nothing could be observed, the old entry is kept:
 * losing an observation must never turn into a false alarm on the next run.
 */
export function checkFreshness(input: FreshnessInput): {
  finding: Finding | null;
  state: PolicyStateEntry | undefined;
} {
  const { domain, id, policyHash, previous } = input;
  if (id === null || policyHash === null) return { finding: null, state: previous };
  const { policy } = input;
  const current: PolicyStateEntry = {
    id,
    bodyHash: policyHash,
    seenAt: input.now.toISOString(),
    ...(policy === null ? {} : { mode: policy.mode, maxAge: policy.maxAge, mx: policy.mx }),
  };
  if (previous === undefined || previous.id !== id) return { finding: null, state: current };
  if (previous.bodyHash === policyHash)
    return { finding: null, state: { ...previous, seenAt: current.seenAt } };
  const cache = previous.maxAge === undefined ? 'its max_age' : `${previous.maxAge} s`;
  const until =
    input.cachedUntil === undefined || input.cachedUntil === null ? '' : `, until ${input.cachedUntil}`;
  const message = `The policy changed since ${previous.seenAt} but the _mta-sts id is still ${id}, so senders that cached the old policy keep it for up to ${cache}${until}.${refusedByCache(previous, input.mxHosts)}`;
  const finding = makeFinding('stale-policy-id', domain, message, {
    expected: `an id other than ${id}`,
    observed: id,
  });
  return { finding, state: previous };
}

/** The MX hosts a sender holding the old, enforcing policy would refuse now (RFC 8461 §4.1). */
function refusedByCache(previous: PolicyStateEntry, mxHosts: readonly string[]): string {
  if (previous.mode !== 'enforce' || previous.mx === undefined) return '';
  const refused = mxHosts.filter((host) => findMatchingPattern(previous.mx ?? [], host) === null);
  if (refused.length === 0) return '';
  return ` Those senders refuse ${refused.join(', ')}, which the old policy does not list.`;
}
