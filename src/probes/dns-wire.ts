/**
 * DNSSEC-aware raw DNS queries (issue #7 item 1). Node's resolver exposes neither the DO nor the AD bit, so this
 * module speaks the wire format itself with `dns-packet` (transports in `dns-wire-transport.ts`): UDP first, TCP
 * when the reply is truncated (RFC 7766 §5), one overall deadline, a bound on the reply size, and replies accepted
 * only from the server asked, with the query's id and question (RFC 5452 §9.1). Failures come back as data.
 *
 * Like Postfix, it trusts the AD bit of the validating resolver it is pointed at, as a security-aware stub may
 * when the path to that resolver is trusted (RFC 4035 §4.9.3): keep `--dns-server` on loopback or a trusted
 * network. A bogus answer reaches us as SERVFAIL (RFC 4035 §5.5), which cannot be told from a failed lookup, hence
 * the one status `bogus-or-failed`.
 */
import { randomInt } from 'node:crypto';
import dnsPacket, { type Answer, type DecodedPacket, type RecordType, type RrsigAnswer } from 'dns-packet';
import { parseTlsaRdata, type DnsSecurity, type TlsaObservation } from '../core/dane.js';
import { parseDnsServer } from './dns.js';
import { exchangeTcp, exchangeUdp, type Exchange, type Exchanger } from './dns-wire-transport.js';

export type { WireFailure } from './dns-wire-transport.js';

/** Overall deadline for one query, UDP and TCP together: a sender gives up on a slow resolver too. */
export const DNS_WIRE_TIMEOUT_MS = 5000;

/** The largest DNS message: TCP frames carry a two-byte length (RFC 1035 §4.2.2). */
export const MAX_DNS_MESSAGE_BYTES = 65_535;

/** The EDNS0 UDP payload size we advertise (RFC 6891 §6.2.5); 1232 avoids IP fragmentation (DNS Flag Day 2020). */
export const EDNS_UDP_PAYLOAD = 1232;

/** CNAME hops followed in an answer before calling it a loop. */
const MAX_CNAME_HOPS = 8;

/** The SMTP TLSA owner name prefix (RFC 7672 §2.2.3, RFC 6698 §3). */
const TLSA_PREFIX = '_25._tcp.';

const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

/** One RRSIG from an answer (RFC 4034 §3). */
export interface WireSignature {
  readonly owner: string;
  readonly typeCovered: string;
  /** ISO 8601; the 32-bit field is read with serial arithmetic around now (RFC 4034 §3.1.5). */
  readonly expiration: string;
  readonly signer: string;
}

/** The outcome of one query. */
export interface WireAnswer {
  readonly name: string;
  readonly type: RecordType;
  readonly security: DnsSecurity;
  /** NOERROR, NXDOMAIN, SERVFAIL, ... or a `WireFailure`. */
  readonly rcode: string;
  readonly transport: 'udp' | 'tcp' | null;
  /** Records of the asked type at the end of the CNAME chain. */
  readonly answers: readonly Answer[];
  /** Each CNAME target in order; empty when the name is not an alias. */
  readonly cnameChain: readonly string[];
  /** The name the records are at: the last CNAME target, or the name asked. */
  readonly finalName: string;
  /** RRSIGs over the records and the CNAMEs (present when the resolver sends them for the DO bit). */
  readonly signatures: readonly WireSignature[];
  readonly reason: string | null;
  /** The AA bit (RFC 1035 §4.1.1): the answer comes from a server of the zone, so its TTLs are the zone's own. */
  readonly authoritative?: boolean;
}

export interface DnsWireOptions {
  /** The validating resolver, `IP[:PORT]` as for `--dns-server`. */
  readonly server: string;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
}

export interface DnsWireClient {
  query(name: string, type: RecordType): Promise<WireAnswer>;
  /**
   * TLSA for an MX host (RFC 7672 §2.2.3). When the host is a secure CNAME alias, the expanded name is tried first
   * and becomes the base domain; without records there, the original name. `address` reuses an A or AAAA answer
   * for the host already at hand.
   */
  lookupTlsa(mxHost: string, address?: WireAnswer): Promise<TlsaObservation>;
}

