/**
 * Refuse to connect to addresses that are not on the public Internet.
 *
 * Why: the action may run on self-hosted runners inside a private network. A monitored name (or a hostile DNS
 * answer for it) could point the policy fetch or the SMTP probe at internal services, turning the monitor
 * into a request forwarder. Every address that comes out of DNS is checked here before a probe connects.
 *
 * The ranges are the IANA special-purpose registries (RFC 6890 and its updates), for IPv4 and IPv6.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

type Family = 'ipv4' | 'ipv6';

/** [network, prefix length, reason]: the reason is what `describeAddressRange` reports. */
type Range = readonly [network: string, prefix: number, reason: string];

const IPV4_RANGES: readonly Range[] = [
  ['0.0.0.0', 8, 'this network (RFC 791)'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'shared address space (RFC 6598)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (RFC 6890)'],
  ['192.0.2.0', 24, 'documentation (RFC 5737)'],
  ['192.88.99.0', 24, '6to4 relay anycast (RFC 7526)'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking (RFC 2544)'],
  ['198.51.100.0', 24, 'documentation (RFC 5737)'],
  ['203.0.113.0', 24, 'documentation (RFC 5737)'],
  ['224.0.0.0', 4, 'multicast'],
  // Includes the limited broadcast address 255.255.255.255.
  ['240.0.0.0', 4, 'reserved (RFC 1112)'],
];

const IPV6_RANGES: readonly Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b::', 96, 'NAT64 (RFC 6052)'],
  ['64:ff9b:1::', 48, 'local-use NAT64 (RFC 8215)'],
  ['100::', 64, 'discard-only (RFC 6666)'],
  ['2001::', 23, 'IETF protocol assignments (RFC 2928)'],
  ['2001:db8::', 32, 'documentation (RFC 3849)'],
  ['3fff::', 20, 'documentation (RFC 9637)'],
  ['5f00::', 16, 'SRv6 SIDs (RFC 9602)'],
  ['fc00::', 7, 'unique local (RFC 4193)'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
];

/** IPv4-mapped IPv6 addresses (RFC 4291 §2.5.5.2) reach the embedded IPv4 address, so that one is judged. */
const MAPPED = new BlockList();
MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

/** 6to4 (RFC 3056 §2): `2002:V4ADDR::/48` reaches, through a relay, the IPv4 host in bits 16 to 47. */
const SIX_TO_FOUR = new BlockList();
SIX_TO_FOUR.addSubnet('2002::', 16, 'ipv6');

/** Global unicast (RFC 4291 §2.4): everything outside 2000::/3 is unassigned, reserved or local. */
const GLOBAL_UNICAST = new BlockList();
GLOBAL_UNICAST.addSubnet('2000::', 3, 'ipv6');

/** One BlockList per reason, since a BlockList only says whether *some* rule matched. */
function compile(ranges: readonly Range[], family: Family): ReadonlyArray<readonly [string, BlockList]> {
  const byReason = new Map<string, BlockList>();
  for (const [network, prefix, reason] of ranges) {
    const list = byReason.get(reason) ?? new BlockList();
    list.addSubnet(network, prefix, family);
    byReason.set(reason, list);
  }
  return [...byReason];
}

const IPV4_LISTS = compile(IPV4_RANGES, 'ipv4');
const IPV6_LISTS = compile(IPV6_RANGES, 'ipv6');

function findReason(ip: string, family: Family): string | null {
  for (const [reason, list] of family === 'ipv4' ? IPV4_LISTS : IPV6_LISTS) {
    if (list.check(ip, family)) return reason;
  }
  return null;
}

/** The eight 16-bit groups of a valid IPv6 address without a zone id, from the URL parser's canonical form. */
function groups(ip: string): number[] {
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address carried by a 6to4 address: groups 1 and 2 (RFC 3056 §2). */
function sixToFourIpv4(ip: string): string {
  const [, high = 0, low = 0] = groups(ip);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The embedded IPv4 address of `::ffff:a.b.c.d`, read from the URL parser's canonical `::ffff:hhhh:hhhh`. */
function embeddedIpv4(ip: string): string | null {
  const canonical = new URL(`http://[${ip}]/`).hostname;
  const match = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(canonical);
  if (!match?.[1] || !match[2]) return null;
  const high = parseInt(match[1], 16);
  const low = parseInt(match[2], 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/**
 * Why `ip` is not a public address, as a short phrase ("loopback", "private (RFC 1918)", "link-local"), or
 * `null` when it is public. Invalid input is "not an IP address".
 */
export function describeAddressRange(ip: string): string | null {
  if (isIPv4(ip)) return findReason(ip, 'ipv4');
  if (!isIPv6(ip)) return 'not an IP address';
  // A zone id (`fe80::1%eth0`, RFC 4007 §11) only makes sense for scoped, hence non-public, addresses.
  if (ip.includes('%')) return 'scoped address with a zone id';
  if (MAPPED.check(ip, 'ipv6')) {
    const v4 = embeddedIpv4(ip);
    if (v4 === null) return 'not an IP address';
    const reason = findReason(v4, 'ipv4');
    return reason === null ? null : `IPv4-mapped ${reason}`;
  }
  // A 6to4 address is as private as the IPv4 address inside it (issue #11 item 8): 2002:7f00:1:: is loopback.
  if (SIX_TO_FOUR.check(ip, 'ipv6')) {
    const v4 = sixToFourIpv4(ip);
    const inner = findReason(v4, 'ipv4');
    return inner === null ? null : `6to4 of ${inner} (${v4})`;
  }
  const reason = findReason(ip, 'ipv6');
  if (reason !== null) return reason;
  return GLOBAL_UNICAST.check(ip, 'ipv6') ? null : 'not global unicast (outside 2000::/3)';
}

/** True when `ip` is a valid IPv4 or IPv6 address outside every special-purpose range; false otherwise. */
export function isPublicAddress(ip: string): boolean {
  return describeAddressRange(ip) === null;
}
