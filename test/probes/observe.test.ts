import { describe, expect, it, vi } from 'vitest';
import type { Lookup, MxRecord, PolicyFetch, SmtpProbe } from '../../src/core/types.js';
import { observeDomains, port25Blocked } from '../../src/probes/observe.js';
import type { DnsClient } from '../../src/probes/types.js';

/** A declarative fake resolver with a call log (the real one is tested against a loopback server). */
function fakeDns(zone: Record<string, { txt?: string[]; mx?: MxRecord[]; a?: string[] }>) {
  const calls: string[] = [];
  const answer = <T>(name: string, value: T | undefined): Lookup<T> => {
    if (!(name in zone)) return { status: 'absent', reason: 'nxdomain' };
    return value === undefined ? { status: 'absent', reason: 'nodata' } : { status: 'ok', value };
  };
  const dns: DnsClient = {
    txt: async (name) => (calls.push(`TXT ${name}`), answer(name, zone[name]?.txt)),
    mx: async (name) => (calls.push(`MX ${name}`), answer(name, zone[name]?.mx)),
    addresses: async (name) => (calls.push(`A ${name}`), answer(name, zone[name]?.a)),
  };
  return { dns, calls };
}

const tlsProbe = (address: string): SmtpProbe => ({
  address,
  outcome: 'tls',
  banner: '220 ok',
  tls: { protocol: 'TLSv1.3', chainTrusted: true, verifyError: null, nameMatches: true, certificate: null },
});

function world(domains: number, sharedMx: string[]) {
  const zone: Record<string, { txt?: string[]; mx?: MxRecord[]; a?: string[] }> = {};
  sharedMx.forEach((host, i) => (zone[host] = { a: [`192.0.2.${i + 1}`] }));
  const names = Array.from({ length: domains }, (_, i) => `d${i}.example`);
  for (const d of names) {
    zone[d] = { mx: sharedMx.map((exchange, i) => ({ exchange, preference: i })) };
    zone[`_mta-sts.${d}`] = { txt: ['v=STSv1; id=1'] };
    zone[`mta-sts.${d}`] = { a: ['198.51.100.7', '198.51.100.8'] };
  }
  return { zone, names };
}

const options = { concurrency: 8, checkMxTls: 'auto' as const, allowPrivateAddresses: true };
const now = () => new Date('2026-06-01T00:00:00Z');

