/**
 * The no-latency mode and the peer mode of `npm run bench` (issue #9 item 4): 1,000 domains on 50 shared MX hosts,
 * servers answering at once, checked by the bundled CLI and, on the same world in the same run, by mailauth 7's
 * MTA-STS policy discovery (bench/peer-mailauth.mjs). Each runs in a child process of its own, alternately, `reps`
 * times; the medians are compared. Two worlds serve the fleet in turn: the repository's test servers in the
 * bench's own process, then Debian's NSD, nginx and Postfix in a network namespace (bench/daemon-world.ts), the
 * world the issue measured on; the second is skipped, said why, where it cannot start.
 *
 * mailauth does less: policy discovery (TXT, the policy host's A record, the HTTPS fetch, the parse) and MX
 * matching, with no TLS-RPT record, no AAAA, no SMTP probe and no report. The target is to be no slower anyway.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildFleet, type Fleet } from './fleet-world.js';
import { jsonOutput, median, ROOT, runMeasured, type Measured, type Row } from './measure.js';
import { startBenchWorld, type CheckReportSummary } from './bench-world.js';
import { daemonWorldMissing, startDaemonWorld } from './daemon-world.js';

const DOMAINS = 1000;
const MX_HOSTS = 50;
/** The RSS target at 1,000 domains (issue #9 item 4). */
const RSS_TARGET_MB = 150;

/** One world the comparison runs on. */
interface PeerWorld {
  /** Starts each row's name. */
  readonly label: string;
  /** Prefix of the measured commands (`ip netns exec NAME`), or none. */
  readonly exec?: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly dnsServer: string;
  readonly checkArgs: readonly string[];
  /** SMTP connections the MX hosts accepted so far, where the world counts them. */
  readonly smtpConnections?: () => number;
  /** The world's servers run in this process: their CPU time per run is shown beside the wall time. */
  readonly serversInProcess: boolean;
}

