import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createGitHubApi,
  MAX_COMMENT_PAGES,
  GitHubApiError,
  type GitHubApi,
  type GitHubClientOptions,
} from '../../src/action/github-client.js';
import {
  SECONDARY_RATE_LIMIT_MESSAGE,
  startGitHubApiServer,
  type TestGitHubApiServer,
} from '../helpers/github-api-server.js';

let server: TestGitHubApiServer;
let api: GitHubApi;
const log: string[] = [];

/** A client whose waits are milliseconds where GitHub says seconds, so retry tests stay fast. */
function client(extra: Partial<GitHubClientOptions> = {}): GitHubApi {
  return createGitHubApi({
    token: 'test-token',
    owner: 'octo',
    repo: 'dns',
    baseUrl: server.url,
    retryAfterBaseMs: 1,
    writeSpacingMs: 0,
    log: (line) => log.push(line),
    ...extra,
  });
}

beforeAll(async () => {
  server = await startGitHubApiServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  log.length = 0;
  api = client();
});
afterEach(() => vi.restoreAllMocks());

describe('createGitHubApi against a local server', () => {
  it('lists every page once, labelled issues only, pull requests left out', async () => {
    for (let i = 0; i < 230; i++)
      server.seedIssue({ title: `t${i}`, body: `b${i}`, labels: ['mta-sts-drift'] });
    server.seedIssue({ title: 'other', body: '', labels: ['bug'] });
    server.seedIssue({ title: 'pr', body: '', labels: ['mta-sts-drift'], isPullRequest: true });
    const issues = await api.listIssues('mta-sts-drift');
    expect(issues).toHaveLength(230);
    expect(issues[0]?.number).toBe(1);
    expect(server.requests.map((r) => r.query['page'] ?? '1')).toEqual(['1', '2', '3']);
    expect(server.requests[0]?.query).toMatchObject({
      labels: 'mta-sts-drift',
      state: 'all',
      per_page: '100',
    });
    expect(api.requests).toEqual({ reads: 3, writes: 0 });
  });

  it('creates, updates, comments and counts writes', async () => {
    const created = await api.createIssue({ title: 'T', body: 'B', labels: ['a', 'b'] });
    await api.updateIssue(created.number, { state: 'closed', stateReason: 'completed' });
    await api.addComment(created.number, 'hello');
    expect(server.issues.get(created.number)).toMatchObject({
      labels: ['a', 'b'],
      state: 'closed',
      stateReason: 'completed',
      comments: ['hello'],
    });
    expect(api.requests).toEqual({ reads: 0, writes: 3 });
  });

  it('creates, lists and deletes comments by id; a comment already gone is no error', async () => {
    const { number } = await api.createIssue({ title: 'T', body: 'B', labels: [] });
    const first = await api.createComment(number, 'one');
    const second = await api.createComment(number, 'two');
    expect(await api.listComments(number)).toEqual([
      { id: first, body: 'one' },
      { id: second, body: 'two' },
    ]);
    await api.deleteComment(first);
    await api.deleteComment(first);
    expect(await api.listComments(number)).toEqual([{ id: second, body: 'two' }]);
  });

  it(`reads at most ${MAX_COMMENT_PAGES} pages of comments (issue #9 item 2)`, async () => {
    const comments = Array.from({ length: MAX_COMMENT_PAGES * 100 + 50 }, (_, i) => `c${i}`);
    const issue = server.seedIssue({ title: 'T', body: 'B', comments });
    const listed = await api.listComments(issue.number);
    expect(listed).toHaveLength(MAX_COMMENT_PAGES * 100);
    expect(api.requests.reads).toBe(MAX_COMMENT_PAGES);
  });

  it('reads a file at a ref, and null when it is missing', async () => {
    server.files.set('abc123:conf/domains.yml', 'domains: [example.com]\n');
    expect(await api.getFileText('conf/domains.yml', 'abc123')).toBe('domains: [example.com]\n');
    expect(await api.getFileText('conf/domains.yml', 'other')).toBeNull();
    expect(decodeURIComponent(server.requests[0]!.path)).toBe('/repos/octo/dns/contents/conf/domains.yml');
  });

  it('turns a read-only token refusal into a GitHubApiError that says forbidden', async () => {
    server.readOnly = true;
    const error = await api.createIssue({ title: 'T', body: 'B', labels: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).forbidden).toBe(true);
    expect((error as GitHubApiError).message).toMatch(/cannot create an issue: HTTP 403/);
  });

  it('registers the token as a secret, so the log masks it (issue #11 item 8)', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    client({ token: 'ghs_s3cr3t' });
    expect(written.join('')).toContain('::add-mask::ghs_s3cr3t');
  });
});