describe('observeDomains', () => {
  it('probes each MX host address once per run, however many domains share it', async () => {
    const { zone, names } = world(40, ['mx1.provider.example', 'mx2.provider.example']);
    const { dns, calls } = fakeDns(zone);
    const probed: string[] = [];
    const fetched: string[] = [];
    const result = await observeDomains(
      names,
      {
        dns,
        now,
        fetchPolicy: async (host, address): Promise<PolicyFetch> => (
          fetched.push(`${host}@${address}`),
          { address, outcome: 'unreachable', error: 'x' }
        ),
        probeSmtp: async (host, address) => (probed.push(`${host}@${address}`), tlsProbe(address)),
      },
      options,
    );
    expect(probed.sort()).toEqual(['mx1.provider.example@192.0.2.1', 'mx2.provider.example@192.0.2.2']);
    expect(result.smtpConnections).toBe(2);
    expect(calls.filter((c) => c === 'A mx1.provider.example')).toHaveLength(1);
    // Every address of every policy host is fetched.
    expect(fetched).toHaveLength(80);
    expect(result.observations).toHaveLength(40);
    expect(result.observations[7]?.mxHosts['mx2.provider.example']?.smtp?.[0]?.outcome).toBe('tls');
  });

  it('lets the next domains start while a shared MX host is probed, with at most `concurrency` of their own in flight (issue #9 item 4)', async () => {
    const { zone, names } = world(6, ['mx1.provider.example']);
    const { dns } = fakeDns(zone);
    let release: () => void = () => undefined;
    const probeHeld = new Promise<void>((resolve) => (release = resolve));
    let fetching = 0;
    let mostFetching = 0;
    let fetched = 0;
    const done: number[] = [];
    const observing = observeDomains(
      names,
      {
        dns,
        now,
        fetchPolicy: async (_host, address): Promise<PolicyFetch> => {
          mostFetching = Math.max(mostFetching, ++fetching);
          await new Promise((resolve) => setTimeout(resolve, 1));
          fetching--;
          fetched++;
          return { address, outcome: 'unreachable', error: 'x' };
        },
        probeSmtp: async (_host, address) => (await probeHeld, tlsProbe(address)),
      },
      { ...options, concurrency: 2, onDomainDone: (n) => done.push(n) },
    );
    await vi.waitFor(() => expect(fetched).toBe(12));
    // Every domain did its own work while the one MX probe was held; none is complete without it.
    expect(done).toEqual([]);
    // Two domains at a time, each fetching from its policy host's two addresses.
    expect(mostFetching).toBe(4);
    release();
    const result = await observing;
    expect(done).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.observations.map((o) => o.mxHosts['mx1.provider.example']?.smtp?.[0]?.outcome)).toEqual(
      Array(6).fill('tls'),
    );
  });

  it('keeps the input order and observes the domain itself when there is no MX (RFC 5321 §5.1)', async () => {
    const { dns } = fakeDns({ 'bare.example': { a: ['203.0.113.5'] }, 'mta-sts.bare.example': {} });
    const result = await observeDomains(
      ['bare.example'],
      {
        dns,
        now,
        fetchPolicy: async (_h, address) => ({ address, outcome: 'unreachable', error: 'x' }),
        probeSmtp: async (_h, address) => tlsProbe(address),
      },
      options,
    );
    expect(Object.keys(result.observations[0]?.mxHosts ?? {})).toEqual(['bare.example']);
  });

  it('refuses non-public addresses unless allowed, without calling the probes', async () => {
    const { zone, names } = world(1, ['mx.internal.example']);
    zone['mx.internal.example'] = { a: ['10.0.0.25'] };
    zone[`mta-sts.${names[0]}`] = { a: ['127.0.0.1'] };
    const { dns } = fakeDns(zone);
    let calls = 0;
    const deps = {
      dns,
      now,
      fetchPolicy: async (_h: string, address: string): Promise<PolicyFetch> => (
        calls++,
        { address, outcome: 'unreachable', error: 'x' }
      ),
      probeSmtp: async (_h: string, address: string) => (calls++, tlsProbe(address)),
    };
    const result = await observeDomains(names, deps, { ...options, allowPrivateAddresses: false });
    const obs = result.observations[0]!;
    expect(calls).toBe(0);
    expect(obs.policyHost.fetches[0]).toMatchObject({ outcome: 'blocked', address: '127.0.0.1' });
    expect(obs.mxHosts['mx.internal.example']?.smtp?.[0]).toMatchObject({
      outcome: 'blocked',
      address: '10.0.0.25',
    });
    expect(result.smtpConnections).toBe(0);
  });

  it('marks MX TLS not checked, once, when no MX host at all can be reached (port 25 blocked)', async () => {
    const { zone, names } = world(3, ['mx1.provider.example', 'mx2.provider.example']);
    const { dns } = fakeDns(zone);
    const result = await observeDomains(
      names,
      {
        dns,
        now,
        fetchPolicy: async (_h, address) => ({ address, outcome: 'unreachable', error: 'x' }),
        probeSmtp: async (_h, address) => ({ address, outcome: 'timeout', error: 'no answer in 10 s' }),
      },
      options,
    );
    expect(result.notices).toHaveLength(1);
    expect(result.notices[0]).toContain('port 25');
    for (const obs of result.observations) {
      for (const host of Object.values(obs.mxHosts)) expect(host.smtp).toBeNull();
    }
  });

  it('never probes port 25 with checkMxTls false', async () => {
    const { zone, names } = world(2, ['mx1.provider.example']);
    const { dns } = fakeDns(zone);
    let probes = 0;
    const result = await observeDomains(
      names,
      {
        dns,
        now,
        fetchPolicy: async (_h, address) => ({ address, outcome: 'unreachable', error: 'x' }),
        probeSmtp: async (_h, address) => (probes++, tlsProbe(address)),
      },
      { ...options, checkMxTls: 'false' },
    );
    expect(probes).toBe(0);
    expect(result.observations[0]?.mxHosts['mx1.provider.example']?.notCheckedReason).toContain(
      'check-mx-tls: false',
    );
  });
});

describe('a stated reason for skipping MX TLS', () => {
  it('is said once as a run notice and kept on every MX host', async () => {
    const { zone, names } = world(2, ['mx1.provider.example']);
    const { dns } = fakeDns(zone);
    const reason = 'GitHub-hosted runners block outbound port 25';
    const result = await observeDomains(
      names,
      {
        dns,
        now,
        fetchPolicy: async (_h, address) => ({ address, outcome: 'unreachable', error: 'x' }),
        probeSmtp: async (_h, address) => tlsProbe(address),
      },
      { ...options, checkMxTls: 'false', mxTlsSkipReason: reason },
    );
    expect(result.notices).toHaveLength(1);
    // Issue #10 part 3: the notice names what was skipped and every way to get it back.
    expect(result.notices[0]).toMatch(
      /^MX TLS not checked: GitHub-hosted runners block outbound port 25\. Skipped: STARTTLS and the certificates/,
    );
    expect(result.notices[0]).toMatch(/SOCKS5 proxy \(--smtp-proxy, or the input smtp-proxy/);
    expect(result.notices[0]).toMatch(/self-hosted runner/);
    expect(result.notices[0]).toMatch(/TLS-RPT reports/);
    expect(result.observations[1]?.mxHosts['mx1.provider.example']?.notCheckedReason).toBe(reason);
  });
});

describe('port25Blocked', () => {
  const timeout: SmtpProbe = { address: '192.0.2.1', outcome: 'timeout', error: 't' };
  const refused: SmtpProbe = { address: '192.0.2.2', outcome: 'unreachable', error: 'ECONNREFUSED' };
  it.each([
    ['every probe of two hosts failed to connect', 2, [timeout, refused], true],
    ['a single host down is a dead server, not a blocked port', 1, [timeout], false],
    ['one host answered', 2, [timeout, tlsProbe('192.0.2.3')], false],
    ['a host sent part of a greeting before timing out', 2, [refused, { ...timeout, heard: true }], false],
    ['a host greeted before timing out', 2, [refused, { ...timeout, banner: '220-hi' }], false],
    ['nothing was attempted', 2, [], false],
  ])('%s', (_name, hosts, probes, expected) => {
    expect(port25Blocked(hosts, probes)).toBe(expected);
  });
});
