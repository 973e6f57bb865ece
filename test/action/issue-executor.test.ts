import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubApi, type GitHubApi } from '../../src/action/github-client.js';
import { executeIssueOperations, type WriteOperation } from '../../src/action/issue-executor.js';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';

let server: TestGitHubApiServer;
let api: GitHubApi;
const log: string[] = [];

beforeAll(async () => {
  server = await startGitHubApiServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  log.length = 0;
  api = createGitHubApi({
    token: 'test-token',
    owner: 'octo',
    repo: 'dns',
    baseUrl: server.url,
    writeSpacingMs: 0,
    log: () => undefined,
  });
});

const options = (extra: Partial<Parameters<typeof executeIssueOperations>[2]> = {}) => ({
  dryRun: false,
  maxWrites: 50,
  labels: ['mta-sts-drift', 'dns'],
  log: (line: string) => log.push(line),
  ...extra,
});

const create = (domain: string): WriteOperation => ({
  kind: 'create',
  domain,
  title: `t ${domain}`,
  body: `b ${domain}`,
});

describe('executeIssueOperations', () => {
  it('applies every kind with the requests GitHub expects', async () => {
    const open = server.seedIssue({ title: 'o', body: 'old', labels: ['mta-sts-drift'] });
    const closed = server.seedIssue({ title: 'c', body: 'old', labels: ['mta-sts-drift'], state: 'closed' });
    const ops: WriteOperation[] = [
      create('a.example'),
      { kind: 'update', domain: 'b', number: open.number, body: 'new', comment: 'changed' },
      { kind: 'reopen', domain: 'c', number: closed.number, body: 'again', comment: 'drifts again' },
      { kind: 'save-state', number: null, title: 'state', body: 'state body' },
    ];
    const result = await executeIssueOperations(api, ops, options());
    expect(result.failure).toBeNull();
    expect(result.writes).toBe(1 + 2 + 2 + 2);
    expect(server.writes()).toHaveLength(7);
    expect(result.created).toEqual([{ domain: 'a.example', number: 3 }]);
    expect(server.issues.get(3)?.labels).toEqual(['mta-sts-drift', 'dns']);
    expect(server.issues.get(open.number)).toMatchObject({ body: 'new', comments: ['changed'] });
    expect(server.issues.get(closed.number)).toMatchObject({ state: 'open', body: 'again' });
    expect(server.issues.get(4)).toMatchObject({
      state: 'closed',
      labels: ['mta-sts-drift'],
      body: 'state body',
    });
  });

  it('comments before closing, so the notification says why', async () => {
    const open = server.seedIssue({ title: 'o', body: 'old' });
    await executeIssueOperations(
      api,
      [{ kind: 'close', domain: 'x', number: open.number, comment: 'healthy', reason: 'resolved' }],
      options(),
    );
    expect(server.writes().map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(server.issues.get(open.number)).toMatchObject({ state: 'closed', stateReason: 'completed' });
  });

  it('writes nothing in dry-run mode and logs every operation', async () => {
    const result = await executeIssueOperations(api, [create('a'), create('b')], options({ dryRun: true }));
    expect(server.requests).toHaveLength(0);
    expect(result.deferred).toHaveLength(2);
    expect(log).toEqual(['[dry-run] would open an issue for a', '[dry-run] would open an issue for b']);
  });

  it('stops before an operation that would pass the cap', async () => {
    const ops = [create('a'), create('b'), create('c')];
    const result = await executeIssueOperations(api, ops, options({ maxWrites: 2 }));
    expect(server.writes()).toHaveLength(2);
    expect(result.deferred.map((op) => (op.kind === 'create' ? op.domain : ''))).toEqual(['c']);
  });

  it('stops at the first failure and leaves the rest for the next run', async () => {
    server.failNext = (r) => r.method === 'POST' && (r.body as { title?: string }).title === 't b';
    const result = await executeIssueOperations(api, [create('a'), create('b'), create('c')], options());
    expect(result.failure?.error.message).toMatch(/HTTP 500/);
    expect(result.done).toHaveLength(1);
    expect(result.deferred).toHaveLength(1);
    expect(server.issues.size).toBe(1);
  });

  it('stops when GitHub drops the label, which would make the issue unfindable', async () => {
    server.dropLabels = true;
    const result = await executeIssueOperations(api, [create('a'), create('b')], options());
    expect(result.failure?.error.message).toMatch(/created issue #\d+ without the label "mta-sts-drift"/);
    expect(server.issues.size).toBe(1);
  });

  // Issue #11 item 20: the executor's own tests for closed duplicates, removed domains, the cap, dry-run.
  it.each([
    ['resolved', 'completed'],
    ['duplicate', 'not_planned'],
    ['removed', 'not_planned'],
  ] as const)(
    'closes a %s issue with the state reason %s, after its comment',
    async (reason, stateReason) => {
      const open = server.seedIssue({ title: 'o', body: 'old' });
      const comment = `closing: ${reason}`;
      const result = await executeIssueOperations(
        api,
        [{ kind: 'close', domain: 'x', number: open.number, comment, reason }],
        options(),
      );
      expect(result).toMatchObject({ failure: null, writes: 2 });
      expect(server.issues.get(open.number)).toMatchObject({
        state: 'closed',
        stateReason,
        comments: [comment],
      });
    },
  );

  it('defers a two-write operation that does not fit whole under the cap, with everything after it', async () => {
    const open = server.seedIssue({ title: 'o', body: 'old' });
    const ops: WriteOperation[] = [
      create('a'),
      { kind: 'update', domain: 'b', number: open.number, body: 'new', comment: 'changed' },
      create('c'),
    ];
    const result = await executeIssueOperations(api, ops, options({ maxWrites: 2 }));
    expect(result.writes).toBe(1);
    expect(result.done).toEqual([ops[0]]);
    expect(result.deferred).toEqual([ops[1], ops[2]]);
    // Never half of it: no body written without its comment.
    expect(server.issues.get(open.number)).toMatchObject({ body: 'old', comments: [] });
    expect(server.writes()).toHaveLength(1);
    expect(log.at(-1)).toBe('write cap of 2 reached: 2 operations left for the next run');
  });

  it('counts a new state issue as two writes (create, then close) against the cap', async () => {
    const state: WriteOperation = { kind: 'save-state', number: null, title: 'state', body: 's' };
    const tight = await executeIssueOperations(api, [create('a'), state], options({ maxWrites: 2 }));
    expect(tight.deferred).toEqual([state]);
    expect(server.writes()).toHaveLength(1);
    const roomy = await executeIssueOperations(api, [state], options({ maxWrites: 2 }));
    expect(roomy).toMatchObject({ writes: 2, failure: null });
  });

  it('in dry-run mode, only says what it would do to the state issue', async () => {
    const existing = server.seedIssue({ title: 'state', body: 'old state', state: 'closed' });
    const ops: WriteOperation[] = [
      { kind: 'save-state', number: null, title: 'state', body: 's' },
      { kind: 'save-state', number: existing.number, title: 'state', body: 'new state' },
    ];
    const result = await executeIssueOperations(api, ops, options({ dryRun: true }));
    expect(server.requests).toHaveLength(0);
    expect(server.issues.get(existing.number)?.body).toBe('old state');
    expect(result).toMatchObject({ writes: 0, done: [], deferred: ops, created: [] });
    expect(log).toEqual([
      '[dry-run] would create the state issue',
      `[dry-run] would save the state in issue #${existing.number}`,
    ]);
  });
});
