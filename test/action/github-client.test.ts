import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubApi, GitHubApiError, type GitHubApi } from '../../src/action/github-client.js';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';

let server: TestGitHubApiServer;
let api: GitHubApi;

beforeAll(async () => {
  server = await startGitHubApiServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  api = createGitHubApi({
    token: 'test-token',
    owner: 'octo',
    repo: 'dns',
    baseUrl: server.url,
    retryDelayMs: 1,
  });
});

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

  it('retries a read after a server error, never a write', async () => {
    server.failNext = (r) => r.method === 'GET';
    expect(await api.listIssues('mta-sts-drift')).toEqual([]);
    expect(api.requests).toEqual({ reads: 2, writes: 0 });
    server.failNext = (r) => r.method === 'POST';
    await expect(api.createIssue({ title: 'T', body: 'B', labels: [] })).rejects.toThrow(/HTTP 500/);
    expect(api.requests).toEqual({ reads: 2, writes: 1 });
  });
});
