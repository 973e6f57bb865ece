/**
 * `mta-sts-drift plan` live mode (issue #8 item 3) through the CLI, in-process, against a loopback DNS server and a
 * loopback HTTPS policy host with the test CA: the policy, id, MX hosts and TTLs read from them, the policy history
 * read from the state file `check --state` wrote, JSON and terminal output, and an error naming each part of the
 * live world that cannot be read.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../src/core/plan.js';
import { startDnsServer, type TestDnsServer, type ZoneEntry } from './helpers/dns-server.js';
import { startHttpsServer, type TestHttpsServer } from './helpers/https-server.js';
import { daysFromNow, issueCertificate, testCa } from './helpers/test-ca.js';
import { runCliCaptured } from './helpers/run-cli.js';

const D = 'live.test';
const MX1 = `mx1.${D}`;
const MX2 = `mx2.${D}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The clock of every run, on the hour so that the times printed are round. */
const T0 = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const at = (ms: number): string => iso(T0.getTime() + ms);

const policy = (mx: readonly string[], maxAge: number, mode = 'enforce'): string =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\r\n');

const zone = (id: string): Record<string, ZoneEntry> => ({
  [`_mta-sts.${D}`]: { TXT: [`v=STSv1; id=${id}`], TTL: 300 },
  [D]: { MX: [{ preference: 10, exchange: MX1 }], TTL: 1800 },
  [`mta-sts.${D}`]: { A: ['127.0.0.1'] },
  [MX1]: { A: ['127.0.0.1'] },
});

let dns: TestDnsServer;
let https: TestHttpsServer;
let dir: string;
// Valid well before the clock of the check runs that fill the history (two days back).
const certificate = issueCertificate({ names: [`mta-sts.${D}`], notBefore: daysFromNow(-10) });

function serve(body: string): void {
  https.setHost(`mta-sts.${D}`, { certificate, route: { kind: 'body', body } });
}

async function cli(args: string[], now: Date = T0) {
  return runCliCaptured(args, { ca: testCa.certPem, now: () => now });
}

/** The options that point plan (and check) at the loopback world. */
const world = (): string[] => [
  '--dns-server',
  dns.server,
  '--https-port',
  String(https.port),
  '--allow-private-addresses',
];
const plan = (...extra: string[]): string[] => ['plan', '--domain', D, ...world(), ...extra];

beforeAll(async () => {
  dns = await startDnsServer({ records: zone('new1') });
  https = await startHttpsServer({
    hosts: { [`mta-sts.${D}`]: { certificate, route: { kind: 'body', body: policy([MX1], 604800) } } },
  });
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-plan-live-'));
});
afterAll(async () => {
  await Promise.all([dns.close(), https.close()]);
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  dns.update({ records: zone('new1'), behaviour: {}, notAuthoritative: false });
  serve(policy([MX1], 604800));
});

