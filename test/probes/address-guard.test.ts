import { describe, expect, it } from 'vitest';
import { describeAddressRange, isPublicAddress } from '../../src/probes/address-guard.js';

describe('isPublicAddress / describeAddressRange: IPv4', () => {
  it.each([
    ['1.1.1.1', null],
    ['8.8.8.8', null],
    ['0.0.0.0', 'this network (RFC 791)'],
    ['0.255.255.255', 'this network (RFC 791)'],
    ['10.1.2.3', 'private (RFC 1918)'],
    ['100.63.255.255', null],
    ['100.64.0.1', 'shared address space (RFC 6598)'],
    ['100.127.255.255', 'shared address space (RFC 6598)'],
    ['100.128.0.0', null],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.15.255.255', null],
    ['172.16.0.0', 'private (RFC 1918)'],
    ['172.31.255.255', 'private (RFC 1918)'],
    ['172.32.0.0', null],
    ['192.0.0.8', 'IETF protocol assignments (RFC 6890)'],
    ['192.0.2.10', 'documentation (RFC 5737)'],
    ['192.0.3.1', null],
    ['192.88.99.1', '6to4 relay anycast (RFC 7526)'],
    ['192.168.1.1', 'private (RFC 1918)'],
    ['198.17.255.255', null],
    ['198.18.0.0', 'benchmarking (RFC 2544)'],
    ['198.19.255.255', 'benchmarking (RFC 2544)'],
    ['198.20.0.0', null],
    ['198.51.100.7', 'documentation (RFC 5737)'],
    ['203.0.113.250', 'documentation (RFC 5737)'],
    ['223.255.255.255', null],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved (RFC 1112)'],
    ['255.255.255.255', 'reserved (RFC 1112)'],
  ])('%s → %s', (ip, reason) => {
    expect(describeAddressRange(ip)).toBe(reason);
    expect(isPublicAddress(ip)).toBe(reason === null);
  });
});

describe('isPublicAddress / describeAddressRange: IPv6', () => {
  it.each([
    ['2606:4700:4700::1111', null],
    ['2a00:1450:4001::200e', null],
    ['2001:200::1', null],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['64:ff9b::808:808', 'NAT64 (RFC 6052)'],
    ['64:ff9b:1::1', 'local-use NAT64 (RFC 8215)'],
    ['100::1', 'discard-only (RFC 6666)'],
    ['2001::1', 'IETF protocol assignments (RFC 2928)'],
    ['2001:1ff:ffff::1', 'IETF protocol assignments (RFC 2928)'],
    ['2001:db8::1', 'documentation (RFC 3849)'],
    ['3fff::1', 'documentation (RFC 9637)'],
    ['5f00::1', 'SRv6 SIDs (RFC 9602)'],
    ['fc00::1', 'unique local (RFC 4193)'],
    ['fd12:3456::1', 'unique local (RFC 4193)'],
    ['fe80::1', 'link-local'],
    ['FE80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'not global unicast (outside 2000::/3)'],
    ['::2', 'not global unicast (outside 2000::/3)'],
    ['::1.2.3.4', 'not global unicast (outside 2000::/3)'],
    ['4000::1', 'not global unicast (outside 2000::/3)'],
  ])('%s → %s', (ip, reason) => {
    expect(describeAddressRange(ip)).toBe(reason);
    expect(isPublicAddress(ip)).toBe(reason === null);
  });
});

describe('IPv4-mapped IPv6 addresses are judged by the embedded IPv4 address', () => {
  it.each([
    ['::ffff:8.8.8.8', null],
    ['::ffff:808:808', null],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::FFFF:7F00:1', 'IPv4-mapped loopback'],
    ['0:0:0:0:0:ffff:192.168.1.1', 'IPv4-mapped private (RFC 1918)'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
  ])('%s → %s', (ip, reason) => {
    expect(describeAddressRange(ip)).toBe(reason);
    expect(isPublicAddress(ip)).toBe(reason === null);
  });
});

describe('6to4 addresses (2002::/16) are judged by the embedded IPv4 address (issue #11 item 8)', () => {
  // RFC 3056 §2: 2002:V4ADDR::/48, the IPv4 address in bits 16 to 47; a relay delivers to that IPv4 host.
  it.each([
    ['2002:808:808::1', null],
    ['2002:0808:0808:0:0:0:0:1', null],
    ['2002:101:101:1:2:3:4:5', null],
    ['2002:7f00:1::', '6to4 of loopback (127.0.0.1)'],
    ['2002:7F00:0001::1', '6to4 of loopback (127.0.0.1)'],
    ['2002:a00:1::1', '6to4 of private (RFC 1918) (10.0.0.1)'],
    ['2002:c0a8:101::', '6to4 of private (RFC 1918) (192.168.1.1)'],
    ['2002:a9fe:a9fe::1', '6to4 of link-local (169.254.169.254)'],
    ['2002::', '6to4 of this network (RFC 791) (0.0.0.0)'],
    ['2002:ffff:ffff::1', '6to4 of reserved (RFC 1112) (255.255.255.255)'],
    ['2002:e000:1::', '6to4 of multicast (224.0.0.1)'],
    // Just outside 2002::/16: ordinary global unicast.
    ['2003:7f00:1::1', null],
    ['2001:4860::1', null],
  ])('%s → %s', (ip, reason) => {
    expect(describeAddressRange(ip)).toBe(reason);
    expect(isPublicAddress(ip)).toBe(reason === null);
  });
});

describe('invalid input is never public', () => {
  it.each([
    '',
    'example.com',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '256.1.1.1',
    ' 8.8.8.8',
    '[::1]',
    '8.8.8.8:53',
  ])('%j', (input) => {
    expect(isPublicAddress(input)).toBe(false);
    expect(describeAddressRange(input)).toBe('not an IP address');
  });

  it('rejects a zone id, even on an otherwise public-looking address', () => {
    expect(isPublicAddress('2606:4700::1%eth0')).toBe(false);
    expect(describeAddressRange('fe80::1%eth0')).toBe('scoped address with a zone id');
  });
});