const canonical = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/** Host and port of a normalised server address (`IP`, `IPv4:PORT` or `[IPv6]:PORT`). */
function hostAndPort(server: string): { host: string; port: number } {
  const normal = parseDnsServer(server);
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(normal);
  if (bracketed !== null) return { host: bracketed[1] ?? '', port: Number(bracketed[2]) };
  const v4 = /^([\d.]+):(\d+)$/.exec(normal);
  if (v4 !== null) return { host: v4[1] ?? '', port: Number(v4[2]) };
  return { host: normal, port: 53 };
}

function encodeQuery(id: number, name: string, type: RecordType): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id,
    // AD asks for the resolver's verdict (RFC 6840 §5.7); DO asks for the RRSIGs too (RFC 3225, RFC 6891).
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
    questions: [{ type, name, class: 'IN' }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: EDNS_UDP_PAYLOAD,
        flags: dnsPacket.DNSSEC_OK,
        flag_do: true,
        extendedRcode: 0,
        ednsVersion: 0,
        options: [],
      },
    ],
  });
}

/** A reply counts only if it answers our query: same id, a response, the same single question (RFC 5452 §9.1). */
function answersQuery(packet: DecodedPacket, id: number, name: string, type: RecordType): boolean {
  const question = packet.questions?.[0];
  return (
    packet.id === id &&
    packet.type === 'response' &&
    packet.questions?.length === 1 &&
    question !== undefined &&
    canonical(question.name) === canonical(name) &&
    question.type === type &&
    (question.class ?? 'IN') === 'IN'
  );
}

/** RFC 4034 §3.1.5: the 32-bit expiration is a serial number; take the instant nearest to `now`. */
function serialTime(seconds: number, now: number): string {
  const nowSeconds = Math.floor(now / 1000);
  const delta = (seconds - nowSeconds) | 0; // the difference as a signed 32-bit number
  return new Date((nowSeconds + delta) * 1000).toISOString();
}

function rcodeOf(packet: DecodedPacket): string {
  const opt = packet.additionals?.find((record) => record.type === 'OPT');
  const extended = opt !== undefined && 'extendedRcode' in opt ? opt.extendedRcode : 0;
  const code = (extended << 4) | ((packet.flags ?? 0) & 0xf);
  return RCODE_NAMES[code] ?? `RCODE${code}`;
}

/** Follow the CNAMEs of an answer section from `name` (the resolver already did; we read its chain). */
function cnameChainOf(answers: readonly Answer[], name: string): string[] {
  const chain: string[] = [];
  let current = canonical(name);
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const alias = answers.find((record) => record.type === 'CNAME' && canonical(record.name) === current);
    const target = alias !== undefined && 'data' in alias ? alias.data : undefined;
    if (typeof target !== 'string') break;
    current = canonical(target);
    if (chain.includes(current)) break;
    chain.push(current);
  }
  return chain;
}

function toAnswer(name: string, type: RecordType, exchange: Exchange, now: number): WireAnswer {
  const empty = { name, type, answers: [], cnameChain: [], finalName: canonical(name), signatures: [] };
  if (exchange.kind === 'failure') {
    // No reply we could use: our deadline, a network error or our size bound. That is not the resolver's verdict
    // on the zone, so it is unknown, not bogus (issue #7 defect 2; RFC 7672 §2.1.1 defers on a failed lookup).
    return {
      ...empty,
      security: 'unknown',
      rcode: exchange.rcode,
      transport: null,
      reason: exchange.reason,
    };
  }
  const { packet, transport } = exchange;
  const rcode = rcodeOf(packet);
  if (rcode !== 'NOERROR' && rcode !== 'NXDOMAIN') {
    const why = rcode === 'SERVFAIL' ? ' (bogus DNSSEC data, or a failed lookup)' : '';
    return {
      ...empty,
      security: 'bogus-or-failed',
      rcode,
      transport,
      reason: `the resolver answered ${rcode}${why}`,
    };
  }
  const all = packet.answers ?? [];
  const cnameChain = cnameChainOf(all, name);
  const finalName = cnameChain.at(-1) ?? canonical(name);
  const owners = new Set([canonical(name), ...cnameChain]);
  const isSignature = (record: Answer): record is RrsigAnswer =>
    record.type === 'RRSIG' && owners.has(canonical(record.name));
  const signatures = all.filter(isSignature).map((record) => ({
    owner: canonical(record.name),
    typeCovered: record.data.typeCovered,
    expiration: serialTime(record.data.expiration, now),
    signer: canonical(record.data.signersName),
  }));
  return {
    name,
    type,
    security: packet.flag_ad ? 'secure' : 'insecure',
    rcode,
    transport,
    answers: all.filter((record) => record.type === type && canonical(record.name) === finalName),
    cnameChain,
    finalName,
    signatures,
    reason: null,
    authoritative: packet.flag_aa,
  };
}

