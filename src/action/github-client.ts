/**
 * The GitHub REST calls the action makes, behind one small interface with one live implementation (Octokit from
 * `@actions/github`). Issues are listed once per run by label, all pages, open and closed: the search API lags, so
 * a just-created issue could be missed and duplicated (issue #3). Every HTTP request is counted, retries included.
 *
 * Retries are Octokit's retry and throttling plugins, set up in github-retry.ts (issue #11 item 16).
 */
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { IssueRecord } from '../report/issues.js';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  NOT_REPEATABLE,
  perAttempt,
  retryOptions,
  type RequestCount,
} from './github-retry.js';

export interface IssuePatch {
  readonly title?: string;
  readonly body?: string;
  readonly state?: 'open' | 'closed';
  readonly stateReason?: 'completed' | 'not_planned' | 'reopened';
}

export type { RequestCount } from './github-retry.js';

/**
 * Pages of comments read at most (100 each): twenty times the largest chunked state (256 chunk comments, issue #9
 * item 2), so that only thousands of comments added by others reach it, and even they cost a bounded 50 reads.
 */
export const MAX_COMMENT_PAGES = 50;

export interface GitHubApi {
  /** Every issue (not pull request) with `label`, open or closed, lowest number first. */
  listIssues(label: string): Promise<IssueRecord[]>;
  createIssue(issue: { title: string; body: string; labels: readonly string[] }): Promise<IssueRecord>;
  updateIssue(issueNumber: number, patch: IssuePatch): Promise<void>;
  addComment(issueNumber: number, body: string): Promise<void>;
  /** The comments of an issue, oldest first, at most MAX_COMMENT_PAGES pages (the chunks of a large state). */
  listComments(issueNumber: number): Promise<{ id: number; body: string }[]>;
  /** Add a comment and say its id. */
  createComment(issueNumber: number, body: string): Promise<number>;
  deleteComment(commentId: number): Promise<void>;
  /** A file's text at `ref`, or null when it does not exist there. */
  getFileText(path: string, ref: string): Promise<string | null>;
  readonly requests: RequestCount;
}

function responseHeader(cause: unknown, name: string): string | undefined {
  const headers = (cause as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers;
  const value = headers?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** A refused or failed GitHub API call, naming the operation. `status` is null when no response came. */
export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
  readonly status: number | null;
  /** GitHub refused for a rate limit (primary or secondary) that outlasted the retries. */
  readonly rateLimited: boolean;

  constructor(operation: string, cause: unknown) {
    const failed = cause as { status?: unknown; response?: unknown } | null;
    // Octokit gives a lost connection or a timeout the status 500 but no response: say what happened instead.
    const status = typeof failed?.status === 'number' && failed.response !== undefined ? failed.status : null;
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      `GitHub API: cannot ${operation}: ${status === null ? 'no response, ' : `HTTP ${status}, `}${detail}`,
      {
        cause,
      },
    );
    this.status = status;
    this.rateLimited =
      (this.status === 403 || this.status === 429) &&
      (/rate limit/i.test(detail) || responseHeader(cause, 'x-ratelimit-remaining') === '0');
  }

  /** The token lacks the permission (a fork's read-only token, or no `issues: write`); not a rate limit. */
  get forbidden(): boolean {
    return (this.status === 401 || this.status === 403) && !this.rateLimited;
  }
}

export interface GitHubClientOptions {
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  /** Default: GITHUB_API_URL, read now (not when @actions/github was loaded), else https://api.github.com. */
  readonly baseUrl?: string;
  /**
   * Milliseconds per second of every wait before a retry, the Retry-After that GitHub asks for included.
   * Default 1000; tests pass 1 so a "Retry-After: 60" costs 60 ms.
   */
  readonly retryAfterBaseMs?: number;
  /**
   * Least time between two writes. Default: the throttling plugin's, after GitHub's advice against secondary
   * rate limits (1 s between writes, 3 s between those that notify people, such as new issues and comments).
   */
  readonly writeSpacingMs?: number;
  /** Time allowed for one HTTP request (each retry gets its own). Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Where retries are told; default the Actions log. */
  readonly log?: (line: string) => void;
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
  // Issue #11 item 8: whatever prints it later (a debug log, an error), the runner masks it.
  core.setSecret(options.token);
  const baseUrl = options.baseUrl ?? process.env['GITHUB_API_URL'] ?? 'https://api.github.com';
  const requests: RequestCount = { reads: 0, writes: 0 };
  const octokit = getOctokit(
    options.token,
    {
      baseUrl,
      ...retryOptions({
        retryAfterBaseMs: options.retryAfterBaseMs ?? 1000,
        ...(options.writeSpacingMs === undefined ? {} : { writeSpacingMs: options.writeSpacingMs }),
        log: options.log ?? ((line: string) => core.info(line)),
      }),
    },
    perAttempt(requests, options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    retry,
    throttling,
  );
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
        const { data } = await octokit.rest.issues.create({
          ...repo,
          title,
          body,
          labels: [...labels],
          request: NOT_REPEATABLE,
        });
        return toRecord(data);
      }),
    updateIssue: (issueNumber, patch) =>
      attempt(`update issue #${issueNumber}`, async () => {
        await octokit.rest.issues.update({
          ...repo,
          issue_number: issueNumber,
          ...(patch.title === undefined ? {} : { title: patch.title }),
          ...(patch.body === undefined ? {} : { body: patch.body }),
          ...(patch.state === undefined ? {} : { state: patch.state }),
          ...(patch.stateReason === undefined ? {} : { state_reason: patch.stateReason }),
        });
      }),
    addComment: (issueNumber, body) =>
      attempt(`comment on issue #${issueNumber}`, async () => {
        await octokit.rest.issues.createComment({
          ...repo,
          issue_number: issueNumber,
          body,
          request: NOT_REPEATABLE,
        });
      }),
    listComments: (issueNumber) =>
      attempt(`list the comments of issue #${issueNumber}`, async () => {
        const params = { ...repo, issue_number: issueNumber, per_page: 100 };
        let pages = 0;
        // Bounded: comments anyone can add must not turn one read into hundreds.
        const items = await octokit.paginate(octokit.rest.issues.listComments, params, (response, done) => {
          if (++pages >= MAX_COMMENT_PAGES) done();
          return response.data;
        });
        return items.map((c) => ({ id: c.id, body: c.body ?? '' }));
      }),
    createComment: (issueNumber, body) =>
      attempt(`comment on issue #${issueNumber}`, async () => {
        const { data } = await octokit.rest.issues.createComment({
          ...repo,
          issue_number: issueNumber,
          body,
          request: NOT_REPEATABLE,
        });
        return data.id;
      }),
    deleteComment: (commentId) =>
      attempt(`delete comment ${commentId}`, async () => {
        try {
          await octokit.rest.issues.deleteComment({ ...repo, comment_id: commentId });
        } catch (error) {
          // Already gone (a retry after a lost answer, or a person deleted it): what was wanted.
          if ((error as { status?: unknown }).status !== 404) throw error;
        }
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
