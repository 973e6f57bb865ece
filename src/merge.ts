/**
 * `merge` (issue #9 item 3): the JSON reports of `check --shard 1/N` to `N/N` put back together into the report
 * one `check` over all of domains.yml would have written. The domains keep their domains.yml order (each shard
 * records their positions), the summary and causes are recomputed, run-level findings are said once per code.
 */
import { buildReport, REPORT_VERSION, type CheckReport, type ShardInfo } from './check.js';
import type { DomainReport, Finding } from './core/types.js';
import { domainMap, parseState, STATE_VERSION, type StateFile } from './state/state-file.js';

/** A shard report that cannot be merged; the message names the file. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

export type ShardReport = CheckReport & { readonly shard: ShardInfo };

export interface ReportFile {
  readonly file: string;
  readonly text: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Parse and check one file: a shard report of this report version, whole enough to merge. */
function readShardReport({ file, text }: ReportFile): ShardReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new MergeError(`${file}: not JSON (${(error as Error).message})`);
  }
  const what = 'a JSON report of mta-sts-drift check --json';
  if (!isObject(data) || !('version' in data)) throw new MergeError(`${file}: not ${what}`);
  if (data['version'] !== REPORT_VERSION) {
    throw new MergeError(
      `${file}: report version ${JSON.stringify(data['version'])}; this mta-sts-drift merges version ${REPORT_VERSION}`,
    );
  }
  const domains = data['domains'];
  const wellFormed =
    typeof data['generatedAt'] === 'string' &&
    !Number.isNaN(Date.parse(data['generatedAt'])) &&
    Array.isArray(data['notices']) &&
    Array.isArray(data['runFindings']) &&
    Array.isArray(domains) &&
    domains.every((d) => isObject(d) && typeof d['domain'] === 'string' && Array.isArray(d['findings']));
  if (!wellFormed)
    throw new MergeError(`${file}: not ${what} (generatedAt, notices, runFindings or domains missing)`);
  const shard = data['shard'];
  if (!isObject(shard)) throw new MergeError(`${file}: not a shard report (made without check --shard I/N)`);
  const { index, count, total, positions } = shard;
  if (
    !isCount(index) ||
    !isCount(count) ||
    !isCount(total) ||
    index < 1 ||
    index > count ||
    !Array.isArray(positions) ||
    positions.length !== domains.length ||
    !positions.every((p) => isCount(p) && p < total)
  ) {
    throw new MergeError(`${file}: its "shard" is not {index, count, total, positions} of check --shard I/N`);
  }
  if (shard['config'] !== undefined && typeof shard['config'] !== 'string')
    throw new MergeError(`${file}: its "shard.config" is not the digest of a domains.yml`);
  if (shard['state'] !== undefined && !isObject(shard['state']))
    throw new MergeError(`${file}: its "shard.state" is not an id-freshness state`);
  return data as unknown as ShardReport;
}

