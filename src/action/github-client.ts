/**
 * The GitHub REST calls the action makes, behind one small interface with one live implementation (Octokit from
 * `@actions/github`). Issues are listed once per run by label, all pages, open and closed: the search API lags, so
 * a just-created issue could be missed and duplicated (issue #3). Every request is counted.
 */
import { getOctokit } from '@actions/github';
import type { IssueRecord } from '../report/issues.js';

export interface IssuePatch {
  readonly body?: string;
  readonly state?: 'open' | 'closed';
  readonly stateReason?: 'completed' | 'not_planned' | 'reopened';
}

/** Requests made so far: reads are GETs, writes everything else. */
export interface RequestCount {
  reads: number;
  writes: number;
}

export interface GitHubApi {
  /** Every issue (not pull request) with `label`, open or closed, lowest number first. */
  listIssues(label: string): Promise<IssueRecord[]>;
  createIssue(issue: { title: string; body: string; labels: readonly string[] }): Promise<IssueRecord>;
  updateIssue(issueNumber: number, patch: IssuePatch): Promise<void>;
  addComment(issueNumber: number, body: string): Promise<void>;
  /** A file's text at `ref`, or null when it does not exist there. */
  getFileText(path: string, ref: string): Promise<string | null>;
  readonly requests: RequestCount;
}

/** A refused or failed GitHub API call, naming the operation. `status` is null when no response came. */
export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
  readonly status: number | null;

  constructor(operation: string, cause: unknown) {
    const status = (cause as { status?: unknown } | null)?.status;
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      `GitHub API: cannot ${operation}: ${typeof status === 'number' ? `HTTP ${status}, ` : ''}${detail}`,
      {
        cause,
      },
    );
    this.status = typeof status === 'number' ? status : null;
  }

  /** The token lacks the permission (a fork's read-only token, or no `issues: write`). */
  get forbidden(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export interface GitHubClientOptions {
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  /** Default: GITHUB_API_URL, read now (not when @actions/github was loaded), else https://api.github.com. */
  readonly baseUrl?: string;
  /** Wait before retrying a failed read; doubled for the next try. */
  readonly retryDelayMs?: number;
}

/** Reads are retried on a server error or a lost connection; writes never are (a create is not idempotent). */
const READ_ATTEMPTS = 3;
const DEFAULT_RETRY_DELAY_MS = 1000;

function isTransient(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status >= 500;
}

async function attempt<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new GitHubApiError(operation, error);
  }
}

/** The live client. */
export function createGitHubApi(options: GitHubClientOptions): GitHubApi {
  const baseUrl = options.baseUrl ?? process.env['GITHUB_API_URL'] ?? 'https://api.github.com';
  const octokit = getOctokit(options.token, { baseUrl });
  const requests: RequestCount = { reads: 0, writes: 0 };
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  octokit.hook.wrap('request', async (request, endpoint) => {
    const read = endpoint.method === 'GET';
    for (let attempt = 1; ; attempt++) {
      if (read) requests.reads++;
      else requests.writes++;
      try {
        return await request(endpoint);
      } catch (error) {
        if (!read || attempt >= READ_ATTEMPTS || !isTransient(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  });
  const repo = { owner: options.owner, repo: options.repo };
  const toRecord = (issue: {
    number: number;
    state: string;
    title: string;
    body?: string | null;
    labels?: readonly (string | { name?: string })[];
  }): IssueRecord => ({
    number: issue.number,
    state: issue.state === 'closed' ? 'closed' : 'open',
    title: issue.title,
    body: issue.body ?? '',
    labels: (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
  });
  return {
    requests,
    listIssues: (label) =>
      attempt(`list the issues labelled ${JSON.stringify(label)}`, async () => {
        const params = { ...repo, labels: label, state: 'all' as const, per_page: 100 };
        const items = await octokit.paginate(octokit.rest.issues.listForRepo, params);
        return items
          .filter((item) => item.pull_request === undefined)
          .map(toRecord)
          .sort((a, b) => a.number - b.number);
      }),
    createIssue: ({ title, body, labels }) =>
      attempt('create an issue', async () => {
        const { data } = await octokit.rest.issues.create({ ...repo, title, body, labels: [...labels] });
        return toRecord(data);
      }),
    updateIssue: (issueNumber, patch) =>
      attempt(`update issue #${issueNumber}`, async () => {
        await octokit.rest.issues.update({
          ...repo,
          issue_number: issueNumber,
          ...(patch.body === undefined ? {} : { body: patch.body }),
          ...(patch.state === undefined ? {} : { state: patch.state }),
          ...(patch.stateReason === undefined ? {} : { state_reason: patch.stateReason }),
        });
      }),
    addComment: (issueNumber, body) =>
      attempt(`comment on issue #${issueNumber}`, async () => {
        await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
      }),
    getFileText: (path, ref) =>
      attempt(`read ${path} at ${ref}`, async () => {
        try {
          // The raw media type answers with the file itself, whatever its size (the JSON form stops at 1 MB).
          const response = await octokit.rest.repos.getContent({
            ...repo,
            path,
            ref,
            mediaType: { format: 'raw' },
          });
          const data: unknown = response.data;
          if (typeof data !== 'string') throw new Error(`${path} is not a file`);
          return data;
        } catch (error) {
          if ((error as { status?: unknown }).status === 404) return null;
          throw error;
        }
      }),
  };
}
