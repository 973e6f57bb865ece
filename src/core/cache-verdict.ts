/**
 * The cache-aware verdict of one domain in the check pipeline (issue #8 item 2): fold the live sighting into the
 * policy history, then ask which versions senders may still apply now. Pure: observations, the remembered history
 * and the clock in; the next history, the report fields and the findings out.
 */
import type { MxAssessment } from './assess-mx.js';
import type { PolicyAssessment } from './assess-policy.js';
import { cacheFindings } from './cache-findings.js';
import { assessCachedPolicies, type LiveView } from './cached-policies.js';
import { foldSighting, pruneHistory, type HistoryEvent, type PolicyHistory } from './policy-history.js';
import type { CachedReportFields, DomainObservation, Finding, MxTlsStatus } from './types.js';

/** MX TLS outcomes that every enforcing policy refuses (RFC 8461 §4.2); unreachable and not-checked say nothing. */
const TLS_REFUSED: ReadonlySet<MxTlsStatus> = new Set<MxTlsStatus>([
  'no-starttls',
  'cert-untrusted',
  'cert-expired',
  'name-mismatch',
  'old-tls',
  'tls-failed',
  'no-smtp',
]);

/** What senders see now, from the assessments of this run. */
export function liveViewOf(obs: DomainObservation, policy: PolicyAssessment, mx: MxAssessment): LiveView {
  // An invalid or duplicated record counts as none: senders treat it so (RFC 8461 §3.1).
  const txt: LiveView['txt'] =
    obs.stsTxt.status === 'unknown'
      ? { status: 'unknown' }
      : policy.record === null
        ? { status: 'absent' }
        : { status: 'present', id: policy.record.id };
  const fetch: LiveView['fetch'] =
    policy.policy !== null
      ? { status: 'fetched', policy: policy.policy }
      : policy.summary.status === 'unknown'
        ? { status: 'unknown' }
        : { status: 'failing' };
  const mxHosts = !mx.known ? null : mx.nullMx ? [] : mx.reports.map((r) => r.host);
  const tlsFailing = mx.reports.filter((r) => TLS_REFUSED.has(r.tls)).map((r) => r.host);
  return { txt, fetch, mxHosts, tlsFailing };
}

export interface CacheVerdictInput {
  readonly domain: string;
  /** The remembered history; null when no state is kept (no `--state`, `state: none`). */
  readonly history: PolicyHistory | null;
  readonly live: LiveView;
  /** The policy's hash when one policy is served at every address (assessPolicy), else null: nothing is folded. */
  readonly policyHash: string | null;
  readonly now: Date;
}

export interface CacheVerdict {
  readonly history: PolicyHistory;
  readonly events: readonly HistoryEvent[];
  /** Versions the per-domain bound made us forget, in words (issue #8 item 1: a drop is never silent). */
  readonly notices: readonly string[];
  readonly fields: CachedReportFields;
  readonly findings: readonly Finding[];
}

/** Without state nothing is known of what senders hold: `[]`, null, null (issue #8 item 2). */
export const NO_CACHE_FIELDS: CachedReportFields = Object.freeze({
  cached: [],
  bouncesForCachedSenders: null,
  bounceWindowEnd: null,
});

/**
 * With the record gone or the policy failing, no version is served now: the first such run bounds how long the
 * last one may have been fetched (as foldSighting does when another version appears). Without it a version seen
 * once, then removed, would count from that one sighting and its window would end too early. A failed lookup of
 * our own says nothing, so it marks nothing.
 */
function notServedSince(history: PolicyHistory, live: LiveView, now: Date): PolicyHistory {
  const gone =
    live.txt.status === 'absent' || (live.txt.status === 'present' && live.fetch.status === 'failing');
  if (!gone) return history;
  const at = now.toISOString();
  return history.map((v) =>
    (v.replacedAt !== undefined && v.replacedAt > v.lastSeen) || at <= v.lastSeen
      ? v
      : { ...v, replacedAt: at },
  );
}

export function assessCacheVerdict(input: CacheVerdictInput): CacheVerdict {
  const { domain, history, live, policyHash, now } = input;
  if (history === null)
    return { history: [], events: [], notices: [], fields: NO_CACHE_FIELDS, findings: [] };
  // Only a successful sighting is a version senders could fetch; anything else only ages the history.
  const folded =
    live.txt.status === 'present' && live.fetch.status === 'fetched' && policyHash !== null
      ? foldSighting(history, { id: live.txt.id, policy: live.fetch.policy }, now)
      : pruneHistory(notServedSince(history, live, now), now);
  const verdict = assessCachedPolicies(folded.history, live, now);
  const findings = cacheFindings({ domain, history: folded.history, live, verdict });
  const notices = folded.events.flatMap((e) =>
    e.kind === 'dropped'
      ? [
          `${domain}: policy id ${e.id}, which senders may hold until ${e.heldUntil}, is no longer followed: ${e.reason}`,
        ]
      : [],
  );
  return { history: folded.history, events: folded.events, notices, fields: verdict, findings };
}
