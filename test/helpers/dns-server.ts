/**
 * A real DNS server on loopback for tests: UDP and TCP on the same random port of 127.0.0.1, answering from a
 * declarative zone map the way a recursive resolver would (CNAME chains in the answer section).
 *
 * A name in the map without the asked type, or with only descendants, is NODATA (NOERROR, empty answer); any
 * other name is NXDOMAIN. `behaviour` makes a name (or one type at it) fail; `delayMs` stands in for network
 * round trips. Every question is logged in `queries`.
 *
 * For DNSSEC-aware clients (issue #7) it also plays a validating resolver: names under `signed` zones get the AD
 * bit when the query asked for it (DO or AD, RFC 6840 §5.7), RRSIGs are added for a DO query, and a `bogus`
 * name answers SERVFAIL as a validating resolver does. It never validates anything itself: the zone map says
 * what is secure. `spoof-first` sends two wrong replies (another id, then another question) before the real one;
 * `tcp-silent` answers UDP with a truncated reply and never answers over TCP.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import dnsPacket, { type Answer, type DecodedPacket, type RecordType } from 'dns-packet';

export type Behaviour = 'servfail' | 'refused' | 'timeout' | 'bogus' | 'spoof-first' | 'tcp-silent';

export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  MX?: { preference: number; exchange: string }[];
  /** One entry per record; an array is a multi-string record (each string at most 255 bytes). */
  TXT?: (string | string[])[];
  /** Followed for every other type, as a recursive resolver would. */
  CNAME?: string;
  TLSA?: { usage: number; selector: number; matchingType: number; certificate: Buffer }[];
  /**
   * Signatures sent with the records of the covered type (or with the CNAME) when the query has the DO bit.
   * Only the fields a client reads are needed; the rest get fixed values and an empty signature.
   */
  RRSIG?: { typeCovered: RecordType; expiration: Date; inception?: Date; signersName?: string }[];
  /** The TTL of every record at this name (default 60 s), for clients that read TTLs (`plan`, issue #8). */
  TTL?: number;
}

export interface DnsServerOptions {
  records?: Record<string, ZoneEntry>;
  /** By name: fail every query, or only the listed types. */
  behaviour?: Record<string, Behaviour | Partial<Record<RecordType, Behaviour>>>;
  /** Wait this long before every reply. */
  delayMs?: number;
  /** A fixed port on 127.0.0.1 (53 for a world the system resolver uses, as in CI's run of the Action); default random. */
  port?: number;
  /** Zones whose names (the zone and everything under it) count as DNSSEC-secure: AD is set for them. */
  signed?: string[];
  /** Answer as a recursive resolver from its cache: no AA bit (RFC 1035 §4.1.1). Default: AA set. */
  notAuthoritative?: boolean;
}

export interface LoggedQuery {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
  /** The DO bit of the query's OPT record (RFC 3225), and the AD bit of its header (RFC 6840 §5.7); only when set. */
  dnssecOk?: boolean;
  authenticData?: boolean;
}

export interface TestDnsServer {
  address: '127.0.0.1';
  port: number;
  /** `127.0.0.1:PORT`, ready for `createDnsClient({ servers: [...] })`. */
  server: string;
  queries: LoggedQuery[];
  /** The most questions received and not yet answered at one time (issue #9 item 4: a client's burst). */
  readonly maxInFlight: number;
  /** Replace whichever of records, behaviour and delay are given. */
  update(options: DnsServerOptions): void;
  close(): Promise<void>;
}

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
const TTL = 60;
const MAX_CHAIN = 8;
/** A UDP reply without EDNS holds 512 bytes (RFC 1035 §4.2.1); a longer one is truncated: use TCP. */
const UDP_LIMIT = 512;

const canonical = (name: string): string => name.toLowerCase().replace(/\.$/, '');

interface Reply {
  rcode: number;
  answers: Answer[];
  /** Every name the answer came from (the question and each CNAME target), for the AD decision. */
  owners?: string[];
}

/** The RRSIGs over one type at `owner` (RFC 4034 §3), as dns-packet answers. */
function signaturesOf(entry: ZoneEntry | undefined, owner: string, type: string): Answer[] {
  const seconds = (date: Date): number => Math.floor(date.getTime() / 1000) >>> 0;
  return (entry?.RRSIG ?? [])
    .filter((sig) => sig.typeCovered === type)
    .map((sig) => ({
      name: owner,
      ttl: TTL,
      type: 'RRSIG' as const,
      data: {
        typeCovered: sig.typeCovered,
        algorithm: 13,
        labels: canonical(owner).split('.').length,
        originalTTL: TTL,
        expiration: seconds(sig.expiration),
        inception: seconds(sig.inception ?? new Date(Date.now() - 86_400_000)),
        keyTag: 12345,
        signersName: sig.signersName ?? canonical(owner),
        signature: Buffer.alloc(64, 7),
      },
    }));
}

