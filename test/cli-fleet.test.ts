/**
 * Large fleets end to end (issue #9): root causes in the JSON report, `check --shard I/N` and `merge`, in-process
 * against a loopback world (DNS, HTTPS, SMTP with a test CA): the demo's domains plus tenants of a shared provider
 * whose MX sits one label too deep for the policy's wildcard, tenants on a shared MX with an expired certificate,
 * and tenants whose policy host serves an expired certificate.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAINS, DEMO_MX } from '../demo/domains.js';
import { startWorld, type World, type WorldDomain } from '../demo/world.js';
import type { CheckReport } from '../src/check.js';
import { runCliCaptured } from './helpers/run-cli.js';

const PROVIDER_MX = 'x.h-v1.mx.provider.example';
const EXPIRED_MX = 'mx.shared-expired.example';

const policy = (mx: readonly string[]) =>
  ['version: STSv1', 'mode: enforce', ...mx.map((m) => `mx: ${m}`), 'max_age: 604800', ''].join('\r\n');

function tenant(name: string, mx: string, pattern: string, policyCert?: 'expired'): WorldDomain {
  return {
    name,
    sts: ['v=STSv1; id=1'],
    tlsrpt: [`v=TLSRPTv1; rua=mailto:tlsrpt@${name}`],
    mx: [{ host: mx, preference: 10 }],
    policy: { kind: 'body', body: policy([pattern]) },
    ...(policyCert === undefined ? {} : { policyCert }),
  };
}

const PROVIDER_TENANTS = ['t1', 't2', 't3', 't4', 't5', 't6'].map((t) => `${t}.tenant.example`);
const EXPIRED_TENANTS = ['e1', 'e2', 'e3'].map((t) => `${t}.tenant.example`);
const BAD_POLICY_CERT = ['p1', 'p2'].map((t) => `${t}.tenant.example`);

const FLEET: WorldDomain[] = [
  ...DEMO_DOMAINS,
  ...PROVIDER_TENANTS.map((d) => tenant(d, PROVIDER_MX, '*.mx.provider.example')),
  ...EXPIRED_TENANTS.map((d) => tenant(d, EXPIRED_MX, EXPIRED_MX)),
  ...BAD_POLICY_CERT.map((d) => tenant(d, PROVIDER_MX, PROVIDER_MX, 'expired')),
];

let world: World;
let dir: string;
let config: string;

async function cli(args: string[]) {
  return runCliCaptured(args, { ca: world.caPem });
}

function check(...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cli(['check', ...world.checkArgs, '--timeout', '5', '--config', config, ...extra]);
}

/** The report without its timestamp, which two runs never share. */
function timeless(report: CheckReport): Omit<CheckReport, 'generatedAt'> {
  return Object.fromEntries(Object.entries(report).filter(([k]) => k !== 'generatedAt')) as Omit<
    CheckReport,
    'generatedAt'
  >;
}

beforeAll(async () => {
  world = await startWorld(FLEET, [
    ...DEMO_MX,
    { host: PROVIDER_MX, cert: 'valid' },
    { host: EXPIRED_MX, cert: 'expired' },
  ]);
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-fleet-'));
  config = join(dir, 'domains.yml');
  const demo = await readFile('demo/domains.yml', 'utf8');
  await writeFile(
    config,
    `${demo}${FLEET.slice(DEMO_DOMAINS.length)
      .map((d) => `  - ${d.name}\n`)
      .join('')}`,
  );
});
afterAll(async () => {
  await world.close();
  await rm(dir, { recursive: true, force: true });
});

