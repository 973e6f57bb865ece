/**
 * The Action's state issue carries the version 2 policy history between runs (issue #8 item 1): run() end to end
 * against the loopback world and the local GitHub API server, the clock of each run fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStateFromIssues } from '../../src/action/state-store.js';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { createHarness, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

const CONFIG = `domains:
  - domain: alpha.test
    mode: enforce
    mx: [mx.alpha.test]
`;
const HOUR = 3_600_000;
const T0 = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const at = (hours: number): Date => new Date(T0.getTime() + hours * HOUR);

let world: ActionWorld;
let server: TestGitHubApiServer;
let harness: Harness;

beforeAll(async () => {
  world = await startActionWorld([
    { name: 'alpha.test', id: 'a1', policy: policy('enforce', ['mx.alpha.test']) },
  ]);
  server = await startGitHubApiServer();
  harness = await createHarness(server, world.probes);
  await harness.writeConfig(CONFIG);
});
afterAll(async () => {
  await Promise.all([world.close(), server.close(), harness.close()]);
});

const stored = () => readStateFromIssues([...server.issues.values()]).state.domains['alpha.test'];

describe('the state issue round-trips a policy history', () => {
  it('the first run stores a one-version history', async () => {
    const first = await harness.runAction({ now: () => at(0) });
    expect(first.result.report?.domains[0]).toMatchObject({ cached: [], bouncesForCachedSenders: false });
    expect(stored()?.history?.map((v) => [v.id, v.maxAge, v.firstSeen])).toEqual([
      ['a1', 604800, at(0).toISOString()],
    ]);
  });

  it('a new id with a lower max_age: the old version is kept, held for its own max_age', async () => {
    world.setDomain({ name: 'alpha.test', id: 'a2', policy: policy('enforce', ['mx.alpha.test'], 86400) });
    const second = await harness.runAction({ now: () => at(1) });
    const heldUntil = new Date(at(1).getTime() + 604_800_000).toISOString();
    expect(second.result.report?.domains[0]?.cached?.map((c) => [c.id, c.why, c.heldUntil])).toEqual([
      ['a1', 'not-yet-refetched', heldUntil],
    ]);
    expect(stored()?.history?.map((v) => [v.id, v.replacedAt])).toEqual([
      ['a1', at(1).toISOString()],
      ['a2', undefined],
    ]);
  });

  it('the next run reads the history back from the issue and still reports the old cache', async () => {
    const third = await harness.runAction({ now: () => at(2) });
    const domain = third.result.report?.domains[0];
    expect(domain?.cached?.map((c) => c.id)).toEqual(['a1']);
    expect(domain?.findings.find((f) => f.code === 'max-age-lowered')?.severity).toBe('notice');
    // Nothing changed beyond a later sighting well within a tenth of max_age: no state write.
    expect(third.writes).toBe(0);
  });
});