/** TLSA RDATA back from dns-packet's decoded fields, so the core parses the wire form itself. */
function tlsaRdata(record: Answer): Uint8Array {
  if (record.type !== 'TLSA') return new Uint8Array();
  const { usage, selector, matchingType, certificate } = record.data;
  return Buffer.concat([Buffer.from([usage, selector, matchingType]), certificate]);
}

function toTlsaObservation(mxHost: string, baseDomain: string, answer: WireAnswer): TlsaObservation {
  return {
    mxHost: canonical(mxHost),
    queryName: `${TLSA_PREFIX}${baseDomain}`,
    baseDomain,
    security: answer.security,
    rcode: answer.rcode,
    records: answer.answers.map((record) => parseTlsaRdata(tlsaRdata(record))),
    signatureExpirations: answer.signatures.map((signature) => signature.expiration),
    reason: answer.reason,
  };
}

/** Create a client for one validating resolver. Throws `DnsServerFormatError` for a bad `server`. */
export function createDnsWireClient(options: DnsWireOptions): DnsWireClient {
  const { host, port } = hostAndPort(options.server);
  const to: Exchanger = { host, port, maxBytes: options.maxResponseBytes ?? MAX_DNS_MESSAGE_BYTES };
  const timeoutMs = options.timeoutMs ?? DNS_WIRE_TIMEOUT_MS;

  const query = async (asked: string, type: RecordType): Promise<WireAnswer> => {
    const name = canonical(asked);
    const deadline = Date.now() + timeoutMs;
    const id = randomInt(0, 0x10000);
    const message = encodeQuery(id, name, type);
    const accept = (packet: DecodedPacket): boolean => answersQuery(packet, id, name, type);
    let exchange = await exchangeUdp(to, message, accept, deadline);
    if (exchange.kind === 'reply' && exchange.packet.flag_tc) {
      exchange = await exchangeTcp(to, message, accept, deadline);
    }
    return toAnswer(name, type, exchange, Date.now());
  };

  const lookupTlsa = async (mxHost: string, address?: WireAnswer): Promise<TlsaObservation> => {
    const host = canonical(mxHost);
    const hostAnswer = address ?? (await query(host, 'A'));
    const expanded =
      hostAnswer.security === 'secure' && hostAnswer.cnameChain.length > 0 ? hostAnswer.finalName : null;
    const candidates = expanded !== null && expanded !== host ? [expanded, host] : [host];
    let observation: TlsaObservation | null = null;
    for (const base of candidates) {
      observation = toTlsaObservation(host, base, await query(`${TLSA_PREFIX}${base}`, 'TLSA'));
      // Fall back to the original name only when the expanded one answered without records.
      if (observation.security === 'bogus-or-failed' || observation.records.length > 0) break;
    }
    // `candidates` is never empty, so the loop ran at least once.
    return observation as TlsaObservation;
  };

  return { query, lookupTlsa };
}

/**
 * Whether the resolver validates DNSSEC: the AD bit on the root zone's SOA, which is signed (RFC 4035 §3.2.3 sets
 * AD only after validation). A resolver that does not validate never sets it, so nothing it says can be trusted.
 * `unknown` when no usable reply came (our deadline): that says nothing of validation (issue #7 defect 2).
 */
export async function resolverValidates(client: DnsWireClient): Promise<boolean | 'unknown'> {
  const answer = await client.query('.', 'SOA');
  return answer.security === 'unknown' ? 'unknown' : answer.security === 'secure';
}
