/**
 * `npm run bench`: the bundled CLI checks 1,000 synthetic domains sharing 50 MX hosts, against loopback DNS, HTTPS
 * and SMTP servers that wait 25 ms before every reply (a stand-in for network round trips).
 *
 * Reported as ratios against stated bounds (issue #2): SMTP connections = distinct MX addresses, wall time under
 * 10 s, wall time at most 2x the critical-path bound, peak RSS under 300 MB. Then a DANE run (bench/dane-row.ts):
 * TLSA lookups = distinct MX hosts.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONCURRENCY } from '../src/cli.js';
import { startWorld, type WorldDomain, type WorldMx } from '../demo/world.js';
import { daneLookupsRow } from './dane-row.js';

const DOMAINS = 1000;
const MX_HOSTS = 50;
const DELAY_MS = 25;
/**
 * Delayed round trips on one domain's longest chain: the DNS look-ups (TXT, TXT, MX, A, all at once: 1), then the
 * MX host's address look-up (1) and the SMTP dialogue (greeting, EHLO, STARTTLS, QUIT: 4); the policy fetch (1)
 * runs beside the MX branch. TCP and TLS handshakes on loopback are not delayed.
 */
const CHAIN_ROUND_TRIPS = 1 + 1 + 4;

const root = fileURLToPath(new URL('..', import.meta.url));
const mxHosts: WorldMx[] = Array.from({ length: MX_HOSTS }, (_, i) => ({
  host: `mx${i}.provider.example`,
  cert: 'valid',
}));
const policy = (mx: readonly string[]): string =>
  ['version: STSv1', 'mode: enforce', ...mx.map((m) => `mx: ${m}`), 'max_age: 604800', ''].join('\n');
const domains: WorldDomain[] = Array.from({ length: DOMAINS }, (_, i) => {
  const mx = [mxHosts[i % MX_HOSTS]!.host, mxHosts[(i + MX_HOSTS / 2) % MX_HOSTS]!.host];
  return {
    name: `d${i}.bench.example`,
    sts: [`v=STSv1; id=${i}`],
    tlsrpt: [`v=TLSRPTv1; rua=mailto:tlsrpt@d${i}.bench.example`],
    mx: mx.map((host, n) => ({ host, preference: 10 * (n + 1) })),
    policy: { kind: 'body', body: policy(mx) },
  };
});

const dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-bench-'));
const world = await startWorld(domains, mxHosts, DELAY_MS);
try {
  await writeFile(join(dir, 'domains.yml'), domains.map((d) => `- ${d.name}`).join('\n'));
  await writeFile(join(dir, 'ca.pem'), world.caPem);
  const args = [
    '--import',
    join(root, 'bench/rss-on-exit.mjs'),
    join(root, 'dist/cli/index.js'),
    'check',
    '--json',
    '--config',
    join(dir, 'domains.yml'),
    ...world.checkArgs,
  ];
  const started = performance.now();
  const { stdout, stderr, code } = await run(process.execPath, args, {
    ...process.env,
    NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
  });
  const wallMs = performance.now() - started;
  const report = JSON.parse(stdout) as { domains: { status: string }[] };
  const rssMb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
  const smtpConnections = world.smtp.reduce((sum, s) => sum + s.connections, 0);
  const boundMs = CHAIN_ROUND_TRIPS * DELAY_MS * Math.ceil(DOMAINS / DEFAULT_CONCURRENCY);
  const ok = report.domains.filter((d) => d.status === 'ok').length;
  const rows: [string, string, string, boolean][] = [
    [
      'domains checked (status ok)',
      `${report.domains.length} (${ok})`,
      `${DOMAINS}`,
      report.domains.length === DOMAINS && ok === DOMAINS,
    ],
    [
      'SMTP connections',
      `${smtpConnections}`,
      `= ${MX_HOSTS} distinct MX addresses`,
      smtpConnections === MX_HOSTS,
    ],
    ['wall time', `${(wallMs / 1000).toFixed(2)} s`, '< 10 s', wallMs < 10_000],
    [
      'wall / critical-path bound',
      `${(wallMs / boundMs).toFixed(2)} (bound ${boundMs} ms = ${CHAIN_ROUND_TRIPS} x ${DELAY_MS} ms x ${Math.ceil(DOMAINS / DEFAULT_CONCURRENCY)})`,
      '<= 2',
      wallMs / boundMs <= 2,
    ],
    [
      'peak RSS of the check',
      `${rssMb.toFixed(0)} MB (ratio ${(rssMb / 300).toFixed(2)})`,
      '< 300 MB',
      rssMb < 300,
    ],
  ];
  rows.push(
    await daneLookupsRow({
      domains,
      mxHosts,
      cli: join(root, 'dist/cli/index.js'),
      configFile: join(dir, 'domains.yml'),
      caFile: join(dir, 'ca.pem'),
    }),
  );
  console.log(
    `mta-sts-drift bench: ${DOMAINS} domains, ${MX_HOSTS} MX hosts, ${DELAY_MS} ms per reply, concurrency ${DEFAULT_CONCURRENCY}, exit ${code}`,
  );
  for (const [name, value, bound, pass] of rows)
    console.log(`${pass ? 'PASS' : 'FAIL'}  ${name.padEnd(28)} ${value.padEnd(60)} target ${bound}`);
  process.exitCode = rows.every((r) => r[3]) ? 0 : 1;
} finally {
  await world.close();
  await rm(dir, { recursive: true, force: true });
}

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}
