/**
 * Issues grouped by cause (input `issue-grouping`, issue #9 item 1), end to end: run() against a loopback fleet on
 * one shared MX host (1,000 domains, then 30) and the local GitHub API server, counting every request. The guarantees of
 * the per-domain issues hold: writes follow the causes that changed, not the domains; a second run in the same world
 * writes nothing; a previous run's issue is found, never duplicated; unknown never opens or closes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseIssueMarker } from '../../src/report/issue-body.js';
import { parseCauseMarker } from '../../src/report/cause-issue-body.js';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { createHarness, type Harness } from '../fixtures/action/harness.js';
import { SHARED_CAUSE, startFleetWorld, type FleetWorld } from '../fixtures/action/fleet-world.js';

/** Each run probes the whole fleet; on a loaded two-core machine 1,000 domains take up to half a minute. */
const SLOW = 120_000;

interface Setup {
  world: FleetWorld;
  server: TestGitHubApiServer;
  harness: Harness;
}

async function setUp(n: number, inputs: Record<string, string> = {}): Promise<Setup> {
  const world = await startFleetWorld(n);
  const server = await startGitHubApiServer();
  const harness = await createHarness(server, world.probes);
  await harness.writeConfig(world.config());
  // state: none keeps the state issue out of the counts; test/action/state-chunks-run.test.ts counts it.
  await harness.environment({ state: 'none', ...inputs });
  return { world, server, harness };
}

async function tearDown(s: Setup | undefined): Promise<void> {
  if (s !== undefined) await Promise.all([s.world.close(), s.server.close(), s.harness.close()]);
}

const causeIssues = (server: TestGitHubApiServer, key = SHARED_CAUSE) =>
  [...server.issues.values()].filter((i) => parseCauseMarker(i.body)?.key === key);

describe('issue-grouping: auto with 1,000 domains drifting on one cause', () => {
  const N = 1000;
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(N);
  }, SLOW);
  afterAll(() => tearDown(s));

  it(
    'first run: one issue for the cause (1 write), listed twice (2 reads); the summary links it',
    async () => {
      const run = await s.harness.runAction();
      expect(run.result.report?.causes[0]?.key).toBe(SHARED_CAUSE);
      expect(run.result.report?.causes[0]?.count).toBe(N);
      expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 2, writes: 1 });
      const [issue, ...others] = causeIssues(s.server);
      expect(others).toEqual([]);
      expect(issue?.title).toBe(
        `${N} domains: MX x.h-v1.mx.test is not covered by *.mx.test: a wildcard covers exactly one label (RFC 8461 §4.1)`,
      );
      expect(issue?.body).toContain('- `f0099.test`');
      expect(issue?.body).not.toContain('`f0100.test`');
      expect(issue?.body).toContain(`- … and ${N - 100} more`);
      expect(parseCauseMarker(issue?.body)?.domains).toHaveLength(N);
      expect(JSON.parse(run.outputs['issues-opened'] ?? '[]')).toEqual([
        expect.objectContaining({ cause: SHARED_CAUSE, number: issue?.number }),
      ]);
      const number = issue?.number ?? 0;
      expect(run.summary).toMatch(
        new RegExp(
          `\\*\\*${N} domains\\*\\*[^\\n]*· \\[#${number}\\]\\(https://github\\.com/octo/dns/issues/${number}\\)`,
        ),
      );
    },
    SLOW,
  );

  it(
    'the same world again: no write, one listing',
    async () => {
      const run = await s.harness.runAction();
      expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 1, writes: 0 });
    },
    SLOW,
  );

  it(
    '10 domains fixed: the issue is updated once (body and comment: 2 writes), naming who left',
    async () => {
      s.world.setFixed(s.world.names.slice(0, 10), true);
      const run = await s.harness.runAction();
      expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 1, writes: 2 });
      const issue = causeIssues(s.server)[0];
      expect(issue?.title.startsWith(`${N - 10} domains:`)).toBe(true);
      expect(issue?.comments.at(-1)).toContain('left: `f0000.test`');
      expect(parseCauseMarker(issue?.body)?.domains).toHaveLength(N - 10);
    },
    SLOW,
  );
});