export async function benchNoLatency(dir: string, reps: number, concurrency: number): Promise<Row[]> {
  const fleet = buildFleet(DOMAINS, MX_HOSTS, MX_HOSTS / 2);
  const names = join(dir, 'peer-domains.txt');
  await writeFile(names, fleet.domains.map((d) => d.name).join('\n'));
  const rows: Row[] = [];
  const world = await startBenchWorld(fleet, 0, join(dir, 'no-latency'));
  try {
    const peerWorld: PeerWorld = {
      label: `no latency, ${DOMAINS} domains`,
      env: world.env,
      dnsServer: world.world.dnsServer,
      checkArgs: world.checkArgs,
      smtpConnections: () => world.smtpConnections(),
      serversInProcess: true,
    };
    rows.push(...(await compare(peerWorld, names, reps, concurrency)));
  } finally {
    await world.close();
  }
  try {
    rows.push(...(await daemonRows(fleet, names, reps, concurrency)));
  } catch (error) {
    // A world that should start and does not is a failure, said in one line; the rows above still count.
    console.log(
      `peer on NSD, nginx and Postfix: not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  }
  return rows;
}

/** The comparison on NSD, nginx and Postfix, or why it was not run (printed, not a failed row). */
async function daemonRows(fleet: Fleet, names: string, reps: number, concurrency: number): Promise<Row[]> {
  const missing = daemonWorldMissing();
  if (missing !== null) {
    console.log(`peer on NSD, nginx and Postfix: not run: ${missing}`);
    return [];
  }
  const world = await startDaemonWorld(fleet);
  try {
    const peerWorld: PeerWorld = {
      label: `no latency, ${DOMAINS} domains, NSD + nginx + Postfix`,
      exec: world.exec,
      env: world.env,
      dnsServer: world.dnsServer,
      checkArgs: world.checkArgs,
      serversInProcess: false,
    };
    return await compare(peerWorld, names, reps, concurrency);
  } finally {
    await world.close();
  }
}

async function compare(world: PeerWorld, names: string, reps: number, concurrency: number): Promise<Row[]> {
  const peerArgs = [join(ROOT, 'bench/peer-mailauth.mjs'), names, world.dnsServer, String(concurrency)];
  const ours: Measured[] = [];
  const peer: Measured[] = [];
  let smtpBefore = world.smtpConnections?.() ?? 0;
  let smtpPerRun = 0;
  let okPerRun = 0;
  let peerFound = 0;
  // CPU the world's servers spent on each run, when they run here: the check asks more of them (five DNS
  // look-ups a domain to mailauth's three, and the SMTP probes), on the same two cores.
  const serverCpu = { ours: [] as number[], peer: [] as number[] };
  const cpuNow = (): number => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const runPeer = async (): Promise<void> => {
    const started = cpuNow();
    const theirs = await runMeasured(peerArgs, world.env, world.exec);
    serverCpu.peer.push(cpuNow() - started);
    const tally = jsonOutput<{ found: number; mxValid: number }>('the mailauth peer', theirs);
    peerFound = Math.min(tally.found, tally.mxValid / 2);
    peer.push(theirs);
  };
  const runOurs = async (): Promise<void> => {
    const started = cpuNow();
    const mine = await runMeasured(world.checkArgs, world.env, world.exec);
    serverCpu.ours.push(cpuNow() - started);
    const report = jsonOutput<CheckReportSummary>('mta-sts-drift check', mine);
    okPerRun = report.domains.filter((d) => d.status === 'ok').length;
    if (world.smtpConnections !== undefined) {
      smtpPerRun = world.smtpConnections() - smtpBefore;
      smtpBefore = world.smtpConnections();
    }
    ours.push(mine);
  };
  // A run of each first, not measured, where the servers start cold (Postfix starts its smtpd processes on the
  // first connections); then alternately, each going first every other time.
  if (!world.serversInProcess) {
    await runOurs();
    await runPeer();
    ours.length = 0;
    peer.length = 0;
  }
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) {
      await runPeer();
      await runOurs();
    } else {
      await runOurs();
      await runPeer();
    }
  }
  const wall = (runs: Measured[]): number => median(runs.map((r) => r.wallMs)) / 1000;
  const cpu = (runs: Measured[]): number => median(runs.map((r) => r.cpuMs)) / 1000;
  const rss = (runs: Measured[]): number => median(runs.map((r) => r.rssMb));
  const servers = world.serversInProcess
    ? `; world servers' CPU ${(median(serverCpu.ours) / 1000).toFixed(2)} s vs ${(median(serverCpu.peer) / 1000).toFixed(2)} s`
    : '';
  const label = world.label;
  return [
    { name: `${label}: domains ok`, measured: okPerRun, bound: DOMAINS, unit: '', rule: '=' },
    {
      name: `${label}: policies mailauth found and matched`,
      measured: peerFound,
      bound: DOMAINS,
      unit: '',
      rule: '=',
    },
    ...(world.smtpConnections === undefined
      ? []
      : [
          {
            name: `${label}: SMTP connections`,
            measured: smtpPerRun,
            bound: MX_HOSTS,
            unit: '',
            rule: '=' as const,
            note: 'one per distinct MX address',
          },
        ]),
    {
      name: `${label}: wall time vs mailauth 7`,
      measured: wall(ours),
      bound: wall(peer),
      unit: 's',
      rule: '<=',
      note:
        `median of ${reps}; CPU ${cpu(ours).toFixed(2)} s vs ${cpu(peer).toFixed(2)} s = ${(cpu(ours) / cpu(peer)).toFixed(2)}` +
        servers,
    },
    {
      name: `${label}: peak RSS`,
      measured: rss(ours),
      bound: RSS_TARGET_MB,
      unit: 'MB',
      rule: '<=',
      note: `mailauth ${rss(peer).toFixed(0)} MB, ratio to it ${(rss(ours) / rss(peer)).toFixed(2)}`,
    },
  ];
}
