/**
 * What the workflow run is: event, repository, workspace, and for pull requests the base commit and whether the
 * head is a fork. Read from the environment when run() starts, not when a module loads (as `@actions/github`'s
 * `context` does), so that tests can run the action several times in one process.
 */
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';

export const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target']);

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
}

/** The environment is not a GitHub Actions run (or a broken one). */
export class RunContextError extends Error {
  override readonly name = 'RunContextError';
}

interface PullRequestPayload {
  pull_request?: {
    number?: number;
    base?: { sha?: string; repo?: { full_name?: string } | null };
    head?: { repo?: { full_name?: string } | null };
  };
}

async function readPayload(path: string | undefined): Promise<PullRequestPayload> {
  if (path === undefined || path === '') return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PullRequestPayload;
  } catch (error) {
    throw new RunContextError(`cannot read the event payload ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function pullRequestOf(payload: PullRequestPayload): PullRequestInfo | null {
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
  const payload = PULL_REQUEST_EVENTS.has(eventName) ? await readPayload(env['GITHUB_EVENT_PATH']) : {};
  return {
    eventName,
    owner,
    repo,
    workspace: env['GITHUB_WORKSPACE'] ?? process.cwd(),
    tempDir: env['RUNNER_TEMP'] ?? tmpdir(),
    pullRequest: pullRequestOf(payload),
  };
}
