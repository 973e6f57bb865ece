/**
 * The GitHub side of a run: list the action's issues once, read the id-freshness state from them, and after the
 * check plan and apply the issue writes (and the state write), then make sure an overlapping run did not leave two
 * issues for one domain.
 *
 * Request budget (docs/action.md): ceil(issues / 100) reads for the listing, one more listing only when this run
 * created issues, and 1-2 writes per changed domain plus at most 2 for the state.
 */
import type { CheckResult } from '../check.js';
import { executeIssueOperations, type ExecuteResult, type WriteOperation } from './issue-executor.js';
import { parseIssueMarker } from '../report/issue-body.js';
import { planIssueOperations, type IssueRecord } from '../report/issues.js';
import { EMPTY_STATE, readStateFile, writeStateFile, type StateFile } from '../state/state-file.js';
import { GitHubApiError, type GitHubApi } from './github-client.js';
import type { ActionSettings } from './inputs.js';
import { readStateFromIssues, renderStateBody, STATE_ISSUE_TITLE, stateChanged } from './state-store.js';

export interface Logger {
  info(line: string): void;
  warning(line: string): void;
}

/** What the listing gave: the issues, or the error that stopped it (then issues and state are skipped). */
export type Listing =
  | { readonly ok: true; readonly issues: readonly IssueRecord[] }
  | { readonly ok: false; readonly error: Error };

export async function listActionIssues(api: GitHubApi, settings: ActionSettings): Promise<Listing> {
  try {
    return { ok: true, issues: await api.listIssues(settings.issueLabels[0] ?? '') };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

/** The state the check starts from. Anything missing or unreadable is an empty state, with a warning. */
export async function loadState(
  settings: ActionSettings,
  listing: Listing | null,
  log: Logger,
): Promise<StateFile> {
  const { state } = settings;
  let loaded: { state: StateFile; warning: string | null } = { state: EMPTY_STATE, warning: null };
  if (state.kind === 'file') loaded = await readStateFile(state.path);
  else if (state.kind === 'issue' && listing?.ok === true) loaded = readStateFromIssues(listing.issues);
  else if (state.kind === 'issue') {
    const why = listing === null ? 'there is no github-token' : 'the issues could not be listed';
    loaded = {
      state: EMPTY_STATE,
      warning: `${why}, so the id-freshness check starts afresh (state: issue)`,
    };
  }
  if (loaded.warning !== null) log.warning(loaded.warning);
  return loaded.state;
}

/** The state write of this run, if the state changed and is kept in an issue. */
function stateOperation(
  previous: StateFile,
  next: StateFile,
  issues: readonly IssueRecord[],
  log: Logger,
): WriteOperation[] {
  if (!stateChanged(previous, next)) return [];
  const found = readStateFromIssues(issues).issue;
  const { body, dropped, trimmed } = renderStateBody(next);
  if (trimmed > 0)
    log.warning(
      `the state issue has room for fewer policy versions: the ${trimmed} oldest left out, so what senders may still cache is known less far back`,
    );
  if (dropped > 0)
    log.warning(
      `the state issue has room for fewer domains: ${dropped} left out, their id-freshness check skipped`,
    );
  return [{ kind: 'save-state', number: found?.number ?? null, title: STATE_ISSUE_TITLE, body }];
}

export interface IssueOutcome {
  readonly planned: readonly WriteOperation[];
  readonly execution: ExecuteResult;
  /** Issues of this run closed because an overlapping run had opened the same domain's issue first. */
  readonly duplicatesClosed: readonly number[];
  readonly error: Error | null;
}

/**
 * After creating issues, list once more: where an older issue for the same domain exists (another run created it
 * meanwhile), close ours. The lowest number wins in every run, so both runs agree on the survivor. Not capped:
 * it repairs this run's own write.
 */
async function closeOwnDuplicates(
  api: GitHubApi,
  settings: ActionSettings,
  created: ExecuteResult['created'],
): Promise<number[]> {
  if (created.length === 0) return [];
  const issues = await api.listIssues(settings.issueLabels[0] ?? '');
  const closed: number[] = [];
  for (const mine of created) {
    const first = issues
      .filter((i) => parseIssueMarker(i.body)?.domain === mine.domain)
      .sort((a, b) => a.number - b.number)[0];
    if (first === undefined || first.number >= mine.number) continue;
    await api.addComment(
      mine.number,
      `Duplicate of #${first.number}, opened by an overlapping run. Closing.`,
    );
    await api.updateIssue(mine.number, { state: 'closed', stateReason: 'not_planned' });
    closed.push(mine.number);
  }
  return closed;
}

/** Plan and apply this run's writes: the issue operations, then the state. */
export async function manageIssues(
  api: GitHubApi,
  settings: ActionSettings,
  issues: readonly IssueRecord[],
  check: { result: CheckResult; previous: StateFile; writeState: boolean; now: Date },
  log: Logger,
): Promise<IssueOutcome> {
  const planned: WriteOperation[] = settings.issues
    ? planIssueOperations({
        reports: check.result.report.domains,
        issues,
        issueOn: settings.issueOn,
        now: check.now,
      })
    : [];
  if (check.writeState) planned.push(...stateOperation(check.previous, check.result.state, issues, log));
  const options = {
    dryRun: settings.dryRun,
    maxWrites: settings.maxIssueWrites,
    labels: settings.issueLabels,
    log: (line: string) => log.info(line),
  };
  const execution = await executeIssueOperations(api, planned, options);
  let duplicatesClosed: number[] = [];
  let error: Error | null = execution.failure?.error ?? null;
  try {
    duplicatesClosed = await closeOwnDuplicates(api, settings, execution.created);
  } catch (caught) {
    error ??= caught as Error;
  }
  return { planned, execution, duplicatesClosed, error };
}

/**
 * Persist a file state (state: file:PATH); issue state is written by manageIssues. A refused write is a warning,
 * never the end of the run (issue #11 item 2).
 */
export async function saveFileState(
  settings: ActionSettings,
  result: CheckResult,
  log: Logger,
): Promise<void> {
  if (settings.state.kind !== 'file') return;
  const warning = await writeStateFile(settings.state.path, result.state);
  if (warning !== null) log.warning(warning);
}

/** A refusal that a read-only token explains (a fork, or no `issues: write`). */
export function isForbidden(error: Error | null): boolean {
  return error instanceof GitHubApiError && error.forbidden;
}
