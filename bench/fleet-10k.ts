/**
 * The 10,000-domain world of `npm run bench` (issue #9 item 4): 10,000 domains on 200 shared MX hosts (domain i on
 * hosts i and i + 1 modulo 200: 200 pairs of 50 domains, each host shared by 100 domains), built like the
 * 1,000-domain benchmark: the repo's loopback DNS, HTTPS and SMTP servers, 25 ms before every reply, checked by the
 * bundled CLI at the default concurrency.
 *
 * The critical-path bound is the one of the 1,000-domain benchmark: the longest chain of delayed round trips of
 * one domain (CHAIN_ROUND_TRIPS) times the delay, once per wave of `concurrency` domains. A shared MX host is
 * probed once, so most domains need only two round trips (the DNS look-ups, then the policy fetch): that tighter
 * figure is printed beside it.
 */
import { join } from 'node:path';
import { startBenchWorld, type CheckReportSummary } from './bench-world.js';
import { buildFleet } from './fleet-world.js';
import { jsonOutput, runMeasured, type Row } from './measure.js';

const DOMAINS = 10_000;
const MX_HOSTS = 200;
const DELAY_MS = 25;
const RSS_LIMIT_MB = 500;
/**
 * Delayed round trips on one domain's longest chain: the DNS look-ups (TXT, TXT, MX, A and AAAA, all at once: 1),
 * then the MX host's address look-up (1) and the SMTP dialogue (greeting, EHLO, STARTTLS, QUIT: 4); the policy
 * fetch (1) runs beside the MX branch. TCP and TLS handshakes on loopback are not delayed.
 */
export const CHAIN_ROUND_TRIPS = 1 + 1 + 4;
/** A domain whose MX hosts are already probed: the DNS look-ups, then the policy fetch. */
const SHARED_MX_ROUND_TRIPS = 1 + 1;

export async function benchFleet(dir: string, concurrency: number): Promise<Row[]> {
  const fleet = buildFleet(DOMAINS, MX_HOSTS, 1);
  const world = await startBenchWorld(fleet, DELAY_MS, join(dir, 'fleet'));
  try {
    const run = await runMeasured(world.checkArgs, world.env);
    const report = jsonOutput<CheckReportSummary>('mta-sts-drift check', run);
    const ok = report.domains.filter((d) => d.status === 'ok').length;
    const waves = Math.ceil(DOMAINS / concurrency);
    const boundS = (CHAIN_ROUND_TRIPS * DELAY_MS * waves) / 1000;
    const tightS = (SHARED_MX_ROUND_TRIPS * DELAY_MS * waves) / 1000;
    const wallS = run.wallMs / 1000;
    const label = `${DOMAINS} domains on ${MX_HOSTS} MX hosts`;
    return [
      { name: `${label}: domains ok`, measured: ok, bound: DOMAINS, unit: '', rule: '=' },
      {
        name: `${label}: SMTP connections`,
        measured: world.smtpConnections(),
        bound: MX_HOSTS,
        unit: '',
        rule: '=',
        note: 'one per distinct MX address',
      },
      {
        name: `${label}: wall time / critical-path bound`,
        measured: wallS,
        bound: boundS,
        unit: 's',
        rule: '<=',
        ratio: 2,
        note: `bound ${CHAIN_ROUND_TRIPS} x ${DELAY_MS} ms x ${waves} waves of ${concurrency}; against ${SHARED_MX_ROUND_TRIPS} round trips a domain (${tightS.toFixed(2)} s): ${(wallS / tightS).toFixed(2)}; CPU ${(run.cpuMs / 1000).toFixed(2)} s`,
      },
      {
        name: `${label}: peak RSS`,
        measured: run.rssMb,
        bound: RSS_LIMIT_MB,
        unit: 'MB',
        rule: '<',
      },
    ];
  } finally {
    await world.close();
  }
}
