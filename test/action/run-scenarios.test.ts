/**
 * run() end to end in the situations issue #3 names: overlapping runs, dry-run, the write cap, hostile remote
 * text, pull requests (from a fork too), a read-only token, config errors, and the order of the reporting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeWorkflowAnnotation } from '../../src/report/annotations.js';
import { parseIssueMarker } from '../../src/report/issue-body.js';
import {
  SECONDARY_RATE_LIMIT_MESSAGE,
  startGitHubApiServer,
  type TestGitHubApiServer,
} from '../helpers/github-api-server.js';
import { createHarness, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

const HOSTILE = '@octocat <img src=x onerror=alert(1)> ](http://evil.example) `tick` #1';
const CONFIG = `domains:
  - domain: one.test
    mode: enforce
    mx: [mx.one.test, mx9.one.test]
    id: '1'
  - domain: two.test
    mode: enforce
    mx: [mx.two.test, mx9.two.test]
  - domain: ok.test
  - domain: hostile.test
`;

let world: ActionWorld;
let server: TestGitHubApiServer;
let harness: Harness;

beforeAll(async () => {
  world = await startActionWorld(
    [
      { name: 'one.test', id: '1', policy: policy('enforce', ['mx.one.test']) },
      { name: 'two.test', id: '1', policy: policy('enforce', ['mx.two.test']) },
      { name: 'ok.test', id: '1', policy: policy('enforce', ['mx.ok.test']) },
      { name: 'hostile.test', id: '1', policy: `${policy('enforce', ['mx.hostile.test'])}${HOSTILE}\r\n` },
    ],
    { domains: ['hostile.test'], greeting: `554 ${HOSTILE}` },
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
afterEach(() => vi.restoreAllMocks());

const openDriftIssues = () =>
  [...server.issues.values()].filter((i) => i.state === 'open' && parseIssueMarker(i.body) !== null);

describe('issues', () => {
  it('two overlapping runs leave one issue per domain', async () => {
    server.gateListings(2);
    await Promise.all([harness.runAction(), harness.runAction()]);
    const domains = openDriftIssues().map((i) => parseIssueMarker(i.body)?.domain);
    expect(domains.sort()).toEqual(['hostile.test', 'one.test', 'two.test']);
    // Both runs created all three; one of them closed its own three as duplicates of the older ones.
    const closedAsDuplicate = [...server.issues.values()].filter((i) =>
      i.comments.some((c) => c.startsWith('Duplicate of #')),
    );
    expect(closedAsDuplicate).toHaveLength(3);
    // Issue #11 item 20: closed as "not planned", never as "completed" (nothing was fixed).
    expect(closedAsDuplicate.map((i) => [i.state, i.stateReason])).toEqual(
      Array.from({ length: 3 }, () => ['closed', 'not_planned']),
    );
    // Each run: one listing, one more after creating.
    expect(server.reads()).toHaveLength(4);
    // A third run sees nothing left to do.
    expect((await harness.runAction()).writes).toBe(0);
  });

  it('dry-run logs every operation and writes nothing', async () => {
    await harness.environment({ 'dry-run': 'true' });
    const dry = await harness.runAction();
    expect(dry.writes).toBe(0);
    expect(dry.logs.filter((l) => l.startsWith('[dry-run] would'))).toEqual([
      '[dry-run] would open an issue for one.test',
      '[dry-run] would open an issue for two.test',
      '[dry-run] would open an issue for hostile.test',
      '[dry-run] would create the state issue',
    ]);
    expect(dry.summary).toContain('Dry run, nothing written; would open an issue for one.test');
    expect(dry.outputs['issues-opened']).toBe('[]');
  });

  it('the write cap holds and the rest waits for the next run', async () => {
    await harness.environment({ 'max-issue-operations': '2' });
    const capped = await harness.runAction();
    expect(capped.writes).toBe(2);
    expect(openDriftIssues()).toHaveLength(2);
    expect(capped.summary).toContain('Left for the next run: open an issue for hostile.test');
    // The last issue (1 write) fits; the new state issue (2 writes: create, close) waits once more.
    const next = await harness.runAction();
    expect(next.writes).toBe(1);
    expect(openDriftIssues()).toHaveLength(3);
    const last = await harness.runAction();
    expect(last.writes).toBe(2);
    expect((await harness.runAction()).writes).toBe(0);
  });

  it('hostile text from a policy body and an SMTP greeting is inert in the issue and the summary', async () => {
    const run = await harness.runAction();
    const issue = openDriftIssues().find((i) => parseIssueMarker(i.body)?.domain === 'hostile.test');
    expect(issue?.body).toContain('policy-line-invalid');
    expect(issue?.body).toContain('mx-smtp-error');
    for (const text of [issue?.body ?? '', run.summary]) {
      expect(text).not.toMatch(/@octocat|<img|\]\(http|[^\\]`tick|#1\b/);
      expect(text).toContain(
        '@\u200doctocat &lt;img src=x onerror=alert\\(1\\)&gt; \\]\\(http\u200d://evil.example\\) \\`tick\\` #\u200d1',
      );
    }
  });

  it('an edited findings marker with a malformed % escape is a change, not a crash (issue #11 item 4)', async () => {
    const edited = server.seedIssue({
      title: 'MTA-STS drift on one.test',
      body: '<!-- mta-sts-drift:domain=one.test -->\n<!-- mta-sts-drift:findings=error:drift-mx:%E0%A4%A -->\nedited',
      labels: ['mta-sts-drift'],
    });
    const run = await harness.runAction();
    expect(run.failed.join()).not.toMatch(/URIError|could not run|GitHub API/);
    expect(run.result.failures).toEqual([expect.stringMatching(/reach fail-on/)]);
    const after = server.issues.get(edited.number);
    expect(after?.body).toMatch(
      /^<!-- mta-sts-drift:domain=one\.test -->\n<!-- mta-sts-drift:findings=error:/,
    );
    expect(after?.comments).toEqual([expect.stringMatching(/^The findings changed/)]);
  });

  it('a secondary rate limit is waited out, and the issues are written once (issue #11 item 16)', async () => {
    server.fault({
      match: (r) => r.method === 'POST',
      status: 429,
      headers: { 'retry-after': '3' },
      message: SECONDARY_RATE_LIMIT_MESSAGE,
      times: 2,
    });
    const run = await harness.runAction();
    expect(run.failed.join()).not.toMatch(/GitHub API/);
    expect(openDriftIssues()).toHaveLength(3);
    expect(run.logs.filter((l) => /secondary rate limit on POST .*retrying in 3 s/.test(l))).toHaveLength(2);
    // Three creates, the state issue's create and close, and the two refused attempts.
    expect(run.writes).toBe(3 + 2 + 2);
    // Reads: the listing, and the one after creating issues.
    expect(run.summary).toContain('GitHub API requests: 2 reads, 7 writes.');
  });

  it('a rate limit that outlasts the retries fails the run without blaming the permissions', async () => {
    server.fault({
      match: (r) => r.method === 'POST',
      status: 403,
      message: SECONDARY_RATE_LIMIT_MESSAGE,
      times: 100,
    });
    const limited = await harness.runAction();
    expect(limited.result.exitCode).toBe(1);
    expect(limited.failed.join()).toMatch(
      /cannot create an issue: HTTP 403, You have exceeded a secondary rate limit/,
    );
    expect(limited.failed.join()).not.toMatch(/permissions/);
    expect(limited.writes).toBe(3);
  });

  it('a read-only token on a scheduled run fails the run, after reporting', async () => {
    server.readOnly = true;
    const refused = await harness.runAction();
    expect(refused.result.exitCode).toBe(1);
    expect(refused.failed.join()).toMatch(/cannot create an issue: HTTP 403.*permissions: issues: write/);
    expect(refused.writes).toBe(1);
    expect(refused.summary).toContain('**Failed:** GitHub API: cannot create an issue: HTTP 403');
  });
});

describe('pull requests', () => {
  const payload = (fork: boolean) => ({
    pull_request: {
      number: 7,
      base: { sha: 'basesha', repo: { full_name: 'octo/dns' } },
      head: { repo: { full_name: fork ? 'someone/dns' : 'octo/dns' } },
    },
  });

  it('from a fork: compares with the base through the API, annotates, never writes, contacts no private address', async () => {
    server.readOnly = true;
    server.files.set(
      'basesha:domains.yml',
      CONFIG.replace('mx: [mx.one.test, mx9.one.test]', 'mx: [mx.one.test]'),
    );
    await harness.environment({ issues: 'true' }, { name: 'pull_request', payload: payload(true) });
    const pr = await harness.runAction();
    expect(pr.writes).toBe(0);
    // Issue #11 item 7: the harness sets allow-private-addresses: true; a fork's domains.yml must not use it.
    expect(pr.logs).toContain(
      'warning: allow-private-addresses: true is ignored on a pull request from a fork: its domains.yml could make the runner contact internal addresses.',
    );
    expect(pr.logs.filter((l) => l.startsWith('warning: issues: true is ignored'))).toHaveLength(1);
    expect(pr.summary).toContain('allow-private-addresses: true is ignored on a pull request from a fork');
    const report = JSON.parse(readFileSync(pr.outputs['report'] ?? '', 'utf8')) as {
      domains: { policy: { status: string } }[];
    };
    expect(report.domains.map((d) => d.policy.status)).not.toContain('ok');
    const prAnnotations = pr.annotations.filter((a) => a.title.startsWith('pr-'));
    expect(prAnnotations.map((a) => [a.title, a.line])).toEqual([['pr-policy-without-new-id: one.test', 2]]);
    expect(pr.annotations[0]?.title).toBe('pr-policy-without-new-id: one.test');
    expect(pr.summary).toContain('### Pull request');
    expect(pr.result.exitCode).toBe(1);
    expect(decodeURIComponent(pr.requests.find((r) => r.path.includes('/contents/'))?.path ?? '')).toBe(
      '/repos/octo/dns/contents/domains.yml',
    );
  });

  it('from the same repository: compares with the live world too', async () => {
    server.files.set(
      'basesha:domains.yml',
      CONFIG.replace('mx: [mx.one.test, mx9.one.test]', 'mx: [mx.one.test]'),
    );
    await harness.environment({}, { name: 'pull_request', payload: payload(false) });
    const pr = await harness.runAction();
    expect(pr.annotations.filter((a) => a.title.startsWith('pr-')).map((a) => [a.title, a.line])).toEqual([
      ['pr-policy-without-new-id: one.test', 2],
      ['pr-contradicted: one.test', 2],
      // Issue #8 item 4: senders holding the live policy refuse the added mx9.one.test until its max_age runs out;
      // on the changed line, the entry's mx: key.
      ['pr-cached-policy-refuses: one.test', 4],
    ]);
  });

  it('without a base file: every domain is new, the run still works', async () => {
    await harness.environment({}, { name: 'pull_request', payload: payload(false) });
    const pr = await harness.runAction();
    expect(pr.summary).toContain('does not exist: every domain is new');
    expect(pr.annotations.filter((a) => a.title.startsWith('pr-contradicted')).map((a) => a.title)).toEqual([
      'pr-contradicted: one.test',
      'pr-contradicted: two.test',
    ]);
    expect(pr.writes).toBe(0);
  });
});

describe('events (issue #11 item 7)', () => {
  const push = (ref: string) => ({ ref, repository: { default_branch: 'main' } });

  it('a push to the default branch writes issues (issues: true) and state', async () => {
    await harness.environment({ issues: 'true' }, { name: 'push', payload: push('refs/heads/main') });
    vi.stubEnv('GITHUB_REF', 'refs/heads/main');
    const run = await harness.runAction();
    expect(openDriftIssues()).toHaveLength(3);
    expect([...server.issues.values()].filter((i) => i.title.includes('state'))).toHaveLength(1);
    expect(run.logs.filter((l) => l.includes('not written'))).toEqual([]);
  });

  it('a push to another branch writes no issue, no state issue and no state file, and says why once', async () => {
    const stateFile = join(harness.dir, 'state', 'feature.json');
    await harness.environment(
      { issues: 'true', state: `file:${stateFile}` },
      { name: 'push', payload: push('refs/heads/feature') },
    );
    vi.stubEnv('GITHUB_REF', 'refs/heads/feature');
    const run = await harness.runAction();
    expect(run.writes).toBe(0);
    expect(existsSync(stateFile)).toBe(false);
    const why =
      'issues: true is ignored: this push is to refs/heads/feature, not the default branch main; the action writes issues and state only on schedule, workflow_dispatch and pushes to the default branch.';
    expect(run.logs.filter((l) => l.includes('ignored'))).toEqual([`warning: ${why}`]);
    expect(run.summary.split('is ignored: this push').length).toBe(2);
  });

  it('a pull request from the same repository reads the state but writes none, even with issues: true', async () => {
    await harness.environment(
      { issues: 'true' },
      {
        name: 'pull_request',
        payload: {
          pull_request: {
            number: 7,
            base: { sha: 'basesha', repo: { full_name: 'octo/dns' } },
            head: { repo: { full_name: 'octo/dns' } },
          },
        },
      },
    );
    const run = await harness.runAction();
    expect(run.writes).toBe(0);
    expect(run.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /repos/octo/dns/issues');
    expect(run.summary).toContain('issues: true is ignored: this is a pull\\_request run');
  });

  it.each([
    ['pull_request', 'issues: read'],
    ['schedule', 'issues: write'],
  ])('a refused listing on %s names %s', async (event, permission) => {
    // A GitHub API that refuses everything, as with a token lacking the permission.
    const refusing = createServer((_, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Resource not accessible by integration' }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const payload = {
        pull_request: {
          number: 7,
          base: { sha: 'basesha', repo: { full_name: 'octo/dns' } },
          head: { repo: { full_name: 'octo/dns' } },
        },
      };
      await harness.environment({}, { name: event, payload });
      vi.stubEnv('GITHUB_API_URL', `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`);
      const run = await harness.runAction();
      // Markdown-escaped in the summary: \`permissions: issues: read\`.
      expect(run.summary).toContain(`Grant the workflow \\\`permissions: ${permission}\\\``);
      const other = permission === 'issues: read' ? 'issues: write' : 'issues: read';
      expect(run.summary).not.toContain(`permissions: ${other}`);
    } finally {
      refusing.closeAllConnections();
      await new Promise((resolve) => refusing.close(resolve));
    }
  });
});

describe('reporting', () => {
  it('sarif-file: every finding as SARIF at its domain line; summary: false writes no job summary', async () => {
    await harness.environment({ 'sarif-file': 'out/mta-sts-drift.sarif', summary: 'false', issues: 'false' });
    const run = await harness.runAction();
    expect(run.summary).toBe('');
    expect(run.result.exitCode).toBe(1);
    const sarif = JSON.parse(readFileSync(join(harness.dir, 'out', 'mta-sts-drift.sarif'), 'utf8')) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: {
          ruleId: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const findings = (run.result.report?.domains ?? []).flatMap((d) => d.findings);
    const results = sarif.runs[0]?.results ?? [];
    expect(results).toHaveLength(findings.length);
    // More than the 10 errors a step may annotate would still all be here; the lines are the domains' entries.
    const lineOf = { 'one.test': 2, 'two.test': 6, 'ok.test': 9, 'hostile.test': 10 } as Record<
      string,
      number
    >;
    expect(results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine])).toEqual(
      (run.result.report?.domains ?? []).flatMap((d) => d.findings.map((f) => [f.code, lineOf[d.domain]])),
    );
    expect(new Set(results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri))).toEqual(
      new Set(['domains.yml']),
    );
    const rules = new Set(sarif.runs[0]?.tool.driver.rules.map((r) => r.id));
    for (const r of results) expect(rules.has(r.ruleId), r.ruleId).toBe(true);
  });

  it('an invalid config is annotated at its line and fails the run', async () => {
    await harness.writeConfig('domains:\n  - domain: one.test\n    mode: enforced\n');
    const bad = await harness.runAction();
    expect(bad.result.exitCode).toBe(1);
    expect(bad.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        file: 'domains.yml',
        line: 3,
        message: expect.stringContaining('"enforced" is not allowed'),
      }),
    ]);
    expect(bad.summary).toContain('The configuration is invalid');
    expect(bad.requests).toEqual([]);
  });

  it('an invalid config still fails with its own message when the job summary cannot be written', async () => {
    await harness.writeConfig('domains:\n  - domain: one.test\n    mode: enforced\n');
    // A folder where the summary file should be: appending to it fails.
    const bad = await harness.runAction({ env: { ...process.env, GITHUB_STEP_SUMMARY: harness.dir } });
    expect(bad.result.exitCode).toBe(1);
    expect(bad.failed.join('\n')).toContain('"enforced" is not allowed');
    expect(bad.failed.join('\n')).toContain('could not write the job summary');
  });

  it('a bad input still fails with its own message when the job summary cannot be written', async () => {
    await harness.environment({ 'fail-on': 'always' });
    const bad = await harness.runAction({ env: { ...process.env, GITHUB_STEP_SUMMARY: harness.dir } });
    expect(bad.result.exitCode).toBe(1);
    expect(bad.failed.join('\n')).toContain('Input "fail-on" has the value "always"');
  });

  it('a bad input names the input, the value and the allowed values', async () => {
    await harness.environment({ 'fail-on': 'always' });
    const bad = await harness.runAction();
    expect(bad.failed).toEqual(['Input "fail-on" has the value "always"; allowed: error, warning, never']);
  });

  it('writes workflow commands to stdout, then sets the exit status last', async () => {
    const order: string[] = [];
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      if (String(chunk).startsWith('::')) order.push('annotation');
      return true;
    });
    await harness.runAction({
      annotate: writeWorkflowAnnotation,
      // By the time the status is set, the summary is on disk and the issues exist.
      setFailed: () =>
        order.push(
          `failed: summary ${readFileSync(harness.summaryFile, 'utf8').length > 0}, issues ${server.issues.size}`,
        ),
    });
    expect(out.join('')).toMatch(
      /^::error title=drift-mx%3A one\.test,file=domains\.yml,line=2,col=13::The policy mx list/m,
    );
    expect(order.filter((o) => o === 'annotation').length).toBeGreaterThan(0);
    expect(order.at(-1)).toBe('failed: summary true, issues 4');
  });
});