/** Every shard 1..N exactly once, all from the same domains.yml, no domain twice. */
function checkComplete(reports: readonly { file: string; report: ShardReport }[]): void {
  const [first, ...rest] = reports;
  if (first === undefined) throw new MergeError('needs the shard reports to merge');
  const { count, total } = first.report.shard;
  const byIndex = new Map<number, string>([[first.report.shard.index, first.file]]);
  for (const { file, report } of rest) {
    const s = report.shard;
    if (s.count !== count) {
      throw new MergeError(
        `${file}: shard ${s.index}/${s.count} does not go with ${first.file} (shard of ${count})`,
      );
    }
    if (s.total !== total) {
      throw new MergeError(
        `${file}: made from a domains.yml of ${s.total} domains, ${first.file} from one of ${total}: run every shard on the same commit`,
      );
    }
    if (s.config !== first.report.shard.config) {
      throw new MergeError(
        `${file}: made from another domains.yml than ${first.file} (config ${s.config ?? 'not recorded'}, not ${first.report.shard.config ?? 'not recorded'}): run every shard on the same commit with the same inputs`,
      );
    }
    const other = byIndex.get(s.index);
    if (other !== undefined) throw new MergeError(`${file}: shard ${s.index}/${count} again (also ${other})`);
    byIndex.set(s.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new MergeError(
      `shard ${missing.map((i) => `${i}/${count}`).join(', ')} missing: give every shard's report`,
    );
  }
  const seen = new Map<string, string>();
  const taken = new Map<number, string>();
  for (const { file, report } of reports) {
    for (const [i, d] of report.domains.entries()) {
      const other = seen.get(d.domain);
      if (other !== undefined) throw new MergeError(`${file}: domain ${d.domain} is also in ${other}`);
      seen.set(d.domain, file);
      const position = report.shard.positions[i] ?? -1;
      const holder = taken.get(position);
      if (holder !== undefined)
        throw new MergeError(`${file}: position ${position} of domains.yml is also in ${holder}`);
      taken.set(position, file);
    }
  }
  if (seen.size !== total) {
    throw new MergeError(`the shards hold ${seen.size} of the ${total} domains of domains.yml`);
  }
}

/** Run-level findings once per code: each shard says "DNS is unavailable" for itself (issue #9 item 3). */
function dedupeRunFindings(reports: readonly ShardReport[]): Finding[] {
  const byCode = new Map<string, Finding>();
  for (const f of reports.flatMap((r) => r.runFindings)) if (!byCode.has(f.code)) byCode.set(f.code, f);
  return [...byCode.values()];
}

/** The shards' id-freshness state, each shard's for its own domains; null when no shard carried one. */
function mergeState(reports: readonly { file: string; report: ShardReport }[]): StateFile | null {
  const carried = reports.filter((r) => r.report.shard.state !== undefined);
  if (carried.length === 0) return null;
  const domains = domainMap();
  for (const { file, report } of carried) {
    const { state, warning } = parseState(JSON.stringify(report.shard.state));
    if (warning !== null) throw new MergeError(`${file}: its "shard.state" cannot be read: ${warning}`);
    for (const d of report.domains) {
      const entry = state.domains[d.domain];
      if (entry !== undefined) domains[d.domain] = entry;
    }
  }
  return { version: STATE_VERSION, domains };
}

/** What the Action's merge mode needs besides the report: the shards' config digest, state and files. */
export interface MergedShards {
  readonly report: CheckReport;
  /** The configDigest every shard recorded; null for reports that record none. */
  readonly config: string | null;
  /** Every shard's state for its domains, together; null when the shards kept none (`state: none`). */
  readonly state: StateFile | null;
  /** `I/N file`, in shard order, for the log and the summary. */
  readonly shards: readonly string[];
}

/** Merge the shard reports into one report, or throw a MergeError naming the file at fault. */
export function mergeReports(files: readonly ReportFile[]): CheckReport {
  return mergeShardReports(files).report;
}

/** mergeReports, with the shards' config digest and state for the Action's merge mode. */
export function mergeShardReports(files: readonly ReportFile[]): MergedShards {
  const reports = files.map((f) => ({ file: f.file, report: readShardReport(f) }));
  checkComplete(reports);
  const ordered = [...reports]
    .sort((a, b) => a.report.shard.index - b.report.shard.index)
    .map((r) => r.report);
  const placed = ordered.flatMap((r) =>
    r.domains.map((domain, i) => ({ domain, position: r.shard.positions[i] ?? 0 })),
  );
  const domains: DomainReport[] = placed.sort((a, b) => a.position - b.position).map((p) => p.domain);
  const notices = [...new Set(ordered.flatMap((r) => r.notices))];
  const latest =
    ordered
      .map((r) => r.generatedAt)
      .sort()
      .at(-1) ?? new Date(0).toISOString();
  const sorted = [...reports].sort((a, b) => a.report.shard.index - b.report.shard.index);
  return {
    report: buildReport(domains, notices, new Date(latest), dedupeRunFindings(ordered)),
    config: reports[0]?.report.shard.config ?? null,
    state: mergeState(reports),
    shards: sorted.map((r) => `${r.report.shard.index}/${r.report.shard.count} ${r.file}`),
  };
}
