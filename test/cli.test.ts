/**
 * The CLI end to end, in-process, against the demo's loopback world (DNS, HTTPS, SMTP with a test CA): JSON
 * output, exit codes, the state file across two runs, and usage/config errors.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAINS, DEMO_MX, STALE_AFTER, STALE_BEFORE } from '../demo/domains.js';
import { startWorld, type World } from '../demo/world.js';
import type { CheckReport } from '../src/check.js';
import { CHECK_OPTIONS, runCli } from '../src/cli.js';
import type { StateFile } from '../src/state/state-file.js';

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  return { out, err, text: () => ({ stdout, stderr }) };
}

let world: World;
let dir: string;

async function cli(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}) {
  const io = capture();
  const input = new PassThrough();
  input.end(stdin ?? '');
  const code = await runCli(args, { stdout: io.out, stderr: io.err, stdin: input, ca: world.caPem, env });
  return { code, ...io.text() };
}

function checkArgs(...extra: string[]): string[] {
  return ['check', ...world.checkArgs, '--timeout', '5', ...extra];
}

beforeAll(async () => {
  world = await startWorld(DEMO_DOMAINS, DEMO_MX);
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-cli-'));
});
afterAll(async () => {
  await world.close();
  await rm(dir, { recursive: true, force: true });
});

describe('mta-sts-drift check', () => {
  it('reports the demo world in JSON with verdicts and exits 1 on errors', async () => {
    const { code, stdout } = await cli(checkArgs('--config', 'demo/domains.yml', '--json'));
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.version).toBe(1);
    const byName = Object.fromEntries(report.domains.map((d) => [d.domain, d]));
    expect(byName['healthy.example']).toMatchObject({
      status: 'ok',
      bounces: false,
      policy: { status: 'valid', mode: 'enforce' },
    });
    expect(byName['healthy.example']?.mx.map((m) => [m.host, m.tls, m.enforceOk])).toEqual([
      ['mx1.healthy.example', 'ok', true],
      ['mx2.healthy.example', 'ok', true],
    ]);
    const newMx = byName['new-mx.example']!;
    expect(newMx.bounces).toBe(false);
    expect(newMx.findings.find((f) => f.code === 'mx-not-covered')).toMatchObject({
      severity: 'error',
      host: 'mx2.new-mx.example',
    });
    expect(newMx.findings.map((f) => f.code)).toContain('drift-mx');
    expect(byName['expired-mx.example']).toMatchObject({ bounces: true, status: 'error' });
    expect(byName['expired-mx.example']?.mx[0]?.tls).toBe('cert-expired');
    expect(byName['redirect.example']).toMatchObject({ bounces: false, policy: { status: 'unreachable' } });
    expect(byName['redirect.example']?.findings.map((f) => f.code)).toContain('policy-redirect');
    expect(byName['testing.example']).toMatchObject({ bounces: false, bouncesIfEnforced: true });
    expect(byName['testing.example']?.mx[0]?.tls).toBe('name-mismatch');
    expect(report.summary.bouncing).toEqual(['expired-mx.example']);
    // The demo's DANE domain (issue #7 item 7): the world's DNS plays a validating resolver for its signed zones.
    expect(report.runFindings.map((f) => f.code)).not.toContain('dns-not-validating');
    const dane = byName['dane.example'];
    expect(dane?.mx.map((m) => [m.host, m.dane?.verdict])).toEqual([
      ['mx1.dane.example', 'dane-ok'],
      ['mx2.dane.example', 'dane-fail'],
    ]);
    expect(dane?.findings.map((f) => `${f.code} ${f.host ?? ''}`)).toEqual([
      'tlsa-mismatch mx2.dane.example',
    ]);
    expect(dane).toMatchObject({ status: 'error', bounces: false, bouncesDane: false });
    // Unsigned demo domains: DANE does not apply.
    expect(byName['healthy.example']?.mx[0]?.dane?.verdict).toBe('no-dane');
  });

  it('exits 0 when nothing reaches --fail-on, and prints a terminal table without colour off a TTY', async () => {
    const { code, stdout } = await cli(
      checkArgs('--config', 'demo/domains.yml', '--domain', 'healthy.example'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^DOMAIN\s+STATUS\s+BOUNCES/m);
    expect(stdout).toMatch(/healthy\.example\s+ok\s+no/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('colours the terminal report into a pipe with FORCE_COLOR, and not with an empty one (issue #11 item 19)', async () => {
    const args = checkArgs('--config', 'demo/domains.yml', '--domain', 'healthy.example');
    expect((await cli(args, '', { FORCE_COLOR: '1' })).stdout).toContain('\u001b[');
    expect((await cli(args, '', { FORCE_COLOR: '' })).stdout).not.toContain('\u001b[');
  });

  it('fails on warnings only with --fail-on warning, never with --fail-on never', async () => {
    const base = checkArgs('--config', 'demo/domains.yml', '--domain', 'testing.example');
    expect((await cli([...base, '--fail-on', 'error'])).code).toBe(0);
    expect((await cli([...base, '--fail-on', 'warning'])).code).toBe(1);
    expect(
      (
        await cli([
          ...base,
          '--config',
          'demo/domains.yml',
          '--fail-on',
          'never',
          '--domain',
          'expired-mx.example',
        ])
      ).code,
    ).toBe(0);
  });

  it('reports stale-policy-id when the policy changes without a new id, across two runs with --state', async () => {
    const state = join(dir, 'state.json');
    const args = checkArgs(
      '--config',
      'demo/domains.yml',
      '--domain',
      'stale-id.example',
      '--state',
      state,
      '--json',
    );
    const first = JSON.parse((await cli(args)).stdout) as CheckReport;
    expect(first.domains[0]?.findings.map((f) => f.code)).not.toContain('stale-policy-id');
    const saved = JSON.parse(await readFile(state, 'utf8')) as { domains: Record<string, { id: string }> };
    expect(saved.domains['stale-id.example']?.id).toBe('20261101');
    world.update(STALE_AFTER);
    try {
      const second = JSON.parse((await cli(args)).stdout) as CheckReport;
      expect(second.domains[0]?.findings.find((f) => f.code === 'stale-policy-id')).toMatchObject({
        severity: 'error',
        observed: '20261101',
      });
      // The finding repeats until a new id is published.
      const third = JSON.parse((await cli(args)).stdout) as CheckReport;
      expect(third.domains[0]?.findings.map((f) => f.code)).toContain('stale-policy-id');
    } finally {
      world.update(STALE_BEFORE);
    }
  });

  it('follows what senders still hold across two runs with --state: the record removed and the MX moved (issue #8)', async () => {
    const state = join(dir, 'history-state.json');
    const args = checkArgs(
      '--config',
      'demo/domains.yml',
      '--domain',
      'stale-id.example',
      '--state',
      state,
      '--json',
    );
    // The clock of each run is fixed, so the window end is exact: the second run is one hour after the first.
    const first = new Date(Math.floor(Date.now() / 1000) * 1000);
    const second = new Date(first.getTime() + 3_600_000);
    const at = async (now: Date): Promise<CheckReport> => {
      const io = capture();
      const input = new PassThrough();
      input.end('');
      await runCli(args, {
        stdout: io.out,
        stderr: io.err,
        stdin: input,
        ca: world.caPem,
        env: {},
        now: () => now,
      });
      return JSON.parse(io.text().stdout) as CheckReport;
    };
    const before = await at(first);
    expect(before.domains[0]).toMatchObject({
      cached: [],
      bouncesForCachedSenders: false,
      bounceWindowEnd: null,
    });
    // RFC 8461 §8.3 done wrong: the record deleted at once, and the mail moved to a host the old policy omits.
    world.update({ ...STALE_BEFORE, sts: [], mx: [{ host: 'mx2.stale-id.example', preference: 10 }] });
    try {
      const after = (await at(second)).domains[0];
      const windowEnd = new Date(second.getTime() + 604_800_000).toISOString();
      expect(after).toMatchObject({
        bounces: false,
        bouncesForCachedSenders: true,
        bounceWindowEnd: windowEnd,
      });
      expect(after?.cached?.map((c) => [c.id, c.why, c.refuses])).toEqual([
        ['20261101', 'txt-removed', ['mx2.stale-id.example']],
      ]);
      const finding = after?.findings.find((f) => f.code === 'sts-removed-while-cached');
      expect(finding).toMatchObject({ severity: 'error' });
      expect(finding?.message).toContain(`until ${windowEnd}`);
      const saved = JSON.parse(await readFile(state, 'utf8')) as StateFile;
      expect(saved.version).toBe(2);
      expect(saved.domains['stale-id.example']?.history?.[0]).toMatchObject({
        id: '20261101',
        replacedAt: second.toISOString(),
      });
    } finally {
      world.update(STALE_BEFORE);
    }
  });

  it('creates the missing folder of --state (the first run with actions/cache)', async () => {
    const state = join(dir, 'cache', 'mta-sts-drift', 'state.json');
    const { code, stderr } = await cli(checkArgs('--domain', 'healthy.example', '--state', state, '--json'));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(await readFile(state, 'utf8'))).toMatchObject({ version: 2 });
  });

  it('prints the report and only warns when --state cannot be written (a folder), leaving no .tmp', async () => {
    const state = join(dir, 'state-folder');
    await mkdir(state);
    const { code, stdout, stderr } = await cli(
      checkArgs('--domain', 'healthy.example', '--state', state, '--json'),
    );
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as CheckReport).domains.map((d) => d.domain)).toEqual(['healthy.example']);
    expect(stderr).toBe(
      `warning: cannot read the state from ${state}: it is a folder; starting afresh\n` +
        `warning: cannot save the state to ${state}: it is a folder; the next run checks id freshness afresh\n`,
    );
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('checks a --domain without a config file', async () => {
    const { stdout } = await cli(checkArgs('--domain', 'Healthy.Example.', '--json'));
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.domains.map((d) => d.domain)).toEqual(['healthy.example']);
  });

  it.each([
    [
      ['check', '--fail-on', 'sometimes'],
      /--fail-on "sometimes" is not allowed; expected one of error, warning, never/,
    ],
    [['check', '--concurrency', '0'], /--concurrency "0" is not a whole number from 1 to 1000/],
    [['check', '--dns-server', 'resolver.example'], /expected IP\[:PORT\]/],
    [['check', '--bogus'], /unknown option --bogus/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [
      ['check', '--config', 'demo/domains.yml', '--domain', 'absent.example'],
      /--domain absent\.example is not in/,
    ],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 naming file, line and field for an invalid config', async () => {
    const config = join(dir, 'bad.yml');
    await writeFile(config, 'domains:\n  - domain: example.com\n    mode: enfroce\n');
    const { code, stderr } = await cli(['check', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${config}:3:11: domains[0].mode: "enfroce" is not allowed; expected one of enforce, testing, none`,
    );
  });
});

describe('mta-sts-drift --version and --help', () => {
  it('prints the version and exits 0', async () => {
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^mta-sts-drift \d+\.\d+\.\d+\n$/);
  });
  it('prints the usage with --help (exit 0) and without a command (exit 2, on stderr)', async () => {
    expect(await cli(['--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('mta-sts-drift check'),
    });
    const none = await cli([]);
    expect(none).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--help') });
  });

  // issue #11 item 11: every command has its help, on stdout, exit 0.
  it.each([
    [['--help'], 'Usage:\n  mta-sts-drift check'],
    [['-h'], 'Usage:\n  mta-sts-drift check'],
    [['help'], 'Usage:\n  mta-sts-drift check'],
    [['check', '--help'], 'Usage: mta-sts-drift check '],
    [['check', '-h'], 'Usage: mta-sts-drift check '],
    [['help', 'check'], 'Usage: mta-sts-drift check '],
    [['check', '--bogus', '--help'], 'Usage: mta-sts-drift check '],
    [['lint', '--help'], 'Usage: mta-sts-drift lint policy FILE|-'],
    [['lint', 'policy', '--help'], 'Usage: mta-sts-drift lint policy FILE|-'],
    [['lint', 'policy', '-', '-h'], 'Usage: mta-sts-drift lint policy FILE|-'],
    [['help', 'lint', 'policy'], 'Usage: mta-sts-drift lint policy FILE|-'],
    [['lint', 'sts-record', '--help'], 'Usage: mta-sts-drift lint sts-record TXT...'],
    [['lint', 'tlsrpt-record', '--help'], 'Usage: mta-sts-drift lint tlsrpt-record TXT...'],
  ])('%j prints its help', async (args, start) => {
    const { code, stdout, stderr } = await cli(args);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.startsWith(start) || stdout.includes(`\n\n${start}`)).toBe(true);
    expect(stdout).toMatch(/^ {2}-h, --help +Show this help\.$/m);
  });

  it('keeps every command help within 100 columns', async () => {
    for (const args of [
      [],
      ['check'],
      ['lint'],
      ['lint', 'policy'],
      ['lint', 'sts-record'],
      ['lint', 'tlsrpt-record'],
      ['reports'],
      ['plan'],
      ['merge'],
    ]) {
      const { stdout } = await cli([...args, '--help']);
      expect(stdout, args.join(' ')).toMatch(/Usage:/);
      const long = stdout.split('\n').filter((line) => line.length > 100);
      expect(long, args.join(' ')).toEqual([]);
    }
  });

  it('check --help gives every option with its meaning and default', async () => {
    const { stdout } = await cli(['check', '--help']);
    const names = Object.keys(CHECK_OPTIONS);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      // From the option's line to the next option: its text, ending with its default.
      const block = new RegExp(`^ {2}--${name}\\b[^\\n]*(\\n {30}[^\\n]*)*`, 'm').exec(stdout)?.[0];
      expect(block, name).toMatch(/ \w.*Default: .+\.$/s);
    }
    expect(stdout).toContain('--fail-on LEVEL             Exit 1 when a finding reaches this level');
    expect(stdout).toMatch(/--concurrency N +Domains observed at once, 1 to 1000\. Default: 32\./);
    expect(stdout).toMatch(/--config FILE +.*\n +Default: domains\.yml\./);
  });

  it('lint policy --help gives --mx and --json; the record targets give only --json', async () => {
    const policy = (await cli(['lint', 'policy', '--help'])).stdout;
    expect(policy).toMatch(/^ {2}--mx HOST +An MX host .*\n.* Repeatable\. Default: none\.$/m);
    expect(policy).toMatch(/^ {2}--json +Print the result as JSON\. Default: off\.$/m);
    const record = (await cli(['lint', 'sts-record', '--help'])).stdout;
    expect(record).not.toContain('--mx');
    expect(record).toContain('--json');
  });

  // Usage errors: one line saying what is wrong (with a suggestion when one is near), then where the help is.
  it.each([
    [['check', '--stat', 'x'], 'mta-sts-drift check: unknown option --stat; did you mean --state?', 'check'],
    [
      ['check', '--fail_on', 'error'],
      'mta-sts-drift check: unknown option --fail_on; did you mean --fail-on?',
      'check',
    ],
    [['check', '--jsno'], 'mta-sts-drift check: unknown option --jsno; did you mean --json?', 'check'],
    [['check', '--frobnicate'], 'mta-sts-drift check: unknown option --frobnicate', 'check'],
    [['chek'], 'mta-sts-drift: unknown command "chek"; did you mean check?', ''],
    [['--verison'], 'mta-sts-drift: unknown option --verison; did you mean --version?', ''],
    [
      ['check', '--fail-on', 'warnings'],
      'mta-sts-drift check: --fail-on "warnings" is not allowed; expected one of error, warning, never; did you mean warning?',
      'check',
    ],
    [['check', '--config'], 'mta-sts-drift check: --config needs a value', 'check'],
    [['check', '--json=yes'], 'mta-sts-drift check: --json takes no value', 'check'],
    [['check', 'example.com'], 'mta-sts-drift check: takes options only, not "example.com"', 'check'],
    [
      ['lint', 'polcy', 'x'],
      'mta-sts-drift lint: takes policy, sts-record or tlsrpt-record, not "polcy"; did you mean policy?',
      'lint',
    ],
    [['lint'], 'mta-sts-drift lint: needs a target: policy, sts-record or tlsrpt-record', 'lint'],
    [
      ['lint', 'policy', '--mxx', 'a', '-'],
      'mta-sts-drift lint policy: unknown option --mxx; did you mean --mx?',
      'lint policy',
    ],
    [
      ['lint', 'sts-record', '--mx', 'a', 'v=STSv1; id=1'],
      'mta-sts-drift lint sts-record: --mx applies to lint policy only',
      'lint sts-record',
    ],
    [['check', '--dns-server', 'resolver.example'], /^mta-sts-drift check: .*expected IP\[:PORT\]/, 'check'],
  ])('%j: a short usage error, exit 2', async (args, first, command) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.split('\n');
    expect(lines).toHaveLength(3); // two lines and the final newline
    expect(lines[0]).toMatch(typeof first === 'string' ? new RegExp(`^${escape(first)}$`) : first);
    expect(lines[1]).toBe(`see 'mta-sts-drift${command === '' ? '' : ` ${command}`} --help'`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('mta-sts-drift lint', () => {
  const policy =
    'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.mail.example.com\nmax_age: 604800\n';

  it('validates a policy from stdin and matches --mx hosts (RFC 8461 §4.1)', async () => {
    const ok = await cli(
      ['lint', 'policy', '-', '--mx', 'mx1.example.com', '--mx', 'a.mail.example.com', '--json'],
      policy,
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      valid: true,
      policy: {
        version: 'STSv1',
        mode: 'enforce',
        maxAge: 604800,
        mx: ['mx1.example.com', '*.mail.example.com'],
      },
      mx: [
        { host: 'mx1.example.com', matched: true, pattern: 'mx1.example.com' },
        { host: 'a.mail.example.com', matched: true, pattern: '*.mail.example.com' },
      ],
    });
    const bad = await cli(['lint', 'policy', '-', '--mx', 'a.b.mail.example.com', '--json'], policy);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).errors[0].code).toBe('mx-not-covered');
  });

  it('validates STS and TLS-RPT record values', async () => {
    const sts = await cli(['lint', 'sts-record', 'v=STSv1; id=2024-07-21T20:16', '--json']);
    expect(sts.code).toBe(1);
    expect(JSON.parse(sts.stdout).errors[0].code).toBe('sts-id-invalid');
    const two = await cli(['lint', 'sts-record', 'v=STSv1; id=1', 'v=STSv1; id=2']);
    expect(two.code).toBe(1);
    expect(two.stdout).toContain('sts-record-multiple');
    const rpt = await cli([
      'lint',
      'tlsrpt-record',
      'v=TLSRPTv1; rua=mailto:a@example.com, https://r.example.com/v1',
      '--json',
    ]);
    expect(rpt.code).toBe(0);
    expect(JSON.parse(rpt.stdout).rua).toEqual(['mailto:a@example.com', 'https://r.example.com/v1']);
  });

  it('exits 2 for a missing policy file or an unknown lint target', async () => {
    expect((await cli(['lint', 'policy', join(dir, 'nope.txt')])).code).toBe(2);
    expect((await cli(['lint', 'dmarc', 'x'])).stderr).toContain(
      'takes policy, sts-record or tlsrpt-record, not "dmarc"',
    );
  });
});
