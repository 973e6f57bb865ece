/**
 * `npm run bench`: the bundled CLI (dist/cli, so run `npm run build:cli` after changing src/) against loopback
 * worlds of synthetic domains, each figure printed as `name: measured / bound = ratio (pass|FAIL)` (issue #2,
 * issue #9 item 4). Three sections, chosen with BENCH_ONLY (a comma list; default all):
 *
 * - `latency`: 1,000 domains sharing 50 MX hosts, every reply 25 ms late (a stand-in for network round trips);
 *   then a DANE run on the same fleet, DNSSEC-signed, counting TLSA look-ups (bench/dane-row.ts).
 * - `peer`: the same fleet with no added latency, checked by the CLI and by mailauth 7's policy discovery on the
 *   same world in the same run (bench/no-latency.ts), five times each (`--quick`: once).
 * - `fleet`: 10,000 domains on 200 shared MX hosts, 25 ms replies (bench/fleet-10k.ts).
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONCURRENCY } from '../src/cli.js';
import { startWorld } from '../demo/world.js';
import { daneLookupRows } from './dane-row.js';
import { benchFleet, CHAIN_ROUND_TRIPS } from './fleet-10k.js';
import { buildFleet } from './fleet-world.js';
import { formatRow, jsonOutput, passes, ROOT, runMeasured, type Row } from './measure.js';
import { benchNoLatency } from './no-latency.js';

const SECTIONS = ['latency', 'peer', 'fleet'] as const;
type Section = (typeof SECTIONS)[number];

const DOMAINS = 1000;
const MX_HOSTS = 50;
const DELAY_MS = 25;

/** The 1,000-domain benchmark with 25 ms replies (issue #2). */
async function benchLatency(dir: string): Promise<Row[]> {
  const { domains, mxHosts } = buildFleet(DOMAINS, MX_HOSTS, MX_HOSTS / 2);
  const world = await startWorld(domains, mxHosts, DELAY_MS);
  try {
    await writeFile(join(dir, 'domains.yml'), domains.map((d) => `- ${d.name}`).join('\n'));
    await writeFile(join(dir, 'ca.pem'), world.caPem);
    const args = [
      join(ROOT, 'dist/cli/index.js'),
      'check',
      '--json',
      '--config',
      join(dir, 'domains.yml'),
      ...world.checkArgs,
    ];
    const run = await runMeasured(args, { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') });
    const report = jsonOutput<{ domains: { status: string }[] }>('mta-sts-drift check', run);
    const smtpConnections = world.smtp.reduce((sum, s) => sum + s.connections, 0);
    const waves = Math.ceil(DOMAINS / DEFAULT_CONCURRENCY);
    const boundS = (CHAIN_ROUND_TRIPS * DELAY_MS * waves) / 1000;
    const ok = report.domains.filter((d) => d.status === 'ok').length;
    const label = `${DOMAINS} domains, ${DELAY_MS} ms replies`;
    return [
      { name: `${label}: domains ok`, measured: ok, bound: DOMAINS, unit: '', rule: '=' },
      {
        name: `${label}: SMTP connections`,
        measured: smtpConnections,
        bound: MX_HOSTS,
        unit: '',
        rule: '=',
        note: 'one per distinct MX address',
      },
      { name: `${label}: wall time`, measured: run.wallMs / 1000, bound: 10, unit: 's', rule: '<' },
      {
        name: `${label}: wall time / critical-path bound`,
        measured: run.wallMs / 1000,
        bound: boundS,
        unit: 's',
        rule: '<=',
        ratio: 2,
        note: `bound ${CHAIN_ROUND_TRIPS} x ${DELAY_MS} ms x ${waves} waves of ${DEFAULT_CONCURRENCY}`,
      },
      { name: `${label}: peak RSS`, measured: run.rssMb, bound: 300, unit: 'MB', rule: '<' },
      ...(await daneLookupRows({
        domains,
        mxHosts,
        cli: join(ROOT, 'dist/cli/index.js'),
        configFile: join(dir, 'domains.yml'),
        caFile: join(dir, 'ca.pem'),
      })),
    ];
  } finally {
    await world.close();
  }
}

/** BENCH_ONLY=peer,fleet runs those sections; unset or empty runs all. */
function selectedSections(): Section[] {
  const asked = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = asked.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ONLY: unknown section ${unknown.join(', ')}; expected some of ${SECTIONS.join(', ')}`,
    );
  }
  return asked.length === 0 ? [...SECTIONS] : (asked as Section[]);
}

/** The bench measures the bundle: say so when src/ has changed since it was built. */
async function warnIfStale(): Promise<void> {
  const built = (await stat(join(ROOT, 'dist/cli/index.js'))).mtimeMs;
  const sources = await readdir(join(ROOT, 'src'), { recursive: true });
  for (const file of sources) {
    if ((await stat(join(ROOT, 'src', file))).mtimeMs > built) {
      console.log(`note: src/${file} is newer than dist/cli: run \`npm run build:cli\` to measure it`);
      return;
    }
  }
}

const sections = selectedSections();
const quick = process.argv.includes('--quick');
await warnIfStale();
console.log(
  `mta-sts-drift bench: node ${process.version}, concurrency ${DEFAULT_CONCURRENCY}, sections ${sections.join(', ')}${quick ? ' (quick)' : ''}`,
);
const dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-bench-'));
const rows: Row[] = [];
try {
  const run: Record<Section, () => Promise<Row[]>> = {
    latency: () => benchLatency(dir),
    peer: () => benchNoLatency(dir, quick ? 1 : 5, DEFAULT_CONCURRENCY),
    fleet: () => benchFleet(dir, DEFAULT_CONCURRENCY),
  };
  for (const section of sections) {
    const sectionRows = await run[section]().catch((error: unknown) => {
      // A world that cannot start is a failed section, said in one line; the other sections still run.
      console.log(`${section}: not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
      return [];
    });
    for (const row of sectionRows) {
      console.log(formatRow(row));
      rows.push(row);
    }
  }
  if (sections.includes('fleet')) {
    console.log(
      'not measured here: GitHub API writes per changed cause (test/action/cause-issues-run.test.ts counts them)',
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (!rows.every(passes)) process.exitCode = 1;
