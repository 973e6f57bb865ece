/**
 * Findings of the cache-aware verdict (issue #8 item 3). Filled in by the next step.
 */
import type { CachedVerdict, LiveView } from './cached-policies.js';
import type { PolicyHistory } from './policy-history.js';
import type { Finding } from './types.js';

export interface CacheFindingsInput {
  readonly domain: string;
  readonly history: PolicyHistory;
  readonly live: LiveView;
  readonly verdict: CachedVerdict;
}

export function cacheFindings(_input: CacheFindingsInput): Finding[] {
  return [];
}
