/**
 * `mta-sts-drift reports` in-process: a folder of real gzip files and messages, JSON and text output, usage errors.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportsSummary } from '../src/core/tlsrpt-aggregate.js';
import {
  failure,
  OLD_POLICY_LINES,
  sampleCorpus,
  tlsrptMessage,
  tlsrptReport,
} from './helpers/tlsrpt-fixtures.js';
import { startRefusingImapServer } from './helpers/imap-refusing-server.js';
import { runCliCaptured } from './helpers/run-cli.js';

const NOW = new Date('2026-06-01T00:00:00Z');
let dir: string;

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliCaptured(args, { env, now: () => NOW });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-reports-'));
  const gz = (r: unknown) => gzipSync(JSON.stringify(r));
  await writeFile(
    join(dir, 'a.json.gz'),
    gz(
      tlsrptReport({
        organization: 'Org A',
        reportId: 'a',
        successful: 5120,
        failed: 41,
        failures: [failure('certificate-expired', 41, 'MX1.example.com.')],
      }),
    ),
  );
  await writeFile(
    join(dir, 'b.eml'),
    tlsrptMessage(
      gz(
        tlsrptReport({
          organization: 'Org \u001b[31mB',
          reportId: 'b',
          policyString: OLD_POLICY_LINES,
          successful: 10,
        }),
      ),
    ),
  );
  await writeFile(
    join(dir, 'b-copy.json'),
    JSON.stringify(tlsrptReport({ organization: 'Org \u001b[31mB', reportId: 'b', successful: 10 })),
  );
  await writeFile(
    join(dir, 'old.json'),
    JSON.stringify(
      tlsrptReport({ reportId: 'old', start: '2026-04-01T00:00:00Z', end: '2026-04-01T23:59:59Z' }),
    ),
  );
  await writeFile(join(dir, 'broken.json'), '{');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mta-sts-drift reports', () => {
  it('--json: the documented format of issue #10, counted once per report, with rejected and ignored', async () => {
    const { code, stdout, stderr } = await cli(['reports', '--from', dir, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as ReportsSummary;
    expect(summary.version).toBe(1);
    expect(summary.window).toEqual({ start: '2026-05-25T00:00:00.000Z', end: '2026-06-01T00:00:00.000Z' });
    expect(summary.domains).toHaveLength(1);
    expect(summary.domains[0]).toMatchObject({
      domain: 'example.com',
      reports: 2,
      successful: 5130,
      failed: 41,
      byResultType: { 'certificate-expired': 41 },
      byMx: { 'mx1.example.com': 41 },
      byOrganization: {
        'Org A': { reports: 1, successful: 5120, failed: 41 },
        'Org \u001b[31mB': { reports: 1, successful: 10, failed: 0 },
      },
    });
    expect(summary.domains[0]?.appliedPolicies.map((p) => p.current)).toEqual([null, null]);
    expect(summary.rejected).toEqual([
      { source: join(dir, 'broken.json'), reason: expect.stringMatching(/^not JSON: /) as unknown },
    ]);
    expect(summary.ignored).toEqual([
      {
        source: join(dir, 'b.eml'),
        reason: `duplicate of ${join(dir, 'b-copy.json')} (same organization-name and report-id)`,
      },
      {
        source: join(dir, 'old.json'),
        reason: 'outside the window (the report ends 2026-04-01T23:59:59.000Z)',
      },
    ]);
  });

  it('text: per domain, by result type, MX and organisation; report text is rendered inertly', async () => {
    const { code, stdout } = await cli(['reports', '--from', dir, '--since', '2026-03-01']);
    expect(code).toBe(0);
    expect(stdout).toContain('example.com: 3 report(s), 5230 session(s) succeeded, 41 failed (0.78 %)');
    expect(stdout).toContain('    certificate-expired: 41');
    expect(stdout).toContain('    mx1.example.com: 41');
    expect(stdout).toContain('    Org A: 1 report(s), 5120 succeeded, 41 failed');
    expect(stdout).toContain('Org \\u001b[31mB');
    expect(stdout).not.toContain('\u001b');
  });

  it('reads the sample corpus of 30 reports', async () => {
    const corpus = await mkdtemp(join(tmpdir(), 'mta-sts-drift-corpus-'));
    try {
      await Promise.all(
        sampleCorpus(30, NOW).map((r, i) =>
          writeFile(join(corpus, `r${i}.json.gz`), gzipSync(JSON.stringify(r))),
        ),
      );
      const summary = JSON.parse(
        (await cli(['reports', '--from', corpus, '--json'])).stdout,
      ) as ReportsSummary;
      expect(summary.domains.map((d) => [d.domain, d.reports])).toEqual([
        ['example.com', 10],
        ['example.net', 10],
        ['example.org', 10],
      ]);
      expect(summary.domains[1]?.failed).toBeGreaterThan(0);
      expect(Object.keys(summary.domains[1]?.byMx ?? {})).toEqual(['mx2.example.net']);
    } finally {
      await rm(corpus, { recursive: true, force: true });
    }
  });

  it.each<[string, string[], RegExp]>([
    [
      'no --from',
      ['reports'],
      /mta-sts-drift reports: needs at least one --from SOURCE\nsee 'mta-sts-drift reports --help'/,
    ],
    ['a mistyped option', ['reports', '--form', '.'], /unknown option --form; did you mean --from\?/],
    [
      'a bad --since',
      ['reports', '--from', '.', '--since', 'yesterday'],
      /--since "yesterday" is neither a number of days nor a date YYYY-MM-DD/,
    ],
    [
      'a bad --timeout',
      ['reports', '--from', '.', '--timeout', '0'],
      /--timeout "0" is not a whole number from 1 to 300/,
    ],
    [
      'a missing folder',
      ['reports', '--from', '/nonexistent/reports'],
      /^mta-sts-drift: cannot read the report source \/nonexistent\/reports: ENOENT\n$/,
    ],
    [
      'credentials in an IMAP URL',
      ['reports', '--from', 'imaps://u:secret@127.0.0.1/INBOX'],
      /carries credentials; put them in MTA_STS_DRIFT_IMAP_USER and MTA_STS_DRIFT_IMAP_PASSWORD instead/,
    ],
    ['an IMAP URL without a mailbox', ['reports', '--from', 'imaps://127.0.0.1'], /names no mailbox/],
    [
      'an IMAP source without credentials in the environment',
      ['reports', '--from', 'imap://127.0.0.1:1/INBOX'],
      /set MTA_STS_DRIFT_IMAP_USER and MTA_STS_DRIFT_IMAP_PASSWORD/,
    ],
  ])('%s exits 2 with a clear message', async (_name, args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('secret');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('mta-sts-drift reports usage errors come before any source is read', () => {
  // A mailbox read with ?move= loses its messages to the other folder: a usage error found afterwards would cost them.
  it.each<[string, string[], RegExp]>([
    ['a bad --https-port', ['--https-port', 'abc'], /--https-port "abc" is not a port number/],
    ['--dns-server without --live', ['--dns-server', '127.0.0.1'], /apply to reports --live only/],
  ])('%s exits 2 without connecting to the mailbox', async (_name, extra, message) => {
    const imap = await startRefusingImapServer('nothing here');
    try {
      const env = { MTA_STS_DRIFT_IMAP_USER: 'u', MTA_STS_DRIFT_IMAP_PASSWORD: 'p' };
      const { code, stderr } = await cli(['reports', '--from', `${imap.url}?move=Done`, ...extra], env);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(imap.connections()).toBe(0);
    } finally {
      await imap.close();
    }
  });
});

describe('mta-sts-drift reports with a mailbox that refuses', () => {
  it("exits 2 with the server's reply on stderr, its control characters made visible", async () => {
    const imap = await startRefusingImapServer('\u001b[2J\u001b]0;owned\u0007 gone');
    try {
      const env = { MTA_STS_DRIFT_IMAP_USER: 'u', MTA_STS_DRIFT_IMAP_PASSWORD: 'p' };
      const { code, stderr } = await cli(['reports', '--from', imap.url], env);
      expect(code).toBe(2);
      expect(stderr).toContain('\\u001b[2J\\u001b]0;owned\\u0007 gone');
      expect(stderr).not.toContain('\u001b');
      expect(stderr).not.toContain('\u0007');
    } finally {
      await imap.close();
    }
  });
});

describe('mta-sts-drift reports --live --dns-server with a bad server', () => {
  it('exits 2 naming reports, not check, and its help', async () => {
    const { code, stderr } = await cli(['reports', '--from', dir, '--live', '--dns-server', 'not a server']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^mta-sts-drift reports: Invalid DNS server "not a server"/);
    expect(stderr).toContain("see 'mta-sts-drift reports --help'");
  });
});

describe('mta-sts-drift reports --help', () => {
  it('lists every option with its meaning and default, within 100 columns', async () => {
    const r = await cli(['reports', '--help']);
    expect(r.code).toBe(0);
    for (const option of [
      '--from',
      '--since',
      '--json',
      '--timeout',
      '--live',
      '--dns-server',
      '--https-port',
    ])
      expect(r.stdout).toContain(option);
    expect(r.stdout).toMatch(/Default: 7\./);
    expect(r.stdout.split('\n').every((line) => line.length <= 100)).toBe(true);
    expect((await cli(['help', 'reports'])).stdout).toBe(r.stdout);
  });
  it('is listed in the top-level help', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/mta-sts-drift reports --from/);
  });
});