describe('plan, live: the inputs read from DNS and HTTPS', () => {
  it('reads the id, the policy, the MX hosts and both TTLs, and plans from them (JSON)', async () => {
    const { code, stdout, stderr } = await cli(plan('--add-mx', MX2, '--json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Plan;
    expect(result).toMatchObject({
      domain: D,
      now: at(0),
      txtTtl: 300,
      mxTtl: 1800,
      source: 'live',
      held: [],
      current: { id: 'new1', mode: 'enforce', maxAge: 604800, mx: [MX1], mxHosts: [MX1] },
      target: { mx: [MX1, MX2], mxHosts: [MX1, MX2] },
    });
    // The new host waits for the TXT TTL read from DNS (RFC 8461 §8.1), not the 3600 s default.
    expect(result.steps.map((s) => [s.kind, s.earliest])).toEqual([
      ['publish-policy', at(0)],
      ['publish-txt', at(0)],
      ['add-mx', at(300 * 1000)],
    ]);
    expect(result.steps[1]?.change?.text).not.toBe('v=STSv1; id=new1');
    expect(result.notes.join('\n')).toContain('Without --state, the plan knows only the live policy.');
    expect(dns.queries.some((q) => q.name === `_mta-sts.${D}` && q.type === 'TXT')).toBe(true);
  });

  it('prints the same plan as text, saying it was read live', async () => {
    const { code, stdout } = await cli(plan('--add-mx', MX2, '--now', '2026-11-29T04:12:00Z'));
    expect(code).toBe(0);
    expect(stdout).toContain('Plan for live.test, from 2026-11-29T04:12:00Z (TXT TTL 300 s, MX TTL 1800 s)');
    expect(stdout).toContain('  Read:   live from DNS and HTTPS (no policy history: --state not given)');
    expect(stdout).toContain(`  Now:    id new1, mode enforce, max_age 604800, mx ${MX1}; MX hosts ${MX1}`);
    expect(stdout).toMatch(
      /3\. Add the MX record live\.test\. MX <preference> mx2\.live\.test\.\n {2}Earliest: 2026-11-29T04:17:00Z/,
    );
  });

  it('--txt-ttl and --mx-ttl win over the TTLs read', async () => {
    const result = JSON.parse((await cli(plan('--add-mx', MX2, '--txt-ttl', '60', '--json'))).stdout) as Plan;
    expect([result.txtTtl, result.mxTtl]).toEqual([60, 1800]);
  });

  it('says when the TTLs come from a resolver cache, which counts down', async () => {
    dns.update({ notAuthoritative: true });
    const result = JSON.parse((await cli(plan('--add-mx', MX2, '--json'))).stdout) as Plan;
    expect(result.notes).toContain(
      `The TTL of TXT _mta-sts.${D} (300 s) came from a resolver's cache, which counts down: the zone's TTL may be longer. Pass --txt-ttl with the zone's value, or --dns-server naming the domain's authoritative server.`,
    );
  });

  it('--remove-mx takes a host from the MX hosts now; one that is not there is a usage error', async () => {
    dns.update({
      records: {
        ...zone('new1'),
        [D]: {
          MX: [
            { preference: 10, exchange: MX1 },
            { preference: 20, exchange: MX2 },
          ],
        },
      },
    });
    serve(policy([MX1, MX2], 604800));
    const result = JSON.parse((await cli(plan('--remove-mx', MX2, '--json'))).stdout) as Plan;
    expect(result.target.mxHosts).toEqual([MX1]);
    expect(result.steps.map((s) => s.kind)).toContain('remove-mx');
    const wrong = await cli(plan('--remove-mx', `mx9.${D}`));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      `--remove-mx mx9.${D}: not an MX host now (the MX hosts now: ${MX1}, ${MX2})`,
    );
  });
});

describe('plan, live: the policy history of --state (what senders may still hold)', () => {
  it('waits for an earlier policy that check --state saw, with a longer max_age', async () => {
    const state = join(dir, 'state.json');
    const check = ['check', '--domain', D, ...world(), '--check-mx-tls', 'false', '--state', state, '--json'];
    // Two days ago: id old1 with max_age 30 d; a day ago: id new1 with max_age 7 d (the live one).
    dns.update({ records: zone('old1') });
    serve(policy([MX1], 30 * 86400));
    expect((await cli(check, new Date(T0.getTime() - 2 * DAY))).code).toBe(0);
    dns.update({ records: zone('new1') });
    serve(policy([MX1], 604800));
    expect((await cli(check, new Date(T0.getTime() - DAY))).code).toBe(0);

    const move = ['--target-mx', MX2, '--json'];
    const withHistory = JSON.parse((await cli(plan(...move, '--state', state))).stdout) as Plan;
    // old1 was served until new1 was first seen, a day ago, and is cached for 30 d from then (RFC 8461 §3.2).
    const heldUntil = at(29 * DAY);
    expect(withHistory.source).toBe('live-history');
    expect(withHistory.held).toEqual([
      { id: 'old1', mode: 'enforce', maxAge: 30 * 86400, mx: [MX1], heldUntil },
    ]);
    const removal = (p: Plan) => p.steps.find((s) => s.kind === 'remove-mx')?.earliest;
    expect(removal(withHistory)).toBe(heldUntil);
    expect(withHistory.notes.join('\n')).not.toContain('Without --state');
    // Without the history only the live policy's 7 days are known.
    const without = JSON.parse((await cli(plan(...move))).stdout) as Plan;
    expect(removal(without)).toBe(at(7 * DAY));

    const text = (await cli(plan('--target-mx', MX2, '--state', state))).stdout;
    expect(text).toContain('  Read:   live from DNS and HTTPS, with the policy history of --state');
    expect(text).toContain(`  Held:   id old1 until ${heldUntil}: mode enforce, max_age 2592000, mx ${MX1}`);
  });

  it('a state file that is missing or holds nothing for the domain is a warning, not a failure', async () => {
    const missing = await cli(plan('--add-mx', MX2, '--state', join(dir, 'none.json')));
    expect(missing.code).toBe(0);
    expect(missing.stderr).toContain(`warning: --state ${join(dir, 'none.json')} does not exist`);
    const other = join(dir, 'other.json');
    await writeFile(other, JSON.stringify({ version: 2, domains: {} }));
    const empty = await cli(plan('--add-mx', MX2, '--state', other));
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain(`holds no policy history for ${D}`);
  });
});

describe('plan, live: a live world that cannot be read names each part and why (exit 1)', () => {
  it.each<[string, () => void, string[], string[]]>([
    [
      'the TXT lookup fails, and the MX lookup too',
      () => dns.update({ behaviour: { [`_mta-sts.${D}`]: 'servfail', [D]: { MX: 'servfail' } } }),
      [],
      [
        `  TXT _mta-sts.${D}: the lookup failed (ESERVFAIL: the server could not answer (SERVFAIL)), so the id now is not known`,
        `  MX ${D}: the lookup failed (ESERVFAIL: the server could not answer (SERVFAIL))`,
      ],
    ],
    [
      'no record',
      () => dns.update({ records: { ...zone('new1'), [`_mta-sts.${D}`]: { A: ['127.0.0.1'] } } }),
      [],
      [
        `  TXT _mta-sts.${D}: there is no "v=STSv1" record: ${D} publishes no MTA-STS policy, so there is nothing to change from`,
      ],
    ],
    [
      'the policy answers 404',
      () =>
        https.setHost(`mta-sts.${D}`, { certificate, route: { kind: 'body', body: 'gone', status: 404 } }),
      [],
      [`  policy https://mta-sts.${D}/.well-known/mta-sts.txt: `, '404'],
    ],
    [
      'the policy host is on loopback and private addresses are not allowed',
      () => undefined,
      ['--allow-private-addresses'],
      [
        `  policy https://mta-sts.${D}/.well-known/mta-sts.txt: Not fetched from mta-sts.${D} (127.0.0.1): 127.0.0.1 is a loopback address; not contacted without --allow-private-addresses.`,
      ],
    ],
  ])('%s', async (_name, setUp, drop, lines) => {
    setUp();
    const args = plan('--add-mx', MX2).filter((a) => !drop.includes(a));
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(`^mta-sts-drift plan: cannot read ${D.replace('.', '\\.')} from the live world:\n`),
    );
    for (const line of lines) expect(stderr).toContain(line);
    expect(stderr).toContain('To plan anyway, give the policy and the MX hosts now: --policy FILE --mx HOST');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('plan: live and offline options do not mix', () => {
  it.each<[string, string[], string]>([
    [
      '--state with --policy',
      ['--policy', '-', '--mx', MX1, '--state', 'x.json', '--add-mx', MX2],
      '--state reads the live domain: leave out --policy and --mx, or leave out --state',
    ],
    ['--txt-id live', ['--txt-id', 'abc', '--add-mx', MX2], '--txt-id goes with --policy and --mx'],
    ['--policy without --mx', ['--policy', '-', '--add-mx', MX2], '--mx goes with --policy'],
    [
      '--target-mx with --add-mx',
      ['--target-mx', MX1, '--add-mx', MX2],
      '--target-mx names every MX host wanted: it cannot be combined with --add-mx or --remove-mx',
    ],
    [
      'a bad --dns-server',
      ['--dns-server', 'resolver', '--add-mx', MX2],
      '--dns-server: Invalid DNS server "resolver"',
    ],
  ])('%s', async (_name, extra, message) => {
    const { code, stderr } = await cli(['plan', '--domain', D, ...extra]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toMatch(/\nsee 'mta-sts-drift plan --help'\n$/);
  });
});
