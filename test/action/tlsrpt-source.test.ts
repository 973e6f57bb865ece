/**
 * The `tlsrpt-source` input (issue #10 item 1): parsing, and one run() whose MX probes are off (as on a
 * GitHub-hosted runner) where a report folder supplies what the probes cannot see.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InputError, readSettings } from '../../src/action/inputs.js';
import { runContext } from '../fixtures/action/context.js';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { startRefusingImapServer } from '../helpers/imap-refusing-server.js';
import { failure, tlsrptReport } from '../helpers/tlsrpt-fixtures.js';
import { createHarness, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

const context = runContext();
const reader = (value: string) => (name: string) => (name === 'tlsrpt-source' ? value : '');

describe('the tlsrpt-source input', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['reports', ['reports']],
    [
      '  reports/a b, c  \n\nimaps://imap.example.net/INBOX?move=Done\r\nreports/a b, c',
      ['reports/a b, c', 'imaps://imap.example.net/INBOX?move=Done'],
    ],
  ])('%j gives %j', (value, expected) => {
    expect(readSettings(reader(value), context).tlsrptSources).toEqual(expected);
  });

  it('is not read on pull requests, with a remark', () => {
    const settings = readSettings(reader('imaps://imap.example.net/INBOX'), {
      ...context,
      eventName: 'pull_request',
    });
    expect(settings.tlsrptSources).toEqual([]);
    expect(settings.remarks).toContainEqual({
      level: 'info',
      text: 'tlsrpt-source is not read on pull requests (reports do not judge a change, and forks get no secrets).',
    });
  });

  it('refuses URLs other than imap:// and imaps://, naming the input', () => {
    expect(() => readSettings(reader('https://reports.example.net/'), context)).toThrow(
      new InputError(
        'tlsrpt-source',
        'https://reports.example.net/',
        'folder or file paths and imap:// or imaps:// URLs, one per line',
      ),
    );
  });
});

describe('run() with tlsrpt-source', () => {
  let world: ActionWorld;
  let server: TestGitHubApiServer;
  let harness: Harness;
  let reports: string;

  beforeAll(async () => {
    world = await startActionWorld([
      { name: 'alpha.test', id: 'a1', policy: policy('enforce', ['mx.alpha.test']) },
    ]);
    server = await startGitHubApiServer();
    harness = await createHarness(server, world.probes);
    await harness.writeConfig('domains:\n  - domain: alpha.test\n    mode: enforce\n');
    reports = await mkdtemp(join(tmpdir(), 'mta-sts-drift-action-reports-'));
    const end = new Date(Date.now() - 86_400_000).toISOString();
    const start = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await writeFile(
      join(reports, 'r.json.gz'),
      gzipSync(
        JSON.stringify(
          tlsrptReport({
            organization: 'Org A @octocat <b>x</b> \u001b[2J',
            domain: 'alpha.test',
            start,
            end,
            policyString: ['version: STSv1', 'mode: enforce', 'mx: mx.alpha.test', 'max_age: 604800'],
            successful: 90,
            failed: 10,
            failures: [failure('certificate-expired', 10, 'mx.alpha.test')],
          }),
        ),
      ),
    );
  });
  afterAll(async () => {
    await Promise.all([
      world.close(),
      server.close(),
      harness.close(),
      rm(reports, { recursive: true, force: true }),
    ]);
  });

  it('turns reported failures into a finding the run fails on, and says what it read', async () => {
    await harness.environment({
      'tlsrpt-source': reports,
      'check-mx-tls': 'false',
      issues: 'false',
      state: 'none',
    });
    const run = await harness.runAction();
    expect(run.result.exitCode).toBe(1);
    const annotation = run.annotations.find(
      (a) => a.title?.includes('tlsrpt-failures') === true || a.message.includes('TLS-RPT reports show'),
    );
    expect(annotation?.message).toContain(
      'TLS-RPT reports show 10 failed sessions on mx.alpha.test (10.00 % of 100 sessions for alpha.test',
    );
    expect(run.summary).toContain('tlsrpt-failures');
    // Report text is inert: no mention, no HTML, no terminal escape, in the summary or the annotation.
    expect(run.summary).toContain('from Org A @\u200doctocat &lt;b&gt;x&lt;/b&gt; \\\\u001b\\[2J');
    expect(run.summary).not.toContain('<b>');
    expect(annotation?.message).toContain('from Org A @octocat <b>x</b> \\u001b[2J');
    expect(annotation?.message).not.toContain('\u001b');
    expect(run.summary).toContain('TLS-RPT: read 1 report\\(s\\) from 1 of 1 source\\(s\\)');
  });

  it('a source that cannot be read is logged as a warning and said in the summary; the check still runs', async () => {
    const missing = join(reports, 'missing');
    await harness.environment({ 'tlsrpt-source': missing, issues: 'false', state: 'none' });
    const run = await harness.runAction();
    expect(run.result.exitCode).toBe(0);
    expect(run.logs).toContain(
      `warning: TLS-RPT source not read: cannot read the report source ${missing}: ENOENT`,
    );
    expect(run.summary).toContain('could not read');
    expect(run.summary).not.toContain('tlsrpt-no-reports');
  });

  it("an IMAP server's refusal is logged with its control characters made visible", async () => {
    const imap = await startRefusingImapServer('\u001b[2J\u001b]0;owned\u0007 gone');
    try {
      await harness.environment({ 'tlsrpt-source': imap.url, issues: 'false', state: 'none' });
      vi.stubEnv('MTA_STS_DRIFT_IMAP_USER', 'u');
      vi.stubEnv('MTA_STS_DRIFT_IMAP_PASSWORD', 'p');
      const run = await harness.runAction();
      expect(run.result.exitCode).toBe(0);
      const line = run.logs.find((l) => l.startsWith('warning: TLS-RPT source not read: '));
      expect(line).toContain('\\u001b[2J\\u001b]0;owned\\u0007 gone');
      expect(line).not.toContain('\u001b');
      expect(line).not.toContain('\u0007');
    } finally {
      await imap.close();
    }
  });

  it('an IMAP source without its credentials fails the run at once, naming the variables', async () => {
    await harness.environment({
      'tlsrpt-source': 'imaps://127.0.0.1:1/INBOX',
      issues: 'false',
      state: 'none',
    });
    const run = await harness.runAction();
    expect(run.result.exitCode).not.toBe(0);
    expect(run.failed.join('\n')).toContain('set MTA_STS_DRIFT_IMAP_USER and MTA_STS_DRIFT_IMAP_PASSWORD');
  });
});
