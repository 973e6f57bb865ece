/**
 * `check --tlsrpt` in-process against the demo's loopback world: reports confirm a live finding, add failures the
 * live check does not see, name senders on an old policy, and notice a domain without reports (issue #10 item 1).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAINS, DEMO_MX } from '../demo/domains.js';
import { startWorld, type World } from '../demo/world.js';
import type { CheckReport } from '../src/check.js';
import { MAX_LIVE_DOMAINS } from '../src/cli-reports.js';
import { runCli } from '../src/cli.js';
import { startRefusingImapServer } from './helpers/imap-refusing-server.js';
import { failure, tlsrptMessage, tlsrptReport } from './helpers/tlsrpt-fixtures.js';
import { runCliCaptured } from './helpers/run-cli.js';

let world: World;
let dir: string;

const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const HEALTHY = [
  'version: STSv1',
  'mode: enforce',
  'mx: mx1.healthy.example',
  'mx: mx2.healthy.example',
  'max_age: 604800',
];

async function cli(args: string[]) {
  return runCliCaptured(args, { ca: world.caPem });
}

beforeAll(async () => {
  world = await startWorld(DEMO_DOMAINS, DEMO_MX);
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-check-tlsrpt-'));
  const write = (name: string, report: unknown) =>
    writeFile(join(dir, name), gzipSync(JSON.stringify(report)));
  await write(
    'expired.json.gz',
    tlsrptReport({
      organization: 'Org A',
      reportId: 'e1',
      domain: 'expired-mx.example',
      start: day(2),
      end: day(1),
      policyString: ['version: STSv1', 'mode: enforce', 'mx: mx.expired-mx.example', 'max_age: 604800'],
      successful: 0,
      failed: 12,
      failures: [failure('certificate-expired', 12, 'mx.expired-mx.example')],
    }),
  );
  await write(
    'healthy-old.json.gz',
    tlsrptReport({
      organization: 'Org B',
      reportId: 'h1',
      domain: 'healthy.example',
      start: day(2),
      end: day(1),
      policyString: ['version: STSv1', 'mode: testing', 'mx: mx1.healthy.example', 'max_age: 86400'],
    }),
  );
  await writeFile(
    join(dir, 'healthy-fail.eml'),
    tlsrptMessage(
      gzipSync(
        JSON.stringify(
          tlsrptReport({
            organization: 'Org C',
            reportId: 'h2',
            domain: 'healthy.example',
            start: day(2),
            end: day(1),
            policyString: HEALTHY,
            successful: 50,
            failed: 50,
            failures: [failure('starttls-not-supported', 50, 'mx2.healthy.example')],
          }),
        ),
      ),
    ),
  );
});
afterAll(async () => {
  await world.close();
  await rm(dir, { recursive: true, force: true });
});

describe('mta-sts-drift check --tlsrpt', () => {
  it('ties the reports to the live check', async () => {
    const args = [
      'check',
      ...world.checkArgs,
      '--timeout',
      '5',
      '--json',
      '--check-mx-tls',
      'true',
      '--tlsrpt',
      dir,
    ];
    for (const d of ['healthy.example', 'expired-mx.example', 'new-mx.example']) args.push('--domain', d);
    const { code, stdout, stderr } = await cli(args);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.notices).toContain(
      'TLS-RPT: read 3 report(s) from 1 of 1 source(s) for the last 7 days, 0 rejected, 0 ignored.',
    );
    const byDomain = new Map(report.domains.map((d) => [d.domain, d]));

    const expired = byDomain.get('expired-mx.example');
    const certExpired = expired?.findings.find((f) => f.code === 'mx-cert-expired');
    expect(certExpired?.message).toMatch(
      /TLS-RPT: Confirmed by Org A: 12 failed sessions \(certificate-expired\)\.$/,
    );
    expect(expired?.findings.some((f) => f.code === 'tlsrpt-failures')).toBe(false);

    const healthy = byDomain.get('healthy.example');
    expect(healthy?.findings.map((f) => `${f.severity} ${f.code} ${f.host ?? ''}`.trim())).toEqual([
      'error tlsrpt-failures mx2.healthy.example',
      'warning tlsrpt-old-policy',
    ]);
    expect(healthy?.findings.find((f) => f.code === 'tlsrpt-old-policy')?.observed).toBe('Org B');
    expect(healthy?.tlsrpt).toMatchObject({
      reports: 2,
      successful: 150,
      failed: 50,
      byMx: { 'mx2.healthy.example': 50 },
    });

    const newMx = byDomain.get('new-mx.example');
    expect(newMx?.findings.some((f) => f.code === 'tlsrpt-no-reports')).toBe(true);
    expect(newMx?.tlsrpt).toBeNull();
  });

  it('a source that cannot be read is a warning and a notice; the check goes on without tlsrpt-no-reports', async () => {
    const missing = join(dir, 'nope');
    const { code, stdout, stderr } = await cli([
      'check',
      ...world.checkArgs,
      '--json',
      '--domain',
      'healthy.example',
      '--tlsrpt',
      missing,
    ]);
    expect(stderr).toBe(
      `warning: TLS-RPT source not read: cannot read the report source ${missing}: ENOENT\n`,
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.notices).toContain(
      `TLS-RPT: read 0 report(s) from 0 of 1 source(s) for the last 7 days, 0 rejected, 0 ignored; could not read: cannot read the report source ${missing}: ENOENT.`,
    );
    expect(report.domains[0]?.findings.some((f) => f.code === 'tlsrpt-no-reports')).toBe(false);
  });

  it('an IMAP source without credentials in the environment exits 2 before probing', async () => {
    const { code, stderr } = await cli([
      'check',
      ...world.checkArgs,
      '--domain',
      'healthy.example',
      '--tlsrpt',
      'imaps://127.0.0.1:1/INBOX',
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'mta-sts-drift: imaps://127.0.0.1:1/INBOX: set MTA_STS_DRIFT_IMAP_USER and MTA_STS_DRIFT_IMAP_PASSWORD to read this mailbox\n',
    );
  });
});

describe('mta-sts-drift reports --live', () => {
  const live = () => [
    '--live',
    '--dns-server',
    world.dnsServer,
    '--https-port',
    String(world.httpsPort),
    '--allow-private-addresses',
  ];

  it('fetches the live policy of each reported domain and fills in current', async () => {
    const { code, stdout, stderr } = await cli(['reports', '--from', dir, '--json', ...live()]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as {
      domains: { domain: string; appliedPolicies: { organization: string; current: boolean | null }[] }[];
    };
    const current = Object.fromEntries(
      summary.domains.map((d) => [d.domain, d.appliedPolicies.map((p) => [p.organization, p.current])]),
    );
    expect(current).toEqual({
      'expired-mx.example': [['Org A', true]],
      'healthy.example': [
        ['Org B', false],
        ['Org C', true],
      ],
    });
  });

  it('shows senders on an old policy in the text output', async () => {
    const { stdout } = await cli(['reports', '--from', dir, ...live()]);
    expect(stdout).toContain(
      '  senders on an old policy:\n    Org B: 100 session(s) under "version: STSv1; mode: testing; mx: mx1.healthy.example; max_age: 86400"',
    );
  });

  it('without --live, current stays null and the text says how to compare', async () => {
    const { stdout } = await cli(['reports', '--from', dir]);
    expect(stdout).toContain(
      'policy applied by senders: not compared with the live policy (add --live, or use check --tlsrpt)',
    );
    const { code, stderr } = await cli(['reports', '--from', dir, '--dns-server', world.dnsServer]);
    expect(code).toBe(2);
    expect(stderr).toContain('--dns-server and --allow-private-addresses apply to reports --live only');
  });
});

describe('check --tlsrpt with a mailbox that refuses', () => {
  it("the IMAP server's reply reaches stderr with its control characters made visible", async () => {
    const imap = await startRefusingImapServer('\u001b[2J\u001b]0;owned\u0007 gone');
    try {
      const out = new PassThrough();
      const err = new PassThrough();
      let stderr = '';
      err.on('data', (c: Buffer) => (stderr += c.toString()));
      out.resume();
      const env = { MTA_STS_DRIFT_IMAP_USER: 'u', MTA_STS_DRIFT_IMAP_PASSWORD: 'p' };
      const args = [
        'check',
        ...world.checkArgs,
        '--json',
        '--domain',
        'healthy.example',
        '--tlsrpt',
        imap.url,
      ];
      const code = await runCli(args, { stdout: out, stderr: err, ca: world.caPem, env });
      expect(code).toBe(0);
      expect(stderr).toContain('warning: TLS-RPT source not read: ');
      expect(stderr).toContain('\\u001b[2J\\u001b]0;owned\\u0007 gone');
      expect(stderr).not.toContain('\u001b');
      expect(stderr).not.toContain('\u0007');
    } finally {
      await imap.close();
    }
  });
});

describe('mta-sts-drift reports --live bound', () => {
  it(`looks up at most ${MAX_LIVE_DOMAINS} domains named by the reports; the others keep current null`, async () => {
    const many = await mkdtemp(join(tmpdir(), 'mta-sts-drift-live-bound-'));
    try {
      const report = tlsrptReport({ reportId: 'many', start: day(2), end: day(1) });
      const entry = (report['policies'] as Record<string, Record<string, unknown>>[])[0]!;
      report['policies'] = Array.from({ length: MAX_LIVE_DOMAINS + 1 }, (_, i) => ({
        ...entry,
        policy: { ...entry['policy'], 'policy-domain': `d${String(i).padStart(3, '0')}.healthy.example` },
      }));
      await writeFile(join(many, 'many.json'), JSON.stringify(report));
      const { stdout } = await cli([
        'reports',
        '--from',
        many,
        '--json',
        '--live',
        '--dns-server',
        world.dnsServer,
        '--https-port',
        String(world.httpsPort),
        '--allow-private-addresses',
      ]);
      const summary = JSON.parse(stdout) as {
        domains: { domain: string; appliedPolicies: { current: boolean | null }[] }[];
      };
      const current = summary.domains.map((d) => d.appliedPolicies[0]?.current);
      expect(current.slice(0, MAX_LIVE_DOMAINS).every((c) => c === false)).toBe(true);
      expect(current).toHaveLength(MAX_LIVE_DOMAINS + 1);
      expect(current[MAX_LIVE_DOMAINS]).toBeNull();
    } finally {
      await rm(many, { recursive: true, force: true });
    }
  });
});