describe('retries through the Octokit retry and throttling plugins (issue #11 item 16)', () => {
  const isPost = (r: { method: string }) => r.method === 'POST';
  const isGet = (r: { method: string }) => r.method === 'GET';

  it.each([403, 429])(
    'waits out a %i secondary rate limit for its Retry-After, a create included, then goes on',
    async (status) => {
      server.fault({
        match: isPost,
        status,
        headers: { 'retry-after': '7' },
        message: SECONDARY_RATE_LIMIT_MESSAGE,
      });
      const started = Date.now();
      const created = await api.createIssue({ title: 'T', body: 'B', labels: [] });
      // 7 s scaled to 7 ms (a timer may fire a millisecond early).
      expect(Date.now() - started).toBeGreaterThanOrEqual(6);
      expect(server.issues.get(created.number)?.title).toBe('T');
      expect(server.issues.size).toBe(1);
      expect(api.requests).toEqual({ reads: 0, writes: 2 });
      expect(log).toEqual([expect.stringMatching(/secondary rate limit .*POST .*retrying in 7 s/)]);
    },
  );

  it('waits a minute (scaled) for a secondary rate limit without Retry-After', async () => {
    server.fault({ match: isGet, status: 403, message: SECONDARY_RATE_LIMIT_MESSAGE, times: 2 });
    const started = Date.now();
    expect(await api.listIssues('mta-sts-drift')).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 60 - 2);
    expect(api.requests).toEqual({ reads: 3, writes: 0 });
  });

  it('gives up on a secondary rate limit that persists, and does not call it a permission problem', async () => {
    server.fault({ match: isGet, status: 429, message: SECONDARY_RATE_LIMIT_MESSAGE, times: 50 });
    const error = await api.listIssues('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 429, rateLimited: true, forbidden: false });
    expect((error as Error).message).toMatch(/HTTP 429.*rate limit/);
    expect(api.requests.reads).toBe(3);
  });

  it('waits for a primary rate limit that resets within seconds', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 2);
    server.fault({
      match: isGet,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      message: 'API rate limit exceeded for installation.',
    });
    expect(await api.listIssues('x')).toEqual([]);
    expect(api.requests.reads).toBe(2);
    expect(log).toEqual([expect.stringMatching(/rate limit .*GET .*retrying in [1-4] s/)]);
  });

  it('does not hold a job for an hour until a primary rate limit resets', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    server.fault({
      match: isGet,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      message: 'API rate limit exceeded for installation.',
    });
    const error = await api.listIssues('x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, rateLimited: true, forbidden: false });
    expect(api.requests.reads).toBe(1);
    expect(log).toEqual([expect.stringMatching(/rate limit .*resets in 36\d\d s.*not waiting/)]);
  });

  it('retries reads and updates after a server error, never a create or a comment', async () => {
    server.fault({ match: isGet, status: 502, times: 2 });
    expect(await api.listIssues('x')).toEqual([]);
    expect(api.requests).toEqual({ reads: 3, writes: 0 });
    const issue = server.seedIssue({ title: 'T', body: 'old' });
    server.fault({ match: (r) => r.method === 'PATCH', status: 503 });
    await api.updateIssue(issue.number, { body: 'new' });
    expect(server.issues.get(issue.number)?.body).toBe('new');
    expect(api.requests).toEqual({ reads: 3, writes: 2 });
    server.fault({ match: isPost, status: 500, times: 2 });
    await expect(api.createIssue({ title: 'T', body: 'B', labels: [] })).rejects.toThrow(/HTTP 500/);
    await expect(api.addComment(issue.number, 'hi')).rejects.toThrow(/HTTP 500/);
    expect(api.requests).toEqual({ reads: 3, writes: 4 });
    expect(server.issues.size).toBe(1);
  });

  it('gives up on a read after three retries of a server error', async () => {
    server.fault({ match: isGet, status: 500, times: 50 });
    await expect(api.listIssues('x')).rejects.toThrow(/cannot list the issues labelled "x": HTTP 500/);
    expect(api.requests.reads).toBe(4);
  });

  it('does not retry a refusal: a read-only token gets one try', async () => {
    server.readOnly = true;
    await expect(api.updateIssue(1, { body: 'x' })).rejects.toThrow(/HTTP 403/);
    expect(api.requests.writes).toBe(1);
    expect(log).toEqual([]);
  });

  it('ends a request that never gets an answer, within its timeout', async () => {
    server.hang = (r) => r.method === 'POST';
    const slow = client({ requestTimeoutMs: 150 });
    const started = Date.now();
    const error = await slow.createIssue({ title: 'T', body: 'B', labels: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/cannot create an issue: no response, .*timeout/i);
    expect(error).toMatchObject({ status: null, forbidden: false });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(slow.requests.writes).toBe(1);
  });
});
