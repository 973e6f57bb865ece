/**
 * The DANE row of `npm run bench` (issue #7, "Done when": DANE lookups do not multiply probes). The bench's domains
 * and MX hosts again, in a world where every zone is DNSSEC-signed (its DNS server sets the AD bit, as a validating
 * resolver would) and every MX host has a TLSA record for the key it serves. The bundled CLI checks them with
 * `--dane true`, and the world's DNS server counts the TLSA questions it receives. Bound: one TLSA lookup per
 * distinct MX host per run (ratio 1.0), however many domains share the hosts. Kept apart from the timed run, so the
 * wall-time rows measure what they measured before, and without reply delays, since only the count matters here.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startWorld, type WorldDomain, type WorldMx } from '../demo/world.js';
import type { Row } from './measure.js';

export interface DaneRowInput {
  readonly domains: readonly WorldDomain[];
  readonly mxHosts: readonly WorldMx[];
  /** The bundled CLI (dist/cli/index.js). */
  readonly cli: string;
  /** domains.yml listing `domains`. */
  readonly configFile: string;
  /** The test CA, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
}

/** A JSON report of a thousand domains is a few megabytes; execFile's default buffer is 1 MiB. */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

interface DaneReport {
  domains: { mx: { dane?: { verdict: string } }[] }[];
}

/** Run the DANE check once and report TLSA lookups against distinct MX hosts, and the dane-ok verdicts. */
export async function daneLookupRows(input: DaneRowInput): Promise<Row[]> {
  const world = await startWorld(
    input.domains.map((d) => ({ ...d, signed: true })),
    input.mxHosts.map((m) => ({ ...m, tlsa: 'current' as const })),
  );
  try {
    const args = [input.cli, 'check', '--json', '--config', input.configFile, ...world.checkArgs];
    args.push('--dane', 'true', '--fail-on', 'never');
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: input.caFile },
      maxBuffer: MAX_REPORT_BYTES,
    });
    const report = JSON.parse(stdout) as DaneReport;
    const verdicts = report.domains.flatMap((d) => d.mx.map((m) => m.dane?.verdict));
    const ok = verdicts.filter((v) => v === 'dane-ok').length;
    const lookups = world.dns.queries.filter((q) => q.type === 'TLSA').length;
    const hosts = input.mxHosts.length;
    return [
      {
        name: 'DANE (--dane true): TLSA lookups',
        measured: lookups,
        bound: hosts,
        unit: '',
        rule: '=',
        note: 'one per distinct MX host',
      },
      {
        name: 'DANE (--dane true): MX verdicts dane-ok',
        measured: verdicts.length === 0 ? NaN : ok,
        bound: verdicts.length,
        unit: '',
        rule: '=',
      },
    ];
  } finally {
    await world.close();
  }
}
