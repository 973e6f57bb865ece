/**
 * The synthetic fleets of `npm run bench` (issue #9 item 4): `domains` domains on `mxHosts` shared MX hosts, each
 * domain on a pair of hosts, each with an MTA-STS record, a TLS-RPT record and an enforce policy that lists its two
 * hosts. Every certificate is valid, so a correct check finds every domain "ok".
 */
import type { WorldDomain, WorldMx } from '../demo/world.js';

export interface Fleet {
  readonly domains: readonly WorldDomain[];
  readonly mxHosts: readonly WorldMx[];
}

/**
 * Domain i uses hosts `i mod H` and `(i + step) mod H`. `step` H/2 gives H/2 distinct pairs (the 1,000-domain
 * world: 50 hosts, 25 pairs, 40 domains a pair); `step` 1 gives H pairs (the 10,000-domain world: 200 hosts, 200
 * pairs, 50 domains a pair).
 */
export function buildFleet(domainCount: number, hostCount: number, step: number): Fleet {
  const mxHosts: WorldMx[] = Array.from({ length: hostCount }, (_, i) => ({
    host: `mx${i}.provider.example`,
    cert: 'valid',
  }));
  const domains: WorldDomain[] = Array.from({ length: domainCount }, (_, i) => {
    const mx = [mxHosts[i % hostCount]!.host, mxHosts[(i + step) % hostCount]!.host];
    return {
      name: `d${i}.bench.example`,
      sts: [`v=STSv1; id=${i}`],
      tlsrpt: [`v=TLSRPTv1; rua=mailto:tlsrpt@d${i}.bench.example`],
      mx: mx.map((host, n) => ({ host, preference: 10 * (n + 1) })),
      policy: { kind: 'body', body: policyText(mx) },
    };
  });
  return { domains, mxHosts };
}

function policyText(mx: readonly string[]): string {
  return ['version: STSv1', 'mode: enforce', ...mx.map((m) => `mx: ${m}`), 'max_age: 604800', ''].join('\n');
}
