/**
 * The pull-request check of what senders already hold (issue #8 item 4): when the pull request changes a domain's
 * expected `mx` or `mode`, would a policy that senders may hold now refuse the MX hosts the change leads to? The
 * policies held now are the live one (a sender that fetches it now keeps it for its max_age, RFC 8461 §3.2) and the
 * earlier ones of the policy history (the report's `cached[]`, read from the state: reading it is allowed on a
 * pull request, writing is not). If one does, the domain's line gets the time the refusal ends and the first step
 * of the plan for the change (src/core/plan.ts). Pure: expectations, reports and the clock in.
 */
import { findMatchingPattern, normalizeHost } from '../core/mx-pattern.js';
import { planChange, type HeldPolicy, type PlanTarget } from '../core/plan.js';
import { endSeconds, isoSeconds } from '../core/plan-steps.js';
import type { DomainExpectation, DomainReport, PolicyMode } from '../core/types.js';
import { utcTime } from '../report/cached-lines.js';
import type { PrProblem } from './pr-compare.js';

/** The TTL assumed for the plan's first step (the Action does not read TTLs; `plan` live does). */
const ASSUMED_TTL_SECONDS = 3600;
/** Room for the policy text in the annotation: the first step is a pointer, `plan` prints it whole. */
const MAX_STEP_TEXT = 160;

const sameSet = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  a === undefined || b === undefined
    ? a === b
    : [...new Set(a.map(normalizeHost))].sort().join() === [...new Set(b.map(normalizeHost))].sort().join();

/**
 * The MX hosts the change leads to: the live hosts the new patterns still cover, and the exact names it adds (a
 * wildcard names no host). Without a new `mx`, the live hosts.
 */
export function hostsAfter(live: readonly string[], mx: readonly string[] | undefined): string[] {
  if (mx === undefined) return [...live];
  const kept = live.filter((h) => findMatchingPattern(mx, h) !== null);
  const named = mx.filter((p) => !p.startsWith('*.')).map(normalizeHost);
  return [...new Set([...kept, ...named])];
}

/** The policies senders may hold now: the live one, held for its max_age from now, and the history's. */
function heldNow(report: DomainReport, now: Date): HeldPolicy[] {
  const { policy } = report;
  const live: HeldPolicy[] =
    policy.status === 'valid' && policy.mode !== null && policy.maxAge !== null
      ? [
          {
            id: policy.id ?? '(unknown)',
            mode: policy.mode,
            maxAge: policy.maxAge,
            mx: policy.mx,
            heldUntil: isoSeconds(now.getTime() + policy.maxAge * 1000),
          },
        ]
      : [];
  const cached = (report.cached ?? []).map(({ id, mode, maxAge, mx, heldUntil }) => ({
    id,
    mode,
    maxAge,
    mx,
    heldUntil: endSeconds(heldUntil),
  }));
  return [...live, ...cached];
}

const refused = (p: HeldPolicy, hosts: readonly string[]): string[] =>
  p.mode === 'enforce' ? hosts.filter((h) => findMatchingPattern(p.mx, h) === null) : [];

/** The first step of the plan for the change, shortened: its title and the exact text, lines joined. */
function firstStep(report: DomainReport, hosts: string[], mode: PolicyMode | undefined, now: Date): string {
  const { policy } = report;
  if (policy.mode === null || policy.maxAge === null) return '';
  const target: PlanTarget = { mxHosts: hosts, ...(mode === undefined ? {} : { mode }) };
  const plan = planChange({
    domain: report.domain,
    current: {
      policy: { mode: policy.mode, maxAge: policy.maxAge, mx: policy.mx },
      mxHosts: report.mx.map((m) => m.host),
      id: policy.id,
    },
    target,
    held: (report.cached ?? []).map(({ id, mode: m, maxAge, mx, heldUntil }) => ({
      id,
      mode: m,
      maxAge,
      mx,
      heldUntil,
    })),
    source: 'live-history',
    txtTtl: ASSUMED_TTL_SECONDS,
    mxTtl: ASSUMED_TTL_SECONDS,
    now,
  });
  const step = plan.steps[0];
  if (step === undefined) return '';
  // An MX step names its host in the title; a policy or TXT step gets its exact text, lines joined.
  const text = step.change?.type === 'MX' ? '' : (step.change?.text ?? '').trimEnd().split('\n').join('; ');
  const short = text.length > MAX_STEP_TEXT ? `${text.slice(0, MAX_STEP_TEXT - 1)}…` : text;
  const title = step.title.replace(/\.$/, '');
  return ` First step of a safe plan, from ${utcTime(step.earliest)}: ${title}${short === '' ? '' : `: "${short}"`}.`;
}

