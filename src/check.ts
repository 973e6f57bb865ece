/**
 * The engine's pipeline, shared by the CLI and the Action: observe -> evaluate -> report object.
 */
import { evaluateDomain } from './core/evaluate.js';
import { assessRun, RUN_DOMAIN } from './core/assess-run.js';
import { makeFinding } from './core/findings.js';
import { groupCauses, type Cause } from './core/causes.js';
import { configDigest, type Shard } from './core/shard.js';
import type { DomainExpectation, DomainReport, Finding, PolicyStateEntry } from './core/types.js';
import {
  observeDomains,
  type ObserveDeps,
  type ObserveOptions,
  type ObserveResult,
} from './probes/observe.js';
import type { TlsRptRun } from './probes/tlsrpt-sources.js';
import { domainMap, STATE_VERSION, type StateFile } from './state/state-file.js';

/** Version of the JSON report format (README: "JSON report"). */
export const REPORT_VERSION = 1;

export interface CheckReport {
  readonly version: typeof REPORT_VERSION;
  readonly generatedAt: string;
  /** Run-level remarks said once, such as a blocked port 25. */
  readonly notices: readonly string[];
  /**
   * Findings about the run itself, not one domain (domain ""): a blind run (dns-unavailable) or a failed proxy
   * (smtp-proxy-failed). Counted in the summary and by fail-on like any other (issue #10 part 3).
   */
  readonly runFindings: readonly Finding[];
  readonly summary: {
    readonly domains: number;
    readonly errors: number;
    readonly warnings: number;
    readonly notices: number;
    readonly bouncing: readonly string[];
  };
  /** The findings grouped by what one fix resolves, most urgent first (issue #9 item 1, src/core/causes.ts). */
  readonly causes: readonly Cause[];
  readonly domains: readonly DomainReport[];
  /** Only in the report of one shard (`check --shard I/N`); `merge` combines them into a report without it. */
  readonly shard?: ShardInfo;
}

/** What a shard report records about its slice (issue #9 item 3). */
export interface ShardInfo {
  readonly index: number;
  readonly count: number;
  /** Domains in domains.yml, all shards together. */
  readonly total: number;
  /** The 0-based position in domains.yml of each entry of `domains`, in order, so merge restores that order. */
  readonly positions: readonly number[];
  /** configDigest of all of domains.yml as checked: merge refuses shards of different configs. */
  readonly config?: string;
  /**
   * The Action's shard jobs: the id-freshness state of this slice's domains after the check, so that the merge job
   * writes the state once for the whole fleet (issue #9 item 3). Absent with `state: none` and in the CLI.
   */
  readonly state?: StateFile;
}

/**
 * The report of one shard: the slice's report plus what merge needs to check and restore the whole
 * (issue #9 item 3). `configured` is all of domains.yml, `positions` the slice's places in it.
 */
export function shardReport(
  report: CheckReport,
  shard: Shard,
  configured: readonly DomainExpectation[],
  positions: readonly number[],
  state?: StateFile,
): CheckReport {
  const info: ShardInfo = {
    index: shard.index,
    count: shard.count,
    total: configured.length,
    positions,
    config: configDigest(configured),
    ...(state === undefined ? {} : { state: sliceState(state, report.domains) }),
  };
  return { ...report, shard: info };
}

/** Only the entries of the slice's domains: the others belong to the other shards' reports. */
function sliceState(state: StateFile, domains: readonly DomainReport[]): StateFile {
  const kept = domainMap();
  for (const { domain } of domains) {
    const entry = state.domains[domain];
    if (entry !== undefined) kept[domain] = entry;
  }
  return { version: state.version, domains: kept };
}

export interface CheckResult {
  readonly report: CheckReport;
  readonly state: StateFile;
  readonly smtpConnections: number;
}

/** Run a full check of `expectations`. Never throws for anything a remote server does. */
export async function runCheck(
  expectations: readonly DomainExpectation[],
  deps: ObserveDeps,
  options: ObserveOptions,
  /** null when no state is kept (no --state, state: none): the cache-aware verdict is then `[]`, null, null. */
  previous: StateFile | null,
  tlsrpt?: TlsRptRun,
): Promise<CheckResult> {
  const observed = await observeDomains(
    expectations.map((e) => e.domain),
    deps,
    options,
  );
  return evaluateCheck(expectations, observed, deps.now(), previous, tlsrpt);
}

/**
 * The evaluation half of runCheck, apart so that the Action logs probes and evaluation as two phases (issue #9
 * item 4). Pure: observations, expectations and the previous state in, report and next state out.
 */
export function evaluateCheck(
  expectations: readonly DomainExpectation[],
  observed: ObserveResult,
  now: Date,
  previous: StateFile | null,
  tlsrpt?: TlsRptRun,
): CheckResult {
  const historyNotices: string[] = [];
  const nextState: Record<string, PolicyStateEntry> = domainMap();
  Object.assign(nextState, previous?.domains);
  const domains = expectations.map((expect, index) => {
    const obs = observed.observations[index];
    if (obs === undefined) throw new Error(`internal: no observation for ${expect.domain}`);
    const reports =
      tlsrpt === undefined
        ? undefined
        : {
            reports: tlsrpt.reports.filter((r) =>
              r.report.policies.some((p) => p.policyDomain === expect.domain),
            ),
            window: tlsrpt.window,
            complete: tlsrpt.unread.length === 0,
          };
    const { report, state, notices } = evaluateDomain(
      obs,
      expect,
      previous?.domains[expect.domain],
      now,
      reports,
      {
        keepsState: previous !== null,
      },
    );
    if (state !== undefined) nextState[expect.domain] = state;
    historyNotices.push(...notices);
    return report;
  });
  const notices = [...observed.notices, ...(tlsrpt === undefined ? [] : [tlsrpt.notice]), ...historyNotices];
  // The resolver does not validate: DANE was skipped, said once for the run (issue #7 item 1); a blind run
  // (dns-unavailable) already says the resolver cannot be used at all.
  const runFindings = assessRun(observed.observations);
  const daneSkipped =
    observed.daneSkipped === undefined || runFindings.some((f) => f.code === 'dns-unavailable')
      ? []
      : [makeFinding('dns-not-validating', RUN_DOMAIN, observed.daneSkipped)];
  const report = buildReport(domains, notices, now, [...runFindings, ...daneSkipped]);
  return {
    report,
    state: { version: STATE_VERSION, domains: nextState },
    smtpConnections: observed.smtpConnections,
  };
}

/** Assemble the versioned report from evaluated domains; the summary counts are derived from the findings. */
export function buildReport(
  domains: readonly DomainReport[],
  notices: readonly string[],
  now: Date,
  runFindings: readonly Finding[] = [],
): CheckReport {
  const all = [...runFindings, ...domains.flatMap((d) => d.findings)];
  return {
    version: REPORT_VERSION,
    generatedAt: now.toISOString(),
    notices,
    runFindings,
    summary: {
      domains: domains.length,
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
      notices: all.filter((f) => f.severity === 'notice').length,
      bouncing: domains.filter((d) => d.bounces === true).map((d) => d.domain),
    },
    causes: groupCauses(domains),
    domains,
  };
}

export type FailOn = 'error' | 'warning' | 'never';

/** Does the report reach the fail-on level? */
export function reachesFailLevel(report: CheckReport, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const levels = failOn === 'error' ? ['error'] : ['error', 'warning'];
  return [...report.runFindings, ...report.domains.flatMap((d) => d.findings)].some((f) =>
    levels.includes(f.severity),
  );
}
