/**
 * The pull-request check of what senders already hold (issue #8 item 4), end to end: scheduled runs keep the policy
 * history in the state issue on the local GitHub API server; a pull request that adds an MX host then reads that
 * state (it writes none) and annotates the domain's line with the time an earlier cached policy stops refusing the
 * host, and the first step of the plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { createHarness, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

const BASE = `domains:
  - domain: alpha.test
    mode: enforce
    mx: [mx.alpha.test]
`;
const HEAD = BASE.replace('mx: [mx.alpha.test]', 'mx: [mx.alpha.test, mx2.alpha.test]');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** On the hour; every run is later than now, when the test certificates are valid. */
const T0 = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const at = (hours: number): Date => new Date(T0.getTime() + hours * HOUR);
/** "2026-12-06 12:00 UTC", as the annotations print times. */
const utc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

let world: ActionWorld;
let server: TestGitHubApiServer;
let harness: Harness;

beforeAll(async () => {
  // Yesterday's policy: only mx.alpha.test, cached for 30 days.
  world = await startActionWorld([
    { name: 'alpha.test', id: 'a1', policy: policy('enforce', ['mx.alpha.test'], 30 * 86400) },
  ]);
  server = await startGitHubApiServer();
  harness = await createHarness(server, world.probes);
  await harness.writeConfig(BASE);
});
afterAll(async () => {
  await Promise.all([world.close(), server.close(), harness.close()]);
});

const pullRequest = {
  name: 'pull_request',
  payload: {
    pull_request: {
      number: 9,
      base: { sha: 'basesha', repo: { full_name: 'octo/dns' } },
      head: { repo: { full_name: 'octo/dns' } },
    },
  },
};

describe('a pull request that adds an MX host, with a policy history in the state issue', () => {
  it('annotates the line with the end of the earlier cache and the first step of the plan', async () => {
    // Nightly runs: a1 first, then a2, which already lists mx2.alpha.test (the policy went first, RFC 8461 §4.1).
    expect((await harness.runAction({ now: () => at(1) })).writes).toBeGreaterThan(0);
    world.setDomain({
      name: 'alpha.test',
      id: 'a2',
      policy: policy('enforce', ['mx.alpha.test', 'mx2.alpha.test'], 86400),
    });
    await harness.runAction({ now: () => at(2) });

    server.files.set('basesha:domains.yml', BASE);
    await harness.writeConfig(HEAD);
    await harness.environment({}, pullRequest);
    const pr = await harness.runAction({ now: () => at(3) });
    expect(pr.writes).toBe(0);
    const annotation = pr.annotations.find((a) => a.title === 'pr-cached-policy-refuses: alpha.test');
    // a1 was served until a2 was first seen, then cached for its 30 days (RFC 8461 §3.2).
    const end = utc(at(2).getTime() + 30 * DAY);
    // On the changed line: the mx: key of the entry.
    expect(annotation).toMatchObject({ level: 'warning', file: 'domains.yml', line: 4, column: 5 });
    expect(annotation?.message).toContain(
      `Senders may still hold the enforcing policy id a1 (until ${end}) of alpha.test, which refuses mx2.alpha.test; they deliver to the other hosts until ${end}`,
    );
    expect(annotation?.message).toContain(
      'First step of a safe plan, from ' +
        `${utc(at(3).getTime())}: Add the MX record alpha.test. MX <preference> mx2.alpha.test.`,
    );
    expect(pr.summary).toContain('pr-cached-policy-refuses (alpha.test)');
  });
});
