import { describe, expect, it } from 'vitest';
import { assessRun, BLIND_DNS_SHARE, RUN_DOMAIN } from '../../src/core/assess-run.js';
import type { DomainObservation } from '../../src/core/types.js';
import { MX1, MX2, mxHost, mxHosts, observation, policyHost, unknown } from '../helpers/observations.js';

/** A domain whose first `failed` of its six lookups (sts, tlsrpt, mx, policy host, mx1, mx2) are unknown. */
function withFailures(domain: string, failed: number): DomainObservation {
  const u = unknown<never>('ETIMEOUT: timed out');
  const base = observation({ domain });
  const host = (h: string, fails: boolean) => mxHost(h, fails ? { addresses: u, smtp: null } : {});
  return {
    ...base,
    stsTxt: failed > 0 ? u : base.stsTxt,
    tlsrptTxt: failed > 1 ? u : base.tlsrptTxt,
    mx: failed > 2 ? u : base.mx,
    policyHost: failed > 3 ? { ...policyHost(), addresses: u } : base.policyHost,
    mxHosts: mxHosts(host(MX1, failed > 4), host(MX2, failed > 5)),
  };
}

describe('assessRun: a blind run is one run-level error (issue #10 part 3)', () => {
  it('uses "more than half of the lookups" as its threshold', () => {
    expect(BLIND_DNS_SHARE).toBe(0.5);
  });

  it.each([
    ['every lookup answered', [0], false],
    ['one domain with a broken TXT lookup', [1], false],
    ['exactly half failed (3 of 6) is not blind', [3], false],
    ['4 of 6 failed', [4], true],
    ['everything timed out', [6, 6, 6], true],
    // Shared MX hosts count once (observed once per run): 2 domains x 4 own lookups + 2 hosts = 10 lookups.
    ['both domains with 5 of 6 lookups failed: 9 of 10', [5, 5], true],
    ['one of two domains failing its own 4 lookups, shared hosts answered: 4 of 10', [4, 0], false],
    ['one of three domains failing its own 4 lookups: 4 of 14', [4, 0, 0], false],
  ] as const)('%s', (_name, failures, blind) => {
    const observations = failures.map((n, i) => withFailures(`d${i}.example`, n));
    const findings = assessRun(observations);
    expect(findings.map((f) => f.code)).toStrictEqual(blind ? ['dns-unavailable'] : []);
  });

  it('names the cause and the count, as an error of no domain', () => {
    const [finding] = assessRun([withFailures('d.example', 6)]);
    expect(finding).toMatchObject({
      code: 'dns-unavailable',
      severity: 'error',
      domain: RUN_DOMAIN,
      observed: '6 of 6',
      message:
        '6 of 6 DNS lookups failed or timed out (ETIMEOUT: timed out): the domains cannot be observed, so this run concludes nothing about them.',
    });
    expect(finding?.unknown).toBeUndefined();
  });

  it('says once that the SOCKS proxy failed, however many probes it failed', () => {
    const failed = {
      address: '192.0.2.1',
      outcome: 'proxy-failed' as const,
      error: 'SOCKS proxy socks5://127.0.0.1:1080: ECONNREFUSED',
    };
    const obs = observation({
      mxHosts: mxHosts(
        mxHost(MX1, { smtp: [failed] }),
        mxHost(MX2, { smtp: [{ ...failed, address: '192.0.2.2' }] }),
      ),
    });
    const findings = assessRun([obs, { ...obs, domain: 'other.example' }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'smtp-proxy-failed', severity: 'error', domain: RUN_DOMAIN });
    expect(findings[0]?.message).toBe(
      '2 SMTP probe(s) could not go through the proxy (SOCKS proxy socks5://127.0.0.1:1080: ECONNREFUSED): MX TLS was not checked for them.',
    );
  });

  it('has nothing to say about a healthy run', () => {
    expect(assessRun([observation()])).toStrictEqual([]);
  });
});