/** The records of one type at `owner`, as dns-packet answers. */
function recordsOf(entry: ZoneEntry | undefined, owner: string, type: string): Answer[] {
  const base = { name: owner, ttl: entry?.TTL ?? TTL };
  if (type === 'A') return (entry?.A ?? []).map((data) => ({ ...base, type: 'A', data }));
  if (type === 'AAAA') return (entry?.AAAA ?? []).map((data) => ({ ...base, type: 'AAAA', data }));
  if (type === 'MX') return (entry?.MX ?? []).map((data) => ({ ...base, type: 'MX', data }));
  if (type === 'TXT') return (entry?.TXT ?? []).map((data) => ({ ...base, type: 'TXT', data }));
  if (type === 'TLSA') return (entry?.TLSA ?? []).map((data) => ({ ...base, type: 'TLSA', data }));
  return [];
}

class Zone {
  private readonly records = new Map<string, ZoneEntry>();
  private readonly behaviour = new Map<string, Behaviour | Partial<Record<string, Behaviour>>>();

  constructor(options: DnsServerOptions) {
    for (const [name, entry] of Object.entries(options.records ?? {})) {
      const long = entry.TXT?.flat().find((text) => Buffer.byteLength(text) > 255);
      if (long !== undefined) throw new Error(`TXT string over 255 bytes at ${name}: split it into an array`);
      this.records.set(canonical(name), entry);
    }
    for (const [name, what] of Object.entries(options.behaviour ?? {})) {
      this.behaviour.set(canonical(name), what);
    }
  }

