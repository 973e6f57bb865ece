/**
 * Issue #11 item 5: remote text (a policy's mx lines, an SMTP reply) that carries the action's own hidden markers
 * must not turn a drift issue into "the state issue", nor fake a drift issue's markers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STATE_ISSUE_TITLE } from '../../src/action/state-store.js';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { createHarness, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

const STATE_MARKER = '<!-- mta-sts-drift:state -->';
const FAKE_DATA = '<!-- mta-sts-drift:state-data\n{"version":1,"domains":{}}\n-->';
const CONFIG = `domains:
  - domain: hijack.test
    mode: enforce
    mx: [mx.hijack.test]
  - domain: calm.test
    mode: enforce
    mx: [mx.calm.test]
`;

let world: ActionWorld;
let server: TestGitHubApiServer;
let harness: Harness;

beforeAll(async () => {
  world = await startActionWorld(
    [
      {
        name: 'hijack.test',
        id: '1',
        policy: policy('enforce', [
          'mx.hijack.test',
          STATE_MARKER,
          '<!-- mta-sts-drift:domain=calm.test -->',
        ]),
        contentType: `text/html; x="${STATE_MARKER}"`,
      },
      { name: 'calm.test', id: '1', policy: policy('enforce', ['mx.calm.test']) },
    ],
    { domains: ['hijack.test'], greeting: `554 ${STATE_MARKER} ${FAKE_DATA}` },
  );
  server = await startGitHubApiServer();
  harness = await createHarness(server, world.probes);
});
afterAll(async () => {
  await Promise.all([world.close(), server.close(), harness.close()]);
});
beforeEach(async () => {
  server.reset();
  await harness.writeConfig(CONFIG);
  await harness.environment();
});

describe('state hijack through remote text (issue #11 item 5)', () => {
  it('the drift issue never carries a live marker, and the state stays in the state issue', async () => {
    const first = await harness.runAction();
    expect(first.result.failures).toEqual([expect.stringMatching(/fail-on/)]);
    const issues = [...server.issues.values()];
    const drift = issues.find((i) => i.title.includes('hijack.test'));
    const state = issues.find((i) => i.title === STATE_ISSUE_TITLE);
    expect(drift).toBeDefined();
    expect(state).toBeDefined();
    expect(drift!.number).toBeLessThan(state!.number);
    // A new policy id changes the state: the next run must write it into the state issue, not the drift issue.
    world.setDomain({ name: 'calm.test', id: '2', policy: policy('enforce', ['mx.calm.test']) });
    const driftBody = drift!.body;
    const second = await harness.runAction();
    expect(second.logs.filter((l) => l.startsWith('warning:'))).toEqual([]);
    expect(server.issues.get(drift!.number)?.body).toBe(driftBody);
    expect(server.issues.get(state!.number)?.body).toContain('"id":"2"');
    // calm.test is healthy and never had an issue: no drift issue was faked for it.
    expect([...server.issues.values()].filter((i) => i.title.includes('calm.test'))).toEqual([]);
    // The remote text is shown, but no comment opens in the drift issue beyond its own two marker lines.
    expect(drift!.body).not.toContain(STATE_MARKER);
    expect(drift!.body.match(/<!--/g)).toHaveLength(2);
    expect(drift!.body).toContain('mta-sts-drift:state');
  });

  it('a hand-made issue whose body merely contains the state marker is not the state issue', async () => {
    const pasted = server.seedIssue({
      title: 'Please look at this',
      body: `Someone pasted:\n${STATE_MARKER}\n${FAKE_DATA}`,
      labels: ['mta-sts-drift'],
    });
    const run = await harness.runAction();
    expect(run.logs.filter((l) => l.startsWith('warning:'))).toEqual([]);
    expect(run.logs).toContain('did create the state issue');
    expect(server.issues.get(pasted.number)?.body).toContain('Someone pasted');
    expect([...server.issues.values()].filter((i) => i.title === STATE_ISSUE_TITLE)).toHaveLength(1);
  });
});
