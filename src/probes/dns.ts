/**
 * The live `DnsClient`: `node:dns/promises` with bounded timeouts, and failures turned into data.
 *
 * NXDOMAIN and NODATA are answers ("absent"); SERVFAIL, REFUSED, timeouts and unreachable servers are not
 * ("unknown"), so the core can tell "the record is gone" from "we could not look".
 */
import { Resolver } from 'node:dns/promises';
import { isIP, isIPv4, isIPv6 } from 'node:net';
import type { Lookup, MxRecord } from '../core/types.js';
import { createLimiter } from './pool.js';
import type { DnsClient } from './types.js';

/**
 * Per-try timeout. c-ares defaults to 5 s with 4 tries and a doubling back-off, up to about 24 s per look-up;
 * real senders give up on a policy look-up after a few seconds, so a slower answer is itself worth reporting.
 */
export const DEFAULT_DNS_TIMEOUT_MS = 2500;
export const DEFAULT_DNS_TRIES = 2;

/**
 * Queries outstanding at once, per client (issue #9 item 4). A thousand domains at concurrency 32 ask five names
 * each at once: bursts of hundreds of UDP queries overflow a socket buffer on the way (the resolver's, or ours for
 * the answers), and each lost datagram costs a whole per-try timeout, seconds of a run that otherwise takes two.
 */
export const MAX_DNS_QUERIES_IN_FLIGHT = 64;

const DNS_PORT = 53;

/** Options for `createDnsClient`. */
export interface DnsClientOptions {
  /** `IP`, `IP:PORT` or `[IPv6]:PORT`; absent or empty means the system resolver configuration. */
  readonly servers?: readonly string[];
  readonly timeoutMs?: number;
  readonly tries?: number;
  /** Queries outstanding at once; default MAX_DNS_QUERIES_IN_FLIGHT. */
  readonly maxInFlight?: number;
}

/** A `servers` entry that is not `IP[:PORT]`. */
export class DnsServerFormatError extends Error {
  override readonly name = 'DnsServerFormatError';
  /** The rejected text, as given. */
  readonly value: string;

  constructor(value: string) {
    super(
      `Invalid DNS server ${JSON.stringify(value)}: expected IP[:PORT], e.g. 127.0.0.1:5353 or [::1]:5353`,
    );
    this.value = value;
  }
}

/** Split `text` into host and port, or `null` when it has none of the accepted shapes. */
function splitServer(text: string): { host: string; port: string | undefined } | null {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  if (bracketed?.[1] !== undefined) {
    return isIPv6(bracketed[1]) ? { host: bracketed[1], port: bracketed[2] } : null;
  }
  const withPort = /^([\d.]+):(\d{1,5})$/.exec(text);
  if (withPort?.[1] !== undefined) {
    return isIPv4(withPort[1]) ? { host: withPort[1], port: withPort[2] } : null;
  }
  // A bare IPv6 address keeps all its colons: `::1:5353` is an address, `[::1]:5353` an address and a port.
  return isIP(text) !== 0 ? { host: text, port: undefined } : null;
}

/**
 * Validate a DNS server address and normalise it to the form `Resolver.setServers` takes and
 * `Resolver.getServers` reports: `IP` for port 53, otherwise `IPv4:PORT` or `[IPv6]:PORT`, IPv6 compressed
 * and in lower case. Surrounding white space is ignored. Throws `DnsServerFormatError`.
 */
export function parseDnsServer(text: string): string {
  const parts = splitServer(text.trim());
  const port = parts?.port === undefined ? DNS_PORT : Number(parts.port);
  // Node silently drops an IPv6 zone id (`fe80::1%eth0`), so the query could leave by another interface.
  if (parts === null || parts.host.includes('%') || port < 1 || port > 65535) {
    throw new DnsServerFormatError(text);
  }
  if (!isIPv6(parts.host)) return port === DNS_PORT ? parts.host : `${parts.host}:${port}`;
  const canonical = new URL(`http://[${parts.host}]/`).hostname.slice(1, -1);
  return port === DNS_PORT ? canonical : `[${canonical}]:${port}`;
}