describe('root causes in the JSON report (issue #9 item 1)', () => {
  it('groups the fleet by what one fix resolves, bouncing causes first', async () => {
    const { code, stdout } = await check('--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as CheckReport;
    const byKey = new Map(report.causes.map((c) => [c.key, c]));
    expect(byKey.get('mx-not-covered/pattern:*.h-v1.mx.provider.example')).toMatchObject({
      code: 'mx-not-covered',
      severity: 'error',
      domains: PROVIDER_TENANTS,
      count: 6,
      bounces: true,
      hosts: [PROVIDER_MX],
    });
    expect(byKey.get(`mx-cert-expired/mx:${EXPIRED_MX}`)).toMatchObject({
      domains: EXPIRED_TENANTS,
      count: 3,
      bounces: true,
    });
    // The demo's own expired MX is another host: another cause.
    expect(byKey.get('mx-cert-expired/mx:mx.expired-mx.example')?.domains).toEqual(['expired-mx.example']);
    expect(byKey.get('policy-cert-expired/policy-address:127.0.0.1')).toMatchObject({
      domains: BAD_POLICY_CERT,
      bounces: false,
      addresses: ['127.0.0.1'],
    });
    expect(byKey.get('policy-redirect/domain:redirect.example')?.count).toBe(1);
    // The would-bounce verdict of testing.example folds into its MX cause.
    expect(byKey.get('mx-cert-name-mismatch/mx:mx.testing.example')).toMatchObject({
      severity: 'warning',
      bounces: false,
      bouncesIfEnforced: true,
    });
    expect([...byKey.keys()].filter((k) => k.startsWith('bounces-if-enforced/'))).toEqual([]);
    expect(report.causes[0]?.key).toBe('mx-not-covered/pattern:*.h-v1.mx.provider.example');
    expect(report.causes.slice(0, 3).every((c) => c.bounces)).toBe(true);
    expect(report.shard).toBeUndefined();
  });
});

describe('check --shard I/N and merge (issue #9 item 3)', () => {
  it('3 shards merged equal the single run, in domains.yml order', async () => {
    const single = JSON.parse((await check('--json')).stdout) as CheckReport;
    const files: string[] = [];
    const seen: string[] = [];
    for (const index of [1, 2, 3]) {
      const run = await check('--json', '--shard', `${index}/3`);
      expect(run.stderr).toBe('');
      const shard = JSON.parse(run.stdout) as CheckReport;
      expect(shard.shard).toMatchObject({ index, count: 3, total: FLEET.length });
      expect(shard.shard?.positions).toHaveLength(shard.domains.length);
      // Complete for its slice: the summary counts its own domains.
      expect(shard.summary.domains).toBe(shard.domains.length);
      seen.push(...shard.domains.map((d) => d.domain));
      const file = join(dir, `report-${index}.json`);
      await writeFile(file, run.stdout);
      files.push(file);
    }
    expect(seen.sort()).toEqual(FLEET.map((d) => d.name).sort());
    // In reverse order on purpose: merge orders by shard, then by position in domains.yml.
    const merged = await cli(['merge', '--json', ...[...files].reverse()]);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(1);
    const report = JSON.parse(merged.stdout) as CheckReport;
    expect(timeless(report)).toEqual(timeless(single));
    expect(report.domains.map((d) => d.domain)).toEqual(FLEET.map((d) => d.name));
  });

  it('prints the merged terminal report and follows --fail-on', async () => {
    const files = [1, 2, 3].map((i) => join(dir, `report-${i}.json`));
    const text = await cli(['merge', ...files]);
    expect(text.stdout).toMatch(/^DOMAIN\s+STATUS\s+BOUNCES/m);
    expect(text.stdout).toContain(`${FLEET.length} domain(s):`);
    expect((await cli(['merge', '--fail-on', 'never', ...files])).code).toBe(0);
  });

  it('keeps a domain in its shard when another domain is added (stable slices)', async () => {
    const before = JSON.parse((await check('--json', '--shard', '2/3')).stdout) as CheckReport;
    const grown = join(dir, 'grown.yml');
    await writeFile(grown, `${await readFile(config, 'utf8')}  - added-later.example\n`);
    const after = JSON.parse(
      (
        await cli([
          'check',
          ...world.checkArgs,
          '--timeout',
          '5',
          '--config',
          grown,
          '--json',
          '--shard',
          '2/3',
        ])
      ).stdout,
    ) as CheckReport;
    const kept = after.domains.map((d) => d.domain).filter((d) => d !== 'added-later.example');
    expect(kept).toEqual(before.domains.map((d) => d.domain));
  });

  it.each([
    ['0/3', '--shard "0/3" has I = 0; expected 1 to 3'],
    ['4/3', '--shard "4/3" has I = 4; expected 1 to 3'],
    ['3', '--shard "3" is not of the form I/N, e.g. 1/4'],
    ['1/0', '--shard "1/0" has N = 0; expected 1 to 256 shards'],
  ])('check --shard %s: a clear usage error, exit 2', async (value, message) => {
    const { code, stdout, stderr } = await check('--shard', value);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(`mta-sts-drift check: ${message}\nsee 'mta-sts-drift check --help'\n`);
  });

  it('refuses --shard with --domain', async () => {
    const { code, stderr } = await check('--shard', '1/2', '--domain', 'healthy.example');
    expect(code).toBe(2);
    expect(stderr).toContain('--shard and --domain do not go together');
  });
});

describe('merge: reports that do not merge get an error naming the file (issue #9 item 3)', () => {
  let shards: CheckReport[];
  let unsharded: CheckReport;

  beforeAll(async () => {
    shards = await Promise.all(
      [1, 2, 3].map(
        async (i) => JSON.parse(await readFile(join(dir, `report-${i}.json`), 'utf8')) as CheckReport,
      ),
    );
    unsharded = JSON.parse((await check('--json', '--domain', 'healthy.example')).stdout) as CheckReport;
  });

  /** Write the reports as files a.json, b.json, ... and merge them. */
  async function mergeOf(reports: unknown[]) {
    const files = await Promise.all(
      reports.map(async (r, i) => {
        const file = join(dir, `${String.fromCharCode(97 + i)}.json`);
        await writeFile(file, typeof r === 'string' ? r : JSON.stringify(r));
        return file;
      }),
    );
    const result = await cli(['merge', '--json', ...files]);
    return { ...result, first: result.stderr.split('\n')[0]?.replaceAll(`${dir}/`, '') };
  }

  it('a missing shard', async () => {
    const r = await mergeOf([shards[0], shards[2]]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.first).toBe("mta-sts-drift merge: shard 2/3 missing: give every shard's report");
  });

  it('a shard given twice', async () => {
    const r = await mergeOf([shards[0], shards[1], shards[1], shards[2]]);
    expect(r.first).toBe('mta-sts-drift merge: c.json: shard 2/3 again (also b.json)');
  });

  it('shards of different counts', async () => {
    const other = { ...shards[1]!, shard: { ...shards[1]!.shard!, count: 4 } };
    const r = await mergeOf([shards[0], other, shards[2]]);
    expect(r.first).toBe('mta-sts-drift merge: b.json: shard 2/4 does not go with a.json (shard of 3)');
  });

  it('another report version', async () => {
    const r = await mergeOf([shards[0], { ...shards[1], version: 2 }, shards[2]]);
    expect(r.first).toBe(
      'mta-sts-drift merge: b.json: report version 2; this mta-sts-drift merges version 1',
    );
  });

  it('a report made without --shard', async () => {
    const r = await mergeOf([shards[0], unsharded]);
    expect(r.first).toBe('mta-sts-drift merge: b.json: not a shard report (made without check --shard I/N)');
  });

  it('a domain in two shards', async () => {
    const second = shards[1]!;
    const intruder = shards[0]!.domains[0]!;
    const doubled = {
      ...second,
      domains: [...second.domains, intruder],
      shard: { ...second.shard!, positions: [...second.shard!.positions, FLEET.length - 1] },
    };
    const r = await mergeOf([shards[0], doubled, shards[2]]);
    expect(r.first).toBe(`mta-sts-drift merge: b.json: domain ${intruder.domain} is also in a.json`);
  });

  it('shards of a domains.yml of the same size but other content (the config digest)', async () => {
    expect(shards[0]?.shard?.config).toMatch(/^sha256:[0-9a-f]{64}$/);
    // One more MX for the last domain: the same domains, the same count, another configuration.
    const last = FLEET[FLEET.length - 1]!.name;
    const changed = join(dir, 'changed.yml');
    const text = await readFile(config, 'utf8');
    await writeFile(changed, text.replace(`  - ${last}\n`, `  - domain: ${last}\n    mx: [mx.${last}]\n`));
    const third = JSON.parse(
      (
        await cli([
          'check',
          ...world.checkArgs,
          '--timeout',
          '5',
          '--config',
          changed,
          '--json',
          '--shard',
          '3/3',
        ])
      ).stdout,
    ) as CheckReport;
    expect(third.shard?.config).not.toBe(shards[2]?.shard?.config);
    const r = await mergeOf([shards[0], shards[1], third]);
    expect(r.first).toMatch(
      /^mta-sts-drift merge: c\.json: made from another domains\.yml than a\.json \(config sha256:[0-9a-f]{64}, not sha256:[0-9a-f]{64}\): run every shard on the same commit with the same inputs$/,
    );
  });

  it('shards of different domains.yml', async () => {
    const r = await mergeOf([
      shards[0],
      { ...shards[1], shard: { ...shards[1]!.shard!, total: 99 } },
      shards[2],
    ]);
    expect(r.first).toMatch(
      /^mta-sts-drift merge: b\.json: made from a domains\.yml of 99 domains, a\.json from one of /,
    );
  });

  it('not JSON, not a report, an unreadable file, no file at all', async () => {
    expect((await mergeOf(['{"version": 1, "domains"'])).first).toMatch(
      /^mta-sts-drift merge: a\.json: not JSON \(/,
    );
    expect((await mergeOf([{ hello: 'world' }])).first).toBe(
      'mta-sts-drift merge: a.json: not a JSON report of mta-sts-drift check --json',
    );
    const missing = await cli(['merge', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^mta-sts-drift merge: cannot read .*nope\.json: ENOENT/);
    expect((await cli(['merge'])).stderr).toBe(
      "mta-sts-drift merge: needs the JSON reports of check --shard I/N\nsee 'mta-sts-drift merge --help'\n",
    );
  });
});

describe('merge --help and check --help (issue #9 item 3)', () => {
  it('merge has its help, within 100 columns, and the top help names it', async () => {
    const { code, stdout } = await cli(['merge', '--help']);
    expect(code).toBe(0);
    expect(stdout.startsWith('Usage: mta-sts-drift merge REPORT.json... [--json] [--fail-on LEVEL]\n')).toBe(
      true,
    );
    expect(stdout).toMatch(/^ {2}--fail-on LEVEL +Exit 1 when a finding of the merged report/m);
    expect(stdout.split('\n').filter((l) => l.length > 100)).toEqual([]);
    expect((await cli(['help', 'merge'])).stdout).toBe(stdout);
    expect((await cli(['--help'])).stdout).toContain('mta-sts-drift merge REPORT.json...');
    expect((await cli(['merg'])).stderr).toContain('did you mean merge?');
  });

  it('check --help explains --shard', async () => {
    const { stdout } = await cli(['check', '--help']);
    expect(stdout).toMatch(/^ {2}--shard I\/N +Check only shard I of N/m);
  });
});