  /** RRSIGs for every RRset in `answers` (the CNAMEs and the final records), for a DO query. */
  signatures(answers: Answer[]): Answer[] {
    const seen = new Set<string>();
    return answers.flatMap((answer) => {
      const key = `${canonical(answer.name)} ${answer.type}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return signaturesOf(this.records.get(canonical(answer.name)), answer.name, answer.type);
    });
  }

  private behaviourOf(name: string, type: string): Behaviour | undefined {
    const what = this.behaviour.get(name);
    return typeof what === 'string' ? what : what?.[type];
  }

  /** True when replies for `name` are preceded by forged ones (`spoof-first`). */
  spoofs(name: string): boolean {
    return this.behaviour.get(canonical(name)) === 'spoof-first';
  }

  /** True when `name` gets only a truncated UDP reply and silence over TCP (`tcp-silent`). */
  tcpSilent(name: string): boolean {
    return this.behaviour.get(canonical(name)) === 'tcp-silent';
  }

  private exists(name: string): boolean {
    return this.records.has(name) || [...this.records.keys()].some((key) => key.endsWith(`.${name}`));
  }

  /** Answer a question, following CNAMEs within the map; `null` means "never reply". */
  answer(qname: string, type: string): Reply | null {
    const answers: Answer[] = [];
    const owners = [qname];
    let owner = qname;
    for (let hop = 0; hop < MAX_CHAIN; hop++) {
      const name = canonical(owner);
      const behaviour = this.behaviourOf(name, type);
      if (behaviour === 'timeout') return null;
      if (behaviour !== undefined && behaviour !== 'spoof-first' && behaviour !== 'tcp-silent') {
        // A validating resolver answers SERVFAIL for bogus data (RFC 4035 §5.5).
        const failed = behaviour === 'servfail' || behaviour === 'bogus';
        return { rcode: failed ? RCODE.SERVFAIL : RCODE.REFUSED, answers: [] };
      }
      const entry = this.records.get(name);
      if (entry?.CNAME !== undefined) {
        answers.push({ name: owner, ttl: TTL, type: 'CNAME', data: entry.CNAME });
        if (type === 'CNAME') return { rcode: RCODE.NOERROR, answers };
        owner = entry.CNAME;
        owners.push(owner);
        continue;
      }
      if (!this.exists(name)) return { rcode: RCODE.NXDOMAIN, answers, owners };
      return { rcode: RCODE.NOERROR, answers: [...answers, ...recordsOf(entry, owner, type)], owners };
    }
    return { rcode: RCODE.SERVFAIL, answers: [] }; // a CNAME loop
  }
}

/**
 * Encode the reply to `query`, truncated (TC, no answers) when it does not fit in a UDP reply. The server
 * ignores EDNS (and so sends no OPT record), which keeps it to the 512-byte limit.
 */
function encodeReply(
  query: DecodedPacket,
  reply: Reply,
  transport: 'udp' | 'tcp',
  extra: { authenticated?: boolean; signatures?: Answer[]; notAuthoritative?: boolean } = {},
): Buffer {
  const packet = {
    type: 'response' as const,
    id: query.id ?? 0,
    flags:
      (extra.notAuthoritative === true ? 0 : dnsPacket.AUTHORITATIVE_ANSWER) |
      dnsPacket.RECURSION_AVAILABLE |
      ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) |
      (extra.authenticated === true ? dnsPacket.AUTHENTIC_DATA : 0) |
      reply.rcode,
    questions: query.questions ?? [],
    answers: [...reply.answers, ...(extra.signatures ?? [])],
  };
  const full = dnsPacket.encode(packet);
  if (transport === 'tcp' || full.length <= UDP_LIMIT) return full;
  return dnsPacket.encode({ ...packet, flags: packet.flags | dnsPacket.TRUNCATED_RESPONSE, answers: [] });
}

type Respond = (message: Buffer, transport: 'udp' | 'tcp', send: (reply: Buffer) => void) => void;

/** Read length-prefixed queries from one TCP connection and answer in kind (RFC 1035 §4.2.2). */
function serveTcp(socket: Socket, respond: Respond): void {
  socket.on('error', () => socket.destroy());
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      const message = pending.subarray(2, 2 + pending.readUInt16BE(0));
      pending = pending.subarray(2 + message.length);
      respond(message, 'tcp', (reply) => {
        const length = Buffer.alloc(2);
        length.writeUInt16BE(reply.length);
        if (!socket.destroyed) socket.write(Buffer.concat([length, reply]));
      });
    }
  });
}

/** Bind UDP on `wanted` (0: a random port), then TCP on the same one; retry if TCP finds a random one taken. */
async function listenBoth(tcp: Server, wanted = 0): Promise<{ udp: UdpSocket; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const udp = createSocket('udp4');
    udp.bind(wanted, '127.0.0.1');
    await once(udp, 'listening');
    const { port } = udp.address();
    try {
      tcp.listen(port, '127.0.0.1');
      await once(tcp, 'listening');
      return { udp, port };
    } catch (error) {
      udp.close();
      if (wanted !== 0 || attempt >= 10 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE')
        throw error;
    }
  }
}

/** Start the server; `close()` it in `afterAll`/`afterEach`. */
export async function startDnsServer(options: DnsServerOptions = {}): Promise<TestDnsServer> {
  let current = options;
  let zone = new Zone(current);
  const queries: LoggedQuery[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let closed = false;

  const respond: Respond = (message, transport, send) => {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not DNS: ignore, as a real server would
    }
    const question = query.questions?.[0];
    if (question === undefined) return;
    const dnssecOk = (query.additionals ?? []).some(
      (record) => record.type === 'OPT' && ((record.flags ?? 0) & dnsPacket.DNSSEC_OK) !== 0,
    );
    const authenticData = ((query.flags ?? 0) & dnsPacket.AUTHENTIC_DATA) !== 0;
    // The DNSSEC flags are logged only when set, so existing assertions on the log keep their shape.
    queries.push({
      name: canonical(question.name),
      type: question.type,
      transport,
      ...(dnssecOk ? { dnssecOk } : {}),
      ...(authenticData ? { authenticData } : {}),
    });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const sendLater = (messages: Buffer[]): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        inFlight--;
        if (!closed) for (const message of messages) send(message);
      }, current.delayMs ?? 0);
      timers.add(timer);
    };
    if (zone.tcpSilent(question.name)) {
      if (transport === 'udp') {
        const empty: Reply = { rcode: RCODE.NOERROR, answers: [] };
        const truncated = dnsPacket.decode(encodeReply(query, empty, 'udp'));
        sendLater([
          dnsPacket.encode({ ...truncated, flags: (truncated.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE }),
        ]);
      }
      return;
    }
    const reply = zone.answer(question.name, question.type);
    if (reply === null) return;
    const signed = (current.signed ?? []).map(canonical);
    const isSigned = (name: string): boolean =>
      signed.some((zoneName) => canonical(name) === zoneName || canonical(name).endsWith(`.${zoneName}`));
    const answered = reply.rcode === RCODE.NOERROR || reply.rcode === RCODE.NXDOMAIN;
    const secure = answered && (reply.owners ?? []).every(isSigned);
    const encoded = encodeReply(query, reply, transport, {
      authenticated: secure && (dnssecOk || authenticData),
      signatures: dnssecOk ? zone.signatures(reply.answers) : [],
      ...(current.notAuthoritative === true ? { notAuthoritative: true } : {}),
    });
    const replies = [encoded];
    if (zone.spoofs(question.name)) {
      // Another id, then the right id for another question: a client must ignore both (RFC 5452 §9.1).
      const wrongId = { ...query, id: ((query.id ?? 0) + 1) & 0xffff };
      const wrongQuestion = { ...query, questions: [{ ...question, name: `spoofed.${question.name}` }] };
      const forged: Reply = { rcode: RCODE.NOERROR, answers: [] };
      replies.unshift(encodeReply(wrongId, forged, transport), encodeReply(wrongQuestion, forged, transport));
    }
    sendLater(replies);
  };

  const tcp = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveTcp(socket, respond);
  });
  const { udp, port } = await listenBoth(tcp, options.port);
  udp.on('error', () => undefined);
  udp.on('message', (message, peer) =>
    respond(message, 'udp', (reply) => udp.send(reply, peer.port, peer.address)),
  );

  return {
    address: '127.0.0.1',
    port,
    server: `127.0.0.1:${port}`,
    queries,
    get maxInFlight() {
      return maxInFlight;
    },
    update(next) {
      current = { ...current, ...next };
      zone = new Zone(current);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      udp.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}
