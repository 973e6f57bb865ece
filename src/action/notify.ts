/**
 * The GitHub side of a run: list the action's issues once, read the id-freshness state from them, and after the
 * check plan and apply the issue writes (and the state write), then make sure an overlapping run did not leave two
 * issues for one domain.
 *
 * Request budget (docs/action.md): ceil(issues / 100) reads for the listing, one more listing only when this run
 * created issues, and 1-2 writes per changed domain plus at most 2 for the state.
 */
import type { CheckResult } from '../check.js';
import {
  executeIssueOperations,
  type ExecuteOptions,
  type ExecuteResult,
  type WriteOperation,
} from './issue-executor.js';
import { parseCauseMarker } from '../report/cause-issue-body.js';
import {
  issuesByCause,
  planCauseIssueOperations,
  planRegroupCloses,
  type IssueGrouping,
} from '../report/cause-issues.js';
import { parseIssueMarker } from '../report/issue-body.js';
import { issuesByDomain, planIssueOperations, type IssueRecord, type PlanInput } from '../report/issues.js';
import { EMPTY_STATE, readStateFile, writeStateFile, type StateFile } from '../state/state-file.js';
import { GitHubApiError, type GitHubApi } from './github-client.js';
import { resolveIssueGrouping, type ActionSettings } from './inputs.js';
import {
  loadStateFromIssues,
  planStateWrite,
  readStateFromIssues,
  STATE_ISSUE_TITLE,
  stateChanged,
} from './state-store.js';

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
  api: Pick<GitHubApi, 'listComments'> | null = null,
): Promise<StateFile> {
  const { state } = settings;
  let loaded: { state: StateFile; warning: string | null } = { state: EMPTY_STATE, warning: null };
  if (state.kind === 'file') loaded = await readStateFile(state.path);
  else if (state.kind === 'issue' && listing?.ok === true)
    loaded = await readIssueState(listing.issues, api, log);
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

/** The state in the issues; its chunks (a large state) need the comments, read once. Never throws. */
async function readIssueState(
  issues: readonly IssueRecord[],
  api: Pick<GitHubApi, 'listComments'> | null,
  log: Logger,
): Promise<{ state: StateFile; warning: string | null }> {
  if (api === null) return readStateFromIssues(issues);
  try {
    return await loadStateFromIssues(issues, api);
  } catch (error) {
    log.info(`the comments of the state issue could not be listed: ${(error as Error).message}`);
    return {
      state: EMPTY_STATE,
      warning: 'the state could not be read; the id-freshness check starts afresh',
    };
  }
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
  const write = planStateWrite(previous, next);
  const base = { kind: 'save-state' as const, number: found?.number ?? null, title: STATE_ISSUE_TITLE };
  if (write.kind === 'body') return [{ ...base, body: write.body, remove: write.remove }];
  if (write.dropped > 0)
    log.warning(
      `the state is larger than ${write.buckets} comments can hold: ${write.dropped} least recently seen domains left out, their id-freshness check skipped`,
    );
  return [{ ...base, body: '', chunks: write, remove: write.remove }];
}

export interface IssueOutcome {
  /** The grouping this run used (input `issue-grouping`, `auto` resolved). */
  readonly grouping: IssueGrouping;
  /** Cause key to issue number, after this run's writes (cause grouping only): the summary links them. */
  readonly causeIssues: ReadonlyMap<string, number>;
  readonly planned: readonly WriteOperation[];
  readonly execution: ExecuteResult;
  /** Issues of this run closed because an overlapping run had opened the same domain's issue first. */
  readonly duplicatesClosed: readonly number[];
  readonly error: Error | null;
}

/** Which issue a body is the issue of: `domain:NAME` or `cause:KEY`, or null for neither. */
function identityOf(body: string): string | null {
  const domain = parseIssueMarker(body)?.domain;
  if (domain !== undefined) return `domain:${domain}`;
  const cause = parseCauseMarker(body)?.key;
  return cause === undefined ? null : `cause:${cause}`;
}

/**
 * After creating issues, list once more: where an older issue for the same domain or cause exists (another run
 * created it meanwhile), close ours. The lowest number wins in every run, so both runs agree on the survivor. Not
 * capped: it repairs this run's own write.
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
    const identity = `${mine.cause === true ? 'cause' : 'domain'}:${mine.domain}`;
    const first = issues
      .filter((i) => identityOf(i.body) === identity)
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

/** Issue numbers of `grouping` by cause key or domain: the lowest listed, then those this run created. */
function numbersOf(
  grouping: IssueGrouping,
  issues: readonly IssueRecord[],
  created: ExecuteResult['created'],
): Map<string, number> {
  const listed = grouping === 'cause' ? issuesByCause(issues) : issuesByDomain(issues);
  const numbers = new Map<string, number>();
  for (const [key, found] of listed) {
    const first = found[0];
    if (first !== undefined) numbers.set(key, first.issue.number);
  }
  for (const c of created) if ((c.cause === true) === (grouping === 'cause')) numbers.set(c.domain, c.number);
  return numbers;
}

/** Run `next` after `done` within what is left of the cap; a failure or deferral in `done` stops here. */
async function then(
  api: GitHubApi,
  done: ExecuteResult,
  next: readonly WriteOperation[],
  options: ExecuteOptions,
): Promise<ExecuteResult> {
  if (next.length === 0) return done;
  // As within one list: what comes after a failure or a deferral waits (in dry-run everything is only logged).
  if (done.failure !== null || (!options.dryRun && done.deferred.length > 0))
    return { ...done, deferred: [...done.deferred, ...next] };
  const more = await executeIssueOperations(api, next, {
    ...options,
    maxWrites: options.maxWrites - done.writes,
  });
  return {
    done: [...done.done, ...more.done],
    deferred: [...done.deferred, ...more.deferred],
    failure: more.failure,
    created: [...done.created, ...more.created],
    writes: done.writes + more.writes,
  };
}

/**
 * Plan and apply this run's writes: the issue operations of its grouping; then, when all of them were done, the
 * closing of the other grouping's issues (a switch of `issue-grouping`); then the state.
 */
export async function manageIssues(
  api: GitHubApi,
  settings: ActionSettings,
  issues: readonly IssueRecord[],
  check: { result: CheckResult; previous: StateFile; writeState: boolean; now: Date },
  log: Logger,
): Promise<IssueOutcome> {
  const reports = check.result.report.domains;
  const grouping = resolveIssueGrouping(settings.issueGrouping, reports.length);
  const input: PlanInput = { reports, issues, issueOn: settings.issueOn, now: check.now };
  const own: WriteOperation[] = !settings.issues
    ? []
    : grouping === 'cause'
      ? planCauseIssueOperations(input)
      : planIssueOperations(input);
  const options = {
    dryRun: settings.dryRun,
    maxWrites: settings.maxIssueWrites,
    labels: settings.issueLabels,
    log: (line: string) => log.info(line),
  };
  let execution = await executeIssueOperations(api, own, options);
  const complete = execution.failure === null && execution.deferred.length === 0;
  const regroup =
    settings.issues && complete
      ? planRegroupCloses({ ...input, grouping, numbers: numbersOf(grouping, issues, execution.created) })
      : [];
  execution = await then(api, execution, regroup, options);
  const state = check.writeState ? stateOperation(check.previous, check.result.state, issues, log) : [];
  // A chunked state write (or the cleanup of chunks) is not split over runs: once the issue operations fit, it goes
  // whole, whatever the cap; it notifies nobody but the closed state issue's subscribers (issue #9 item 2).
  const chunked = state.some(
    (op) => op.kind === 'save-state' && (op.chunks !== undefined || (op.remove?.length ?? 0) > 0),
  );
  execution = await then(api, execution, state, chunked ? { ...options, maxWrites: Infinity } : options);
  let duplicatesClosed: number[] = [];
  let error: Error | null = execution.failure?.error ?? null;
  try {
    duplicatesClosed = await closeOwnDuplicates(api, settings, execution.created);
  } catch (caught) {
    error ??= caught as Error;
  }
  const causeIssues =
    grouping === 'cause' ? numbersOf('cause', issues, execution.created) : new Map<string, number>();
  return {
    grouping,
    causeIssues,
    planned: [...own, ...regroup, ...state],
    execution,
    duplicatesClosed,
    error,
  };
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
