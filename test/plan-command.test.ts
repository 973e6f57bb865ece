/**
 * `mta-sts-drift plan` through the CLI, in-process: text and JSON output, and a clear error for each bad option.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../src/core/plan.js';
import { runCliCaptured } from './helpers/run-cli.js';

let dir: string;
let policyFile: string;
let badPolicyFile: string;

async function cli(args: string[], stdin = '') {
  return runCliCaptured(args, { stdin });
}

const POLICY = 'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n';
const base = (): string[] => [
  'plan',
  '--domain',
  'example.com',
  '--policy',
  policyFile,
  '--mx',
  'mx1.example.com',
  '--txt-id',
  '20260101T000000',
  '--now',
  '2026-11-29T04:12:00Z',
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-plan-'));
  policyFile = join(dir, 'mta-sts.txt');
  badPolicyFile = join(dir, 'bad.txt');
  await writeFile(policyFile, POLICY);
  await writeFile(badPolicyFile, 'version: STSv1\nmode: enforced\nmx: mx1.example.com\nmax_age: 604800\n');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('mta-sts-drift plan', () => {
  it('prints the steps as text, with the exact texts and earliest times', async () => {
    const { code, stdout, stderr } = await cli([...base(), '--target-mx', 'mx1.example.com,mx2.example.com']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      '1. Publish the policy: adds mx mx2.example.com\n  Earliest: 2026-11-29T04:12:00Z',
    );
    expect(stdout).toContain('    mx: mx1.example.com\n    mx: mx2.example.com\n    max_age: 604800\n');
    expect(stdout).toContain('  Publish: _mta-sts.example.com.  IN TXT  "v=STSv1; id=20261129T041200"');
    expect(stdout).toContain(
      '3. Add the MX record example.com. MX <preference> mx2.example.com.\n  Earliest: 2026-11-29T05:12:00Z',
    );
  });

  it('prints what to delete for a removal, and the wait', async () => {
    const { code, stdout } = await cli([...base(), '--remove']);
    expect(code).toBe(0);
    expect(stdout).toContain('  Target: MTA-STS removed (RFC 8461 §8.3)\n');
    expect(stdout).toContain(
      '3. Delete the TXT record _mta-sts.example.com\n  Earliest: 2026-12-06T04:12:00Z\n',
    );
    expect(stdout).toContain('  Delete: _mta-sts.example.com.  IN TXT\n');
    expect(stdout).toContain('  Delete: https://mta-sts.example.com/.well-known/mta-sts.txt\n');
  });

  it('prints JSON with --json, and honours --txt-ttl', async () => {
    const { code, stdout } = await cli([...base(), '--remove', '--txt-ttl', '300', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as Plan;
    expect(plan.steps.map((s) => [s.kind, s.earliest])).toEqual([
      ['publish-policy', '2026-11-29T04:12:00Z'],
      ['publish-txt', '2026-11-29T04:12:00Z'],
      ['remove-txt', '2026-12-06T04:12:00Z'],
      ['remove-policy-host', '2026-12-06T04:17:00Z'],
    ]);
    expect(plan.current.id).toBe('20260101T000000');
    expect(plan.txtTtl).toBe(300);
  });

  it('--add-mx and --remove-mx edit the MX hosts now: the same plan as the whole set in --target-mx', async () => {
    const json = async (...target: string[]) =>
      JSON.parse((await cli([...base(), ...target, '--json'])).stdout) as Plan;
    const added = await json('--add-mx', 'mx2.example.com');
    expect(added).toEqual(await json('--target-mx', 'mx1.example.com,mx2.example.com'));
    expect(added.source).toBe('offline');
    const moved = await json('--add-mx', 'mx.provider.example', '--remove-mx', 'MX1.example.com.');
    expect(moved.target.mxHosts).toEqual(['mx.provider.example']);
    const { code, stderr } = await cli([...base(), '--remove-mx', 'mx1.example.com']);
    expect(code).toBe(2);
    expect(stderr).toContain('--remove-mx would remove every MX host; to stop MTA-STS use --remove');
  });

  it('reads the policy from standard input with --policy -', async () => {
    const args = base();
    args[4] = '-';
    const { code, stdout } = await cli([...args, '--target-mode', 'testing', '--json'], POLICY);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Plan).target.mode).toBe('testing');
  });

  it('--help lists every option with its default, within 100 columns', async () => {
    const { code, stdout } = await cli(['plan', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--txt-ttl SECONDS');
    expect(stdout).toContain('Default: read live; 3600 offline.');
    expect(stdout).toContain('--state FILE');
    expect(stdout.split('\n').filter((line) => line.length > 100)).toEqual([]);
    expect((await cli(['help', 'plan'])).stdout).toBe(stdout);
  });

  it.each<[string, string[], string]>([
    [
      'a policy that does not parse names the line and the expected form',
      ['--policy', 'BAD', '--target-mode', 'testing'],
      'mode "enforced" on line 2 is not one of enforce, testing, none.',
    ],
    [
      'an invalid host names the option and the form',
      ['--target-mx', 'mx1.example.com,192.0.2.1'],
      '--target-mx "192.0.2.1" is not a host name (letters, digits and hyphens in dot-separated labels, no IP address); expected a name like mx1.example.com',
    ],
    [
      'no target',
      [],
      'plan needs a target: --target-mx, --add-mx, --remove-mx, --target-mode, --target-max-age or --remove',
    ],
    ['--remove with a target', ['--remove', '--target-mode', 'none'], '--remove cannot be combined with'],
    [
      'a bad mode',
      ['--target-mode', 'enforcing'],
      '--target-mode "enforcing" is not allowed; expected one of enforce, testing, none',
    ],
    [
      'a max_age above the RFC limit',
      ['--target-max-age', '31557601'],
      '--target-max-age "31557601" is not a whole number from 1 to 31557600',
    ],
    [
      'a bad time',
      ['--now', 'tomorrow', '--remove'],
      '--now "tomorrow" is not a time; expected ISO 8601 with a zone',
    ],
    [
      'an id with punctuation',
      ['--txt-id', '2026-11-29', '--remove'],
      '--txt-id "2026-11-29" is not 1 to 32 letters and digits',
    ],
    ['an unknown option', ['--target-mod', 'x'], 'unknown option --target-mod; did you mean --target-mode?'],
  ])('%s', async (_name, extra, message) => {
    const args = base();
    const i = extra.indexOf('--policy');
    if (i >= 0) {
      args[4] = badPolicyFile;
      extra.splice(i, 2);
    }
    const { code, stdout, stderr } = await cli([...args, ...extra]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toMatch(/^mta-sts-drift plan: /);
    expect(stderr).toMatch(/\nsee 'mta-sts-drift plan --help'\n$/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing policy file says which and why', async () => {
    const args = base();
    args[4] = join(dir, 'missing.txt');
    const { code, stderr } = await cli([...args, '--remove']);
    expect(code).toBe(2);
    expect(stderr).toContain(`--policy ${join(dir, 'missing.txt')}: cannot read it`);
  });

  it('the top-level usage names the plan command', async () => {
    const { stdout } = await cli(['--help']);
    expect(stdout).toContain('mta-sts-drift plan --domain D [--policy FILE|- --mx HOST[,HOST...]');
  });
});