/** Short explanations for the failure codes seen in practice; any other code keeps Node's message. */
const FAILURE_TEXT: Readonly<Record<string, string>> = {
  ESERVFAIL: 'the server could not answer (SERVFAIL)',
  EREFUSED: 'the server refused the query (REFUSED)',
  ETIMEOUT: 'no answer before the timeout',
  ECONNREFUSED: 'the DNS server refused the connection',
};

/** Turn a rejected query into an `absent` or `unknown` observation. */
function toFailure(error: unknown): Lookup<never> {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOTFOUND') return { status: 'absent', reason: 'nxdomain' };
  if (code === 'ENODATA') return { status: 'absent', reason: 'nodata' };
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code !== 'string') return { status: 'unknown', reason: `UNKNOWN: ${message}` };
  return { status: 'unknown', reason: `${code}: ${FAILURE_TEXT[code] ?? message}` };
}

/** Run one query; never throws. An empty answer is NODATA, whatever the resolver made of it. */
async function lookup<T>(query: () => Promise<T[]>): Promise<Lookup<T[]>> {
  try {
    const value = await query();
    return value.length > 0 ? { status: 'ok', value } : { status: 'absent', reason: 'nodata' };
  } catch (error) {
    return toFailure(error);
  }
}

/** A and AAAA together: any address is an answer; else "unknown" beats "absent", NXDOMAIN beats NODATA. */
function combineAddresses(v4: Lookup<string[]>, v6: Lookup<string[]>): Lookup<string[]> {
  const both = [v4, v6];
  const value = both.flatMap((result) => (result.status === 'ok' ? result.value : []));
  if (value.length > 0) return { status: 'ok', value };
  const unknown = both.flatMap((result) => (result.status === 'unknown' ? [result.reason] : []));
  if (unknown.length > 0) return { status: 'unknown', reason: [...new Set(unknown)].join('; ') };
  const nxdomain = both.some((result) => result.status === 'absent' && result.reason === 'nxdomain');
  return { status: 'absent', reason: nxdomain ? 'nxdomain' : 'nodata' };
}

/**
 * MX host names compare case-insensitively without the trailing dot (RFC 8461 §4.1). c-ares already drops
 * the dot; removing it here keeps the contract should that change.
 */
function normaliseMx(records: readonly { exchange: string; priority: number }[]): MxRecord[] {
  return (
    records
      .map(({ exchange, priority }) => ({
        exchange: exchange.toLowerCase().replace(/\.$/, ''),
        preference: priority,
      }))
      // Code-unit order, not localeCompare: the order must not depend on the runner's locale.
      .sort(
        (a, b) =>
          a.preference - b.preference || (a.exchange < b.exchange ? -1 : a.exchange > b.exchange ? 1 : 0),
      )
  );
}

/**
 * Create the live DNS client. Throws `DnsServerFormatError` for a bad `servers` entry.
 *
 * CNAMEs are followed by the recursive resolver: its answer carries the chain and the records at its end.
 */
export function createDnsClient(options: DnsClientOptions = {}): DnsClient {
  const timeout = options.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
  // maxTimeout reins in c-ares' doubling back-off between tries: a dead server costs seconds.
  const resolver = new Resolver({ timeout, tries: options.tries ?? DEFAULT_DNS_TRIES, maxTimeout: timeout });
  if (options.servers !== undefined && options.servers.length > 0) {
    resolver.setServers(options.servers.map(parseDnsServer));
  }
  const limit = createLimiter(options.maxInFlight ?? MAX_DNS_QUERIES_IN_FLIGHT);
  return {
    // A multi-string TXT record is one record: its strings are joined without separators (RFC 8461 §3.1).
    txt: (name) =>
      lookup(async () => (await limit(() => resolver.resolveTxt(name))).map((chunks) => chunks.join(''))),
    // A null MX (RFC 7505) arrives as exchange '' and is kept, with its preference, for the core to judge.
    mx: (name) => lookup(async () => normaliseMx(await limit(() => resolver.resolveMx(name)))),
    addresses: async (name) => {
      const [v4, v6] = await Promise.all([
        lookup(() => limit(() => resolver.resolve4(name))),
        lookup(() => limit(() => resolver.resolve6(name))),
      ]);
      return combineAddresses(v4, v6);
    },
  };
}
