/**
 * The no-latency mode and the peer mode of `npm run bench` (issue #9 item 4): 1,000 domains on 50 shared MX hosts,
 * loopback servers answering at once, checked by the bundled CLI and, on the same world in the same run, by
 * mailauth 7's MTA-STS policy discovery (bench/peer-mailauth.mjs). Each runs in a child process of its own,
 * alternately, `reps` times; the medians are compared.
 *
 * mailauth does less: policy discovery (TXT, the policy host's A record, the HTTPS fetch, the parse) and MX
 * matching, with no TLS-RPT record, no AAAA, no SMTP probe and no report. The target is to be no slower anyway.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildFleet } from './fleet-world.js';
import { jsonOutput, median, ROOT, runMeasured, type Measured, type Row } from './measure.js';
import { startBenchWorld, type CheckReportSummary } from './bench-world.js';

const DOMAINS = 1000;
const MX_HOSTS = 50;
/** The RSS target at 1,000 domains (issue #9 item 4). */
const RSS_TARGET_MB = 150;

export async function benchNoLatency(dir: string, reps: number, concurrency: number): Promise<Row[]> {
  const fleet = buildFleet(DOMAINS, MX_HOSTS, MX_HOSTS / 2);
  const world = await startBenchWorld(fleet, 0, join(dir, 'no-latency'));
  try {
    const names = join(dir, 'no-latency', 'peer-domains.txt');
    await writeFile(names, fleet.domains.map((d) => d.name).join('\n'));
    const peerArgs = [
      join(ROOT, 'bench/peer-mailauth.mjs'),
      names,
      world.world.dnsServer,
      String(concurrency),
    ];
    const ours: Measured[] = [];
    const peer: Measured[] = [];
    let smtpBefore = world.smtpConnections();
    let smtpPerRun = 0;
    let okPerRun = 0;
    let peerFound = 0;
    // CPU the world's servers spent on each run: the check asks more of them (five DNS look-ups a domain to
    // mailauth's three, and the SMTP probes), on the same two cores.
    const serverCpu = { ours: [] as number[], peer: [] as number[] };
    const cpuNow = (): number => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    };
    const runPeer = async (): Promise<void> => {
      const started = cpuNow();
      const theirs = await runMeasured(peerArgs, world.env);
      serverCpu.peer.push(cpuNow() - started);
      const tally = jsonOutput<{ found: number; mxValid: number }>('the mailauth peer', theirs);
      peerFound = Math.min(tally.found, tally.mxValid / 2);
      peer.push(theirs);
    };
    const runOurs = async (): Promise<void> => {
      const started = cpuNow();
      const mine = await runMeasured(world.checkArgs, world.env);
      serverCpu.ours.push(cpuNow() - started);
      const report = jsonOutput<CheckReportSummary>('mta-sts-drift check', mine);
      okPerRun = report.domains.filter((d) => d.status === 'ok').length;
      smtpPerRun = world.smtpConnections() - smtpBefore;
      smtpBefore = world.smtpConnections();
      ours.push(mine);
    };
    // Alternately, each going first every other time, so neither always meets a cold or a warm world.
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
    const label = `no latency, ${DOMAINS} domains`;
    return [
      { name: `${label}: domains ok`, measured: okPerRun, bound: DOMAINS, unit: '', rule: '=' },
      {
        name: `${label}: policies mailauth found and matched`,
        measured: peerFound,
        bound: DOMAINS,
        unit: '',
        rule: '=',
      },
      {
        name: `${label}: SMTP connections`,
        measured: smtpPerRun,
        bound: MX_HOSTS,
        unit: '',
        rule: '=',
        note: 'one per distinct MX address',
      },
      {
        name: `${label}: wall time vs mailauth 7`,
        measured: wall(ours),
        bound: wall(peer),
        unit: 's',
        rule: '<=',
        note:
          `median of ${reps}; CPU ${cpu(ours).toFixed(2)} s vs ${cpu(peer).toFixed(2)} s = ${(cpu(ours) / cpu(peer)).toFixed(2)}; ` +
          `world servers' CPU ${(median(serverCpu.ours) / 1000).toFixed(2)} s vs ${(median(serverCpu.peer) / 1000).toFixed(2)} s`,
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
  } finally {
    await world.close();
  }
}
