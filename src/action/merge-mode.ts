/**
 * The Action's merge mode (issue #9 item 3): the shard reports of a matrix merged into one check result, which the
 * run then reports, annotates and writes issues and state from, exactly as after its own checks.
 */
import type { CheckResult } from '../check.js';
import { configDigest } from '../core/shard.js';
import type { DomainExpectation } from '../core/types.js';
import { MergeError, mergeShardReports, type MergedShards } from '../merge.js';
import { domainMap, STATE_VERSION, type StateFile } from '../state/state-file.js';
import type { StateSetting } from './inputs.js';
import type { Logger } from './notify.js';
import { readShardReportFiles } from './shard-reports.js';

/**
 * Read, check and merge the shard reports that `reports` names, before any GitHub API request. Throws a MergeError
 * naming the file, or saying that the shards were made from another configuration than `config`.
 */
export async function readMergedShards(
  reports: readonly string[],
  workspace: string,
  config: { readonly file: string; readonly expectations: readonly DomainExpectation[] },
  state: StateSetting,
  log: Logger,
): Promise<MergedShards> {
  const files = await readShardReportFiles(reports, workspace);
  const merged = mergeShardReports(files);
  // The merge job annotates and writes issues against its own domains.yml: the shards must have checked it.
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  const mine = configDigest(config.expectations);
  if (
    (merged.config !== null && merged.config !== mine) ||
    !same(
      merged.report.domains.map((d) => d.domain),
      config.expectations.map((e) => e.domain),
    )
  ) {
    throw new MergeError(
      `the shard reports were made from another ${config.file} than this job's (config ${merged.config ?? 'not recorded'}, here ${mine}): run the shards and the merge job on the same commit with the same config and cert-warning-days`,
    );
  }
  if (merged.state === null && state.kind !== 'none')
    log.warning(
      `the shard reports carry no id-freshness state (made with state: none, or by the CLI), so state: ${state.kind} is left as it was`,
    );
  for (const line of merged.shards) log.info(`Merged shard ${line}`);
  log.info(`${merged.report.summary.domains} domains from ${merged.shards.length} shard reports.`);
  return merged;
}

/** The merged report as a check result: the state is the previous one updated with every shard's domains. */
export function mergedResult(merged: MergedShards, previous: StateFile): CheckResult {
  const domains = domainMap();
  Object.assign(domains, previous.domains);
  // In domains.yml order, as a single run adds them: the state issue's text is then the same too.
  for (const { domain } of merged.report.domains) {
    const entry = merged.state?.domains[domain];
    if (entry !== undefined) domains[domain] = entry;
  }
  return { report: merged.report, state: { version: STATE_VERSION, domains }, smtpConnections: 0 };
}
