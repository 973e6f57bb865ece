/**
 * `plan` from the live world (issue #8 item 3): the observations of one domain, the TTLs of its records and the
 * remembered policy history in; the inputs of the pure planner (the policy, id and MX hosts now, and the earlier
 * policies senders may still hold) out, or every part that could not be read, each with why. Pure: it judges the
 * observations exactly as `check` does (assessPolicy, assessMx, the cache-aware verdict), so a plan never starts
 * from a policy that `check` would call unusable.
 */
import { assessMx } from './assess-mx.js';
import { assessPolicy, type PolicyAssessment } from './assess-policy.js';
import { assessCacheVerdict, liveViewOf } from './cache-verdict.js';
import type { HeldPolicy } from './plan-builder.js';
import { endSeconds, policyUrl, txtName } from './plan-steps.js';
import type { PolicyHistory } from './policy-history.js';
import type { PlanInput } from './plan.js';
import type { DomainObservation, Finding } from './types.js';

/** The TTL of one RRset as a resolver reported it; `authoritative` when the answer had the AA bit (RFC 1035 §4.1.1). */
export type TtlReading =
  | { readonly status: 'ok'; readonly seconds: number; readonly authoritative: boolean }
  | { readonly status: 'unknown'; readonly reason: string };

export interface LiveReading {
  readonly observation: DomainObservation;
  readonly txtTtl: TtlReading;
  readonly mxTtl: TtlReading;
  /** The domain's history from `--state`; null when no state was given. */
  readonly history: PolicyHistory | null;
  readonly now: Date;
}

/** Days before expiry that make a certificate warning; only errors stop a plan, so any value serves (check's default). */
const WARNING_DAYS = 21;

/** One part of the live world that could not be read: which (TXT, policy, MX) and why. */
export interface LiveProblem {
  readonly part: string;
  readonly why: string;
}

export type LiveCurrent =
  | {
      readonly ok: true;
      readonly current: PlanInput['current'];
      readonly held: readonly HeldPolicy[];
      /** Seconds, or null when the TTL could not be read (the caller falls back and says so). */
      readonly txtTtl: number | null;
      readonly mxTtl: number | null;
      /** What the reading leaves uncertain, for the plan's notes. */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly problems: readonly LiveProblem[] };

/** Findings that say why no policy could be obtained: errors, and fetches that were not tried or failed on our side. */
const explains = (f: Finding): boolean =>
  f.severity === 'error' || f.unknown === true || f.code === 'address-blocked';

/** The `_mta-sts` record: looked up, present, exactly one and valid (RFC 8461 §3.1). */
function recordProblem(obs: DomainObservation, policy: PolicyAssessment): LiveProblem | null {
  const d = obs.domain;
  const part = `TXT ${txtName(d)}`;
  if (obs.stsTxt.status === 'unknown')
    return { part, why: `the lookup failed (${obs.stsTxt.reason}), so the id now is not known` };
  if (policy.summary.status === 'absent')
    return {
      part,
      why: `there is no "v=STSv1" record: ${d} publishes no MTA-STS policy, so there is nothing to change from`,
    };
  if (policy.record !== null) return null;
  const why = policy.findings.filter((f) => f.code.startsWith('sts-') && f.severity === 'error');
  return { part, why: why.map((f) => f.message).join(' ') || 'the record is not valid (RFC 8461 §3.1)' };
}

/** The policy: fetched, valid, and the same at every address of the policy host (RFC 8461 §3.3). */
function policyProblem(d: string, policy: PolicyAssessment): LiveProblem | null {
  const part = `policy ${policyUrl(d)}`;
  if (policy.policy === null) {
    const why = policy.findings.filter(explains).map((f) => f.message);
    return {
      part,
      why: why.length > 0 ? why.join(' ') : `no policy could be fetched (status ${policy.summary.status})`,
    };
  }
  if (policy.policyHash === null)
    return {
      part,
      why: `the addresses of mta-sts.${d} serve different policies, so which one senders hold depends on the address they reached; make them agree first`,
    };
  return null;
}

/** Gather the planner's inputs from the live reading, or every part that could not be read. */
export function planInputFromLive(reading: LiveReading): LiveCurrent {
  const { observation: obs, now } = reading;
  const d = obs.domain;
  const policy = assessPolicy(obs, now, WARNING_DAYS);
  const mx = assessMx(obs, policy.policy, now, WARNING_DAYS);
  const problems: LiveProblem[] = [];
  // The record first: without it no policy is fetched, and its problem is the one to fix.
  const record = recordProblem(obs, policy);
  const served = record === null ? policyProblem(d, policy) : null;
  for (const p of [record, served]) if (p !== null) problems.push(p);
  if (obs.mx.status === 'unknown')
    problems.push({ part: `MX ${d}`, why: `the lookup failed (${obs.mx.reason})` });
  else if (mx.nullMx)
    problems.push({ part: `MX ${d}`, why: `${d} publishes a null MX (RFC 7505): it accepts no mail` });
  if (problems.length > 0 || policy.policy === null || policy.record === null) return { ok: false, problems };

  const live = liveViewOf(obs, policy, mx);
  // Fold the sighting into the history as check would, then keep every other version still held (RFC 8461 §3.2).
  const verdict =
    reading.history === null
      ? null
      : assessCacheVerdict({ domain: d, history: reading.history, live, policyHash: policy.policyHash, now });
  const held = (verdict?.fields.cached ?? []).map(({ id, mode, maxAge, mx: patterns, heldUntil }) => ({
    id,
    mode,
    maxAge,
    mx: patterns,
    heldUntil: endSeconds(heldUntil),
  }));
  const { mode, maxAge, mx: patterns } = policy.policy;
  return {
    ok: true,
    current: {
      policy: { mode, maxAge, mx: patterns },
      mxHosts: mx.reports.map((r) => r.host),
      id: policy.record.id,
    },
    held,
    txtTtl: reading.txtTtl.status === 'ok' ? reading.txtTtl.seconds : null,
    mxTtl: reading.mxTtl.status === 'ok' ? reading.mxTtl.seconds : null,
    notes: ttlNotes(d, reading),
  };
}

/**
 * A recursive resolver reports the time left in its cache, which counts down from the zone's TTL: the zone's value
 * may be longer, and senders' resolvers may hold the old record that long (RFC 1035 §3.2.1, RFC 8461 §8.1).
 */
function ttlNotes(domain: string, reading: LiveReading): string[] {
  const notes: string[] = [];
  const parts: [string, string, TtlReading][] = [
    [`TXT ${txtName(domain)}`, '--txt-ttl', reading.txtTtl],
    [`MX ${domain}`, '--mx-ttl', reading.mxTtl],
  ];
  for (const [what, option, ttl] of parts) {
    if (ttl.status === 'unknown')
      notes.push(
        `The TTL of ${what} could not be read (${ttl.reason}); pass ${option} with the zone's value.`,
      );
    else if (!ttl.authoritative)
      notes.push(
        `The TTL of ${what} (${ttl.seconds} s) came from a resolver's cache, which counts down: the zone's TTL may be longer. Pass ${option} with the zone's value, or --dns-server naming the domain's authoritative server.`,
      );
  }
  return notes;
}
