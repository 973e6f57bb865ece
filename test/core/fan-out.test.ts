import { describe, expect, it } from 'vitest';
import {
  capMxTargets,
  listSome,
  MAX_ADDRESSES_PER_HOST,
  MAX_MX_HOSTS_PER_DOMAIN,
  pickAddresses,
  skippedAddresses,
} from '../../src/core/fan-out.js';
import { evaluateDomain } from '../../src/core/evaluate.js';
import {
  expectation,
  mxHost,
  mxHosts,
  mxRecords,
  NOW,
  observation,
  ok,
  policyHost,
  policyResponse,
  POLICY_HOST,
} from '../helpers/observations.js';

const v4 = (n: number): string[] => Array.from({ length: n }, (_, i) => `192.0.2.${i + 1}`);
const v6 = (n: number): string[] => Array.from({ length: n }, (_, i) => `2001:db8::${i + 1}`);

describe('the caps (issue #11 item 6)', () => {
  it('are the documented numbers', () => {
    // Written out, not derived: README.md and the finding texts promise these.
    expect(MAX_MX_HOSTS_PER_DOMAIN).toBe(10);
    expect(MAX_ADDRESSES_PER_HOST).toBe(5);
  });
});

describe('pickAddresses', () => {
  it.each<[string, string[], string[]]>([
    ['none', [], []],
    ['fewer than the cap: all, in order', ['192.0.2.9', '2001:db8::1'], ['192.0.2.9', '2001:db8::1']],
    ['exactly five IPv4', v4(5), v4(5)],
    ['eight IPv4: the first five', v4(8), v4(5)],
    [
      'eight IPv4 then two IPv6: families in turn',
      [...v4(8), ...v6(2)],
      ['192.0.2.1', '2001:db8::1', '192.0.2.2', '2001:db8::2', '192.0.2.3'],
    ],
    ['one IPv4 and seven IPv6', [...v4(1), ...v6(7)], ['192.0.2.1', ...v6(4)]],
  ])('%s', (_label, addresses, expected) => {
    expect(pickAddresses(addresses)).toEqual(expected);
  });

  it('skippedAddresses is the rest, in DNS order', () => {
    expect(skippedAddresses(ok([...v4(7), ...v6(1)]))).toEqual(['192.0.2.5', '192.0.2.6', '192.0.2.7']);
    expect(skippedAddresses({ status: 'unknown', reason: 'x' })).toEqual([]);
  });
});

describe('capMxTargets and listSome', () => {
  it('keeps the first ten in the given order', () => {
    const targets = Array.from({ length: 13 }, (_, i) => i);
    expect(capMxTargets(targets)).toEqual({
      checked: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      skipped: [10, 11, 12],
    });
  });
  it.each([
    [['a'], 'a'],
    [['a', 'b', 'c', 'd', 'e'], 'a, b, c, d, e'],
    [['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'a, b, c, d, e and 2 more'],
  ])('%j -> %s', (items, text) => {
    expect(listSome(items)).toBe(text);
  });
});

describe('evaluateDomain: truncated fan-out (issue #11 item 6)', () => {
  const hosts = Array.from({ length: 12 }, (_, i) => `mx${i + 1}.example.com`);

  it('reports MX hosts past the tenth as not checked, matching them against the policy still', () => {
    const obs = observation({
      mx: mxRecords(...hosts),
      mxHosts: mxHosts(...hosts.slice(0, 10).map((h) => mxHost(h))),
      policyHost: policyHost(
        policyResponse({ body: 'version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 604800\n' }),
      ),
    });
    const { report } = evaluateDomain(obs, expectation(), undefined, NOW);
    const truncated = report.findings.filter((f) => f.code === 'mx-hosts-truncated');
    expect(truncated).toHaveLength(1);
    expect(truncated[0]).toMatchObject({ severity: 'warning', observed: '12' });
    expect(truncated[0]?.message).toContain('not mx11.example.com, mx12.example.com');
    expect(report.findings.map((f) => f.code)).not.toContain('mx-host-unknown');
    expect(report.mx).toHaveLength(12);
    expect(report.mx[11]).toMatchObject({ tls: 'not-checked', matched: true, enforceOk: null });
    expect(report.bounces).toBe(false);
  });

  it('says which addresses of an MX host and of the policy host were left out', () => {
    const many = [...v4(7)];
    const obs = observation({
      mxHosts: mxHosts(mxHost('mx1.example.com', { addresses: ok(many) }), mxHost('mx2.example.com')),
      policyHost: { ...policyHost(policyResponse()), addresses: ok([...v4(6)]) },
    });
    const { report } = evaluateDomain(obs, expectation(), undefined, NOW);
    const found = report.findings.filter((f) => f.code === 'addresses-truncated');
    expect(found.map((f) => [f.host, f.severity, f.observed])).toEqual([
      [POLICY_HOST, 'notice', '6'],
      ['mx1.example.com', 'notice', '7'],
    ]);
    expect(found[1]?.message).toContain('only 5 were probed, not 192.0.2.6, 192.0.2.7');
    expect(report.status).toBe('ok');
  });
});