/** The `plan` command that prints every step. */
function planCommand(domain: string, hosts: readonly string[], mode: PolicyMode | undefined): string {
  return `mta-sts-drift plan --domain ${domain} --target-mx ${hosts.join(',')}${mode === undefined ? '' : ` --target-mode ${mode}`}`;
}

function problemFor(
  before: DomainExpectation | undefined,
  head: DomainExpectation,
  report: DomainReport | undefined,
  now: Date,
): PrProblem | null {
  const mxChanged = before === undefined || !sameSet(before.mx, head.mx);
  const modeChanged = before === undefined || before.mode !== head.mode;
  if (report === undefined || report.policy.status !== 'valid' || (!mxChanged && !modeChanged)) return null;
  const hosts = hostsAfter(
    report.mx.map((m) => m.host),
    mxChanged ? head.mx : undefined,
  );
  if (hosts.length === 0) return null;
  const refusing = heldNow(report, now)
    .map((p) => ({ p, hosts: refused(p, hosts) }))
    .filter((r) => r.hosts.length > 0);
  if (refusing.length === 0) return null;
  const all = refusing.filter((r) => r.hosts.length >= hosts.length);
  const latest = (list: typeof refusing): string =>
    list
      .map((r) => r.p.heldUntil)
      .sort()
      .at(-1) ?? '';
  const names = [...new Set(refusing.flatMap((r) => r.hosts))].join(', ');
  const which = refusing.map((r) => `id ${r.p.id} (until ${utcTime(r.p.heldUntil)})`).join(' and ');
  const bounce =
    all.length > 0
      ? `, every MX host of this change: their mail bounces until ${utcTime(latest(all))}`
      : `; they deliver to the other hosts until ${utcTime(latest(refusing))}`;
  const mode = modeChanged ? head.mode : undefined;
  const message =
    `Senders may still hold the enforcing ${refusing.length === 1 ? 'policy' : 'policies'} ${which} of ` +
    `${head.domain}, which ${refusing.length === 1 ? 'refuses' : 'refuse'} ${names}${bounce} ` +
    `(RFC 8461 §4.1, §5.1).${firstStep(report, hosts, mode, now)} Every step: ${planCommand(head.domain, hosts, mode)}`;
  // On the changed line: the entry's own mx: (or mode:) key when it has one, else the domain's line.
  const place = (mxChanged ? head.keyLines?.mx : undefined) ??
    (modeChanged ? head.keyLines?.mode : undefined) ?? { line: head.line, column: head.column };
  return {
    code: 'pr-cached-policy-refuses',
    severity: all.length > 0 ? 'error' : 'warning',
    domain: head.domain,
    ...place,
    message,
  };
}

/**
 * For each domain whose expected `mx` or `mode` the pull request changes (a new domain counts as changed), the
 * refusal by a policy senders may hold now, if any.
 */
export function cachedRefusals(
  base: readonly DomainExpectation[] | null,
  head: readonly DomainExpectation[],
  reports: readonly DomainReport[],
  now: Date,
): PrProblem[] {
  const baseByDomain = new Map((base ?? []).map((e) => [e.domain, e]));
  const reportByDomain = new Map(reports.map((r) => [r.domain, r]));
  return head.flatMap((e) => {
    const problem = problemFor(baseByDomain.get(e.domain), e, reportByDomain.get(e.domain), now);
    return problem === null ? [] : [problem];
  });
}
