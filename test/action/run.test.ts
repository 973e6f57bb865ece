/**
 * run() end to end: inputs from INPUT_* variables, the loopback world of the engine's tests, Octokit over real HTTP
 * to a local GitHub API server. The lifecycle of one drift issue, with the requests each run makes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIssueMarker } from '../../src/report/issue-body.js';
import {
  startGitHubApiServer,
  type FakeIssue,
  type TestGitHubApiServer,
} from '../helpers/github-api-server.js';
import { createHarness, type ActionRun, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

const CONFIG = `domains:
  - domain: alpha.test
    mode: enforce
    mx: [mx.alpha.test]
  - domain: beta.test
    mode: enforce
    mx: [mx.beta.test, mx2.beta.test]
`;

let world: ActionWorld;
let server: TestGitHubApiServer;
let harness: Harness;

beforeAll(async () => {
  world = await startActionWorld([
    { name: 'alpha.test', id: 'a1', policy: policy('enforce', ['mx.alpha.test']) },
    // The policy lacks mx2.beta.test, which domains.yml expects: drift-mx.
    { name: 'beta.test', id: 'b1', policy: policy('enforce', ['mx.beta.test']) },
  ]);
  server = await startGitHubApiServer();
  harness = await createHarness(server, world.probes);
  await harness.writeConfig(CONFIG);
});
afterAll(async () => {
  await Promise.all([world.close(), server.close(), harness.close()]);
});

function driftIssues(domain: string): FakeIssue[] {
  return [...server.issues.values()].filter((i) => parseIssueMarker(i.body)?.domain === domain);
}

function writesOf(run: ActionRun): string[] {
  return run.requests
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path.replace('/repos/octo/dns', '')}`);
}

describe('the life of a drift issue', () => {
  it('first run: opens one issue for the drifting domain, saves the state, fails on the error', async () => {
    const first = await harness.runAction();
    expect(first.result.exitCode).toBe(1);
    expect(first.failed[0]).toMatch(/1 error\(s\) reach fail-on: error/);
    const [issue, ...more] = driftIssues('beta.test');
    expect(more).toEqual([]);
    expect(issue).toMatchObject({
      state: 'open',
      title: 'MTA-STS drift on beta.test',
      labels: ['mta-sts-drift'],
    });
    expect(issue?.body).toContain('`drift-mx`');
    expect(issue?.body).toContain('Fix: Make the policy mx lines match domains.yml');
    expect(driftIssues('alpha.test')).toEqual([]);
    // list, create, re-list (to catch an overlapping run), then the state issue: created and closed.
    expect(first.reads).toBe(2);
    expect(writesOf(first)).toEqual(['POST /issues', 'POST /issues', 'PATCH /issues/2']);
    expect(server.issues.get(2)).toMatchObject({ state: 'closed', title: expect.stringContaining('state') });
    // Issue #11 item 15: what the run did, with links; the state issue is not a drift issue.
    expect(JSON.parse(first.outputs['issues-opened'] ?? '')).toEqual([
      { number: 1, url: 'https://github.com/octo/dns/issues/1', domain: 'beta.test' },
    ]);
    expect([first.outputs['issues-updated'], first.outputs['issues-closed']]).toEqual(['[]', '[]']);
  });

  it('reports through annotations on the domain line, outputs and the summary', async () => {
    const again = await harness.runAction();
    expect(again.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        title: 'drift-mx: beta.test',
        file: 'domains.yml',
        line: 5,
        column: 13,
      }),
    );
    expect(again.outputs).toMatchObject({
      drift: 'true',
      errors: '1',
      warnings: '0',
      'bouncing-domains': '[]',
    });
    expect(again.outputs['report']).toMatch(/mta-sts-drift[/\\]report\.json$/);
    expect(again.summary).toContain('## MTA-STS drift report');
    expect(again.summary).toMatch(/\| beta\.test \| ❌ error \| delivers \| drift-mx: /);
    expect(again.summary).toContain('Nothing changed, nothing written.');
  });

  it('unchanged second run: one read, no write', async () => {
    const unchanged = await harness.runAction();
    expect(unchanged.reads).toBe(1);
    expect(unchanged.writes).toBe(0);
    expect(unchanged.outputs).toMatchObject({
      'issues-opened': '[]',
      'issues-updated': '[]',
      'issues-closed': '[]',
    });
  });

  it('a change updates the body and comments once', async () => {
    world.setDomain({ name: 'beta.test', id: 'b2', policy: policy('testing', ['mx.beta.test']) });
    const changed = await harness.runAction();
    const [issue] = driftIssues('beta.test');
    expect(writesOf(changed)).toEqual([
      `PATCH /issues/${issue?.number}`,
      `POST /issues/${issue?.number}/comments`,
      'PATCH /issues/2',
    ]);
    expect(changed.reads).toBe(1);
    expect(issue?.body).toContain('`drift-mode`');
    expect(issue?.comments.at(-1)).toMatch(
      /^The findings changed \(.*\): new: `drift-mode`\. The description/,
    );
    expect(changed.outputs).toMatchObject({
      'issues-opened': '[]',
      'issues-updated': JSON.stringify([
        { number: 1, url: 'https://github.com/octo/dns/issues/1', domain: 'beta.test' },
      ]),
      'issues-closed': '[]',
    });
  });

  it('recovery closes the issue with a comment', async () => {
    world.setDomain({
      name: 'beta.test',
      id: 'b3',
      policy: policy('enforce', ['mx.beta.test', 'mx2.beta.test']),
    });
    const healthy = await harness.runAction();
    expect(healthy.result.exitCode).toBe(0);
    expect(healthy.failed).toEqual([]);
    const [issue] = driftIssues('beta.test');
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(issue?.comments.at(-1)).toMatch(/passes every check at or above warning level/);
    expect(healthy.writes).toBe(3);
    expect(JSON.parse(healthy.outputs['issues-closed'] ?? '')).toEqual([
      { number: 1, url: 'https://github.com/octo/dns/issues/1', domain: 'beta.test' },
    ]);
    expect(healthy.outputs['issues-opened']).toBe('[]');
  });

  it('a relapse reopens the same issue', async () => {
    world.setDomain({ name: 'beta.test', id: 'b4', policy: policy('enforce', ['mx.beta.test']) });
    const relapse = await harness.runAction();
    const issues = driftIssues('beta.test');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ state: 'open', stateReason: 'reopened' });
    expect(issues[0]?.comments.at(-1)).toMatch(/drifts again .*`drift-mx`/);
    expect(relapse.writes).toBe(3);
    // A reopened issue counts as opened: it asks for attention again.
    expect(JSON.parse(relapse.outputs['issues-opened'] ?? '')).toEqual([
      { number: 1, url: 'https://github.com/octo/dns/issues/1', domain: 'beta.test' },
    ]);
  });

  it('a transient DNS failure changes nothing', async () => {
    world.dns.update({
      behaviour: {
        '_mta-sts.beta.test': 'servfail',
        'mta-sts.beta.test': 'servfail',
        '_mta-sts.alpha.test': 'servfail',
      },
    });
    const transient = await harness.runAction();
    world.dns.update({ behaviour: {} });
    expect(transient.result.report?.domains.map((d) => d.status)).toEqual(['unknown', 'unknown']);
    expect(transient.writes).toBe(0);
    expect(driftIssues('beta.test')[0]?.state).toBe('open');
    expect(driftIssues('alpha.test')).toEqual([]);
  });

  it('keeps the id-freshness state between runs: a policy changed under the same id is caught', async () => {
    world.setDomain({ name: 'beta.test', id: 'b4', policy: policy('enforce', ['mx.beta.test'], 86400 * 14) });
    const stale = await harness.runAction();
    expect(stale.result.report?.domains[1]?.findings.map((f) => f.code)).toContain('stale-policy-id');
    expect(driftIssues('beta.test')[0]?.body).toContain('`stale-policy-id`');
  });

  it('still writes the summary and annotations when the outputs file cannot be written, then fails', async () => {
    const missing = `${harness.dir}/no-such-dir/output.txt`;
    const broken = await harness.runAction({
      env: { ...process.env, GITHUB_OUTPUT: missing },
      setOutput: () => {
        throw new Error(`Missing file at path: ${missing}`);
      },
    });
    expect(broken.summary).toContain('## MTA-STS drift report');
    expect(broken.annotations.length).toBeGreaterThan(0);
    expect(broken.failed.join('\n')).toContain('could not write the report file and outputs: Missing file');
    expect(broken.result.exitCode).toBe(1);
  });
});