describe('issue-grouping: auto with 30 domains: unknown, close, reopen, duplicates', () => {
  const N = 30;
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(N);
  }, SLOW);
  afterAll(() => tearDown(s));
  beforeEach(() => {
    s.server.reset();
    s.world.setFixed(s.world.names, false);
    s.world.setUnobserved(s.world.names, null);
  });

  it(
    'unobserved domains (SERVFAIL) stay in the cause: nothing is written',
    async () => {
      await s.harness.runAction();
      s.world.setUnobserved(s.world.names.slice(10, 15), 'servfail');
      const run = await s.harness.runAction();
      expect(run.result.report?.causes.find((c) => c.key === SHARED_CAUSE)?.count).toBe(N - 5);
      expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 1, writes: 0 });
    },
    SLOW,
  );

  it(
    'every domain fixed or unobserved: the issue is neither closed nor rewritten',
    async () => {
      await s.harness.runAction();
      s.world.setFixed(s.world.names.slice(0, 25), true);
      s.world.setUnobserved(s.world.names.slice(25), 'servfail');
      const run = await s.harness.runAction();
      expect(run.result.report?.causes.some((c) => c.key === SHARED_CAUSE)).toBe(false);
      expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 1, writes: 0 });
      expect(causeIssues(s.server)[0]?.state).toBe('open');
    },
    SLOW,
  );

  it(
    'all fixed and observed: closed (comment, close); drifting again: the same issue reopens',
    async () => {
      await s.harness.runAction();
      s.world.setFixed(s.world.names, true);
      const closed = await s.harness.runAction();
      expect({ reads: closed.reads, writes: closed.writes }).toEqual({ reads: 1, writes: 2 });
      expect(causeIssues(s.server)[0]?.state).toBe('closed');
      expect(causeIssues(s.server)[0]?.comments.at(-1)).toContain(
        'No configured domain has this cause any more',
      );
      s.world.setFixed(s.world.names, false);
      const reopened = await s.harness.runAction();
      expect({ reads: reopened.reads, writes: reopened.writes }).toEqual({ reads: 1, writes: 2 });
      expect(causeIssues(s.server).map((i) => i.state)).toEqual(['open']);
    },
    SLOW,
  );

  it(
    "a previous run's issue is found: 0 writes, no duplicate",
    async () => {
      await s.harness.runAction();
      const body = causeIssues(s.server)[0]?.body ?? '';
      s.server.reset();
      s.server.seedIssue({ title: 'renamed by a person', body, labels: ['mta-sts-drift'] });
      const run = await s.harness.runAction();
      expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 1, writes: 0 });
      expect(causeIssues(s.server)).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'two overlapping runs leave one open issue for the cause; the next run writes nothing',
    async () => {
      s.server.gateListings(2);
      await Promise.all([s.harness.runAction(), s.harness.runAction()]);
      expect(causeIssues(s.server).filter((i) => i.state === 'open')).toHaveLength(1);
      const run = await s.harness.runAction();
      expect(run.writes).toBe(0);
    },
    SLOW,
  );

  it(
    'max-issue-operations is respected: a cap of 0 writes nothing and says what waits',
    async () => {
      await s.harness.environment({ state: 'none', 'max-issue-operations': '0' });
      const run = await s.harness.runAction();
      expect(run.writes).toBe(0);
      expect(run.summary).toContain(
        `Left for the next run: open an issue for cause ${SHARED_CAUSE.replace('*', '\\*')}, ${N} domains`,
      );
      await s.harness.environment({ state: 'none' });
    },
    SLOW,
  );
});

describe('switching issue-grouping', () => {
  const N = 4;
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(N, { 'issue-grouping': 'domain' });
  }, SLOW);
  afterAll(() => tearDown(s));

  const open = () => [...s.server.issues.values()].filter((i) => i.state === 'open');

  it(
    'domain -> cause: one cause issue, then each domain issue closed with a comment naming it',
    async () => {
      const perDomain = await s.harness.runAction();
      expect(perDomain.writes).toBe(N);
      expect(
        open()
          .map((i) => parseIssueMarker(i.body)?.domain)
          .sort(),
      ).toEqual([...s.world.names]);
      await s.harness.environment({ state: 'none', 'issue-grouping': 'cause' });
      const run = await s.harness.runAction();
      // 1 create, then N closes of 2 writes each (comment, close).
      expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 2, writes: 1 + 2 * N });
      const cause = causeIssues(s.server)[0];
      expect(open()).toEqual([cause]);
      const closedDomain = [...s.server.issues.values()].find((i) => parseIssueMarker(i.body) !== null);
      expect(closedDomain?.stateReason).toBe('not_planned');
      expect(closedDomain?.comments.at(-1)).toContain(
        `Issues are now grouped by root cause (\`issue-grouping: cause\`): \`f0000.test\` is tracked in #${cause?.number}.`,
      );
      expect((await s.harness.runAction()).writes).toBe(0);
    },
    SLOW,
  );

  it(
    'a write cap that defers the cause issue leaves the domain issues open',
    async () => {
      s.server.reset();
      await s.harness.environment({ state: 'none', 'issue-grouping': 'domain' });
      await s.harness.runAction();
      await s.harness.environment({ state: 'none', 'issue-grouping': 'cause', 'max-issue-operations': '0' });
      const run = await s.harness.runAction();
      expect(run.writes).toBe(0);
      expect(open()).toHaveLength(N);
    },
    SLOW,
  );

  it(
    'cause -> domain: one issue per domain, then the cause issue closed naming them',
    async () => {
      s.server.reset();
      await s.harness.environment({ state: 'none', 'issue-grouping': 'cause' });
      await s.harness.runAction();
      await s.harness.environment({ state: 'none', 'issue-grouping': 'domain' });
      const run = await s.harness.runAction();
      expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 2, writes: N + 2 });
      const cause = causeIssues(s.server)[0];
      expect(cause?.state).toBe('closed');
      expect(cause?.comments.at(-1)).toMatch(/one per domain .*`f0000\.test` in #\d+/);
      expect(
        open()
          .map((i) => parseIssueMarker(i.body)?.domain)
          .sort(),
      ).toEqual([...s.world.names]);
      expect((await s.harness.runAction()).writes).toBe(0);
    },
    SLOW,
  );
});
