/**
 * The GitHub API requests per run (docs/action.md, "API requests per run"): for N domains with k changed, a listing
 * of ceil(labelled issues / 100) pages, a second listing only when the run created an issue, and at most 2 writes
 * per changed domain plus 1-2 for the state. Measured from the local API server's request log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { createHarness, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

const N = 40;
const name = (i: number) => `d${String(i).padStart(2, '0')}.test`;
/** Domains drifting at first: their policies lack the second mx that domains.yml expects. */
const DRIFTING = new Set([0, 1, 2, 3, 4]);

const goodPolicy = (i: number) => policy('enforce', [`mx.${name(i)}`, `backup.${name(i)}`]);
const badPolicy = (i: number) => policy('enforce', [`mx.${name(i)}`]);

let world: ActionWorld;
let server: TestGitHubApiServer;
let harness: Harness;

beforeAll(async () => {
  world = await startActionWorld(
    Array.from({ length: N }, (_, i) => ({
      name: name(i),
      id: 'v1',
      policy: DRIFTING.has(i) ? badPolicy(i) : goodPolicy(i),
    })),
  );
  server = await startGitHubApiServer();
  // History: 150 closed issues of domains no longer monitored, so the listing takes two pages of 100.
  for (let i = 0; i < 150; i++) {
    server.seedIssue({
      title: `old ${i}`,
      body: `<!-- mta-sts-drift:domain=gone${i}.test -->\n<!-- mta-sts-drift:findings=error:drift-mx: -->`,
      labels: ['mta-sts-drift'],
      state: 'closed',
    });
  }
  harness = await createHarness(server, world.probes);
  // One issue per domain is what this file measures; test/action/cause-issues-run.test.ts measures causes.
  await harness.environment({ 'issue-grouping': 'domain' });
  const entries = Array.from(
    { length: N },
    (_, i) => `  - domain: ${name(i)}\n    mx: [mx.${name(i)}, backup.${name(i)}]`,
  );
  await harness.writeConfig(`domains:\n${entries.join('\n')}\n`);
});
afterAll(async () => {
  await Promise.all([world.close(), server.close(), harness.close()]);
});

describe(`API requests for N = ${N} domains (2 pages of labelled issues)`, () => {
  it('first run, k = 5 drifting: 2 + 2 reads, 5 creates + 2 for the new state issue', async () => {
    const run = await harness.runAction();
    expect(run.result.report?.summary.errors).toBe(5);
    expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 4, writes: 7 });
    expect(run.summary).toContain('GitHub API requests: 4 reads, 7 writes.');
  });

  it('unchanged run: 2 reads (the listing), no write', async () => {
    const run = await harness.runAction();
    expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 2, writes: 0 });
  });

  it('k = 3 changed (2 fixed, 1 new drift): 2 closes (4 writes), 1 create, 1 state write; 2 + 2 reads', async () => {
    world.setDomain({ name: name(0), id: 'v2', policy: goodPolicy(0) });
    world.setDomain({ name: name(1), id: 'v2', policy: goodPolicy(1) });
    world.setDomain({ name: name(20), id: 'v2', policy: badPolicy(20) });
    const run = await harness.runAction();
    expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 4, writes: 6 });
  });

  it('k = 1 changed findings, no id change: 3 writes, 2 reads', async () => {
    world.setDomain({ name: name(2), id: 'v1', policy: policy('testing', [`mx.${name(2)}`]) });
    const run = await harness.runAction();
    // drift-mode and stale-policy-id join drift-mx: update + comment; the state keeps the old hash (by design),
    // and its policy history gains the new version under the old id (issue #8 item 1): one state write.
    expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 2, writes: 3 });
  });
});
