/**
 * What the workflow run is: event, repository, workspace, and for pull requests the base commit and whether the
 * head is a fork. Read from the environment when run() starts, not when a module loads (as `@actions/github`'s
 * `context` does), so that tests can run the action several times in one process.
 */
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';

export const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target']);

/**
 * The events on which the action writes issues and state (issue #11 item 7): an allow-list, so that an event added
 * to a workflow later (`pull_request_target`, `workflow_run`, `issue_comment`, a push to a feature branch) never
 * lets a domains.yml that was not merged open or close issues or overwrite the id-freshness memory.
 */
export const WRITE_EVENTS = 'schedule, workflow_dispatch and pushes to the default branch';

export interface PullRequestInfo {
  readonly number: number;
  readonly baseSha: string;
  /** A fork's pull request runs with a read-only token: no issue writes (issue #3). */
  readonly fromFork: boolean;
}

export interface RunContext {
  readonly eventName: string;
  readonly owner: string;
  readonly repo: string;
  /** The checkout: config paths in annotations and in the contents API are relative to it. */
  readonly workspace: string;
  /** Where the JSON report goes. */
  readonly tempDir: string;
  readonly pullRequest: PullRequestInfo | null;
  /** GITHUB_REF, e.g. refs/heads/main. */
  readonly ref: string;
  /** The repository's default branch, from the event payload; null when the payload does not say. */
  readonly defaultBranch: string | null;
  /** GITHUB_SERVER_URL, for links to issues. */
  readonly serverUrl: string;
}

/** The environment is not a GitHub Actions run (or a broken one). */
export class RunContextError extends Error {
  override readonly name = 'RunContextError';
}

interface EventPayload {
  repository?: { default_branch?: string } | null;
  pull_request?: {
    number?: number;
    base?: { sha?: string; repo?: { full_name?: string } | null };
    head?: { repo?: { full_name?: string } | null };
  };
}

async function readPayload(path: string | undefined): Promise<EventPayload> {
  if (path === undefined || path === '') return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as EventPayload;
  } catch (error) {
    throw new RunContextError(`cannot read the event payload ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function pullRequestOf(payload: EventPayload): PullRequestInfo | null {
  const pr = payload.pull_request;
  const baseSha = pr?.base?.sha;
  if (pr === undefined || baseSha === undefined) return null;
  const head = pr.head?.repo?.full_name;
  // A deleted fork has no head repository: treat it as a fork (read-only token).
  const fromFork = head === undefined || head !== pr.base?.repo?.full_name;
  return { number: pr.number ?? 0, baseSha, fromFork };
}

/** Read the run context from `env` (GITHUB_EVENT_NAME, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_WORKSPACE). */
export async function readRunContext(env: NodeJS.ProcessEnv): Promise<RunContext> {
  const [owner, repo, ...extra] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  if (owner === undefined || owner === '' || repo === undefined || repo === '' || extra.length > 0) {
    throw new RunContextError(
      `GITHUB_REPOSITORY is ${JSON.stringify(env['GITHUB_REPOSITORY'] ?? '')}; expected owner/repo (is this a GitHub Actions run?)`,
    );
  }
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  // Pull requests need the payload for the base commit and the fork test, pushes for the default branch.
  const needsPayload = PULL_REQUEST_EVENTS.has(eventName) || eventName === 'push';
  const payload = needsPayload ? await readPayload(env['GITHUB_EVENT_PATH']) : {};
  const defaultBranch = payload.repository?.default_branch;
  return {
    eventName,
    owner,
    repo,
    workspace: env['GITHUB_WORKSPACE'] ?? process.cwd(),
    tempDir: env['RUNNER_TEMP'] ?? tmpdir(),
    pullRequest: PULL_REQUEST_EVENTS.has(eventName) ? pullRequestOf(payload) : null,
    ref: env['GITHUB_REF'] ?? '',
    defaultBranch: typeof defaultBranch === 'string' && defaultBranch !== '' ? defaultBranch : null,
    serverUrl: (env['GITHUB_SERVER_URL'] ?? '').replace(/\/+$/, '') || 'https://github.com',
  };
}

/**
 * Whether this run may write issues and state: null when it may, else why not, for the log and the summary
 * (issue #11 item 7). A push counts only when GITHUB_REF is the default branch named by the payload; a payload that
 * does not name it fails closed.
 */
export function whyNoWrites(context: RunContext): string | null {
  const { eventName } = context;
  if (eventName === 'schedule' || eventName === 'workflow_dispatch') return null;
  if (eventName === 'push') {
    if (context.defaultBranch !== null && context.ref === `refs/heads/${context.defaultBranch}`) return null;
    const branch =
      context.defaultBranch === null ? 'the default branch' : `the default branch ${context.defaultBranch}`;
    return `this push is to ${context.ref || 'an unknown ref'}, not ${branch}`;
  }
  if (PULL_REQUEST_EVENTS.has(eventName))
    return `this is a ${eventName} run, whose domains.yml is not merged yet`;
  return `this is a ${eventName || 'unknown'} run`;
}
