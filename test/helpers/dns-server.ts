/**
 * A real DNS server on loopback for tests: UDP and TCP on the same random port of 127.0.0.1, answering from a
 * declarative zone map the way a recursive resolver would (CNAME chains in the answer section).
 *
 * A name in the map without the asked type, or with only descendants, is NODATA (NOERROR, empty answer); any
 * other name is NXDOMAIN. `behaviour` makes a name (or one type at it) fail; `delayMs` stands in for network
 * round trips. Every question is logged in `queries`.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import dnsPacket, { type Answer, type DecodedPacket, type RecordType } from 'dns-packet';

export type Behaviour = 'servfail' | 'refused' | 'timeout';

export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  MX?: { preference: number; exchange: string }[];
  /** One entry per record; an array is a multi-string record (each string at most 255 bytes). */
  TXT?: (string | string[])[];
  /** Followed for every other type, as a recursive resolver would. */
  CNAME?: string;
}

export interface DnsServerOptions {
  records?: Record<string, ZoneEntry>;
  /** By name: fail every query, or only the listed types. */
  behaviour?: Record<string, Behaviour | Partial<Record<RecordType, Behaviour>>>;
  /** Wait this long before every reply. */
  delayMs?: number;
  /** A fixed port on 127.0.0.1 (53 for a world the system resolver uses, as in CI's run of the Action); default random. */
  port?: number;
}

export interface LoggedQuery {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface TestDnsServer {
  address: '127.0.0.1';
  port: number;
  /** `127.0.0.1:PORT`, ready for `createDnsClient({ servers: [...] })`. */
  server: string;
  queries: LoggedQuery[];
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
}

/** The records of one type at `owner`, as dns-packet answers. */
function recordsOf(entry: ZoneEntry | undefined, owner: string, type: string): Answer[] {
  const base = { name: owner, ttl: TTL };
  if (type === 'A') return (entry?.A ?? []).map((data) => ({ ...base, type: 'A', data }));
  if (type === 'AAAA') return (entry?.AAAA ?? []).map((data) => ({ ...base, type: 'AAAA', data }));
  if (type === 'MX') return (entry?.MX ?? []).map((data) => ({ ...base, type: 'MX', data }));
  if (type === 'TXT') return (entry?.TXT ?? []).map((data) => ({ ...base, type: 'TXT', data }));
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

  private behaviourOf(name: string, type: string): Behaviour | undefined {
    const what = this.behaviour.get(name);
    return typeof what === 'string' ? what : what?.[type];
  }

  private exists(name: string): boolean {
    return this.records.has(name) || [...this.records.keys()].some((key) => key.endsWith(`.${name}`));
  }

  /** Answer a question, following CNAMEs within the map; `null` means "never reply". */
  answer(qname: string, type: string): Reply | null {
    const answers: Answer[] = [];
    let owner = qname;
    for (let hop = 0; hop < MAX_CHAIN; hop++) {
      const name = canonical(owner);
      const behaviour = this.behaviourOf(name, type);
      if (behaviour === 'timeout') return null;
      if (behaviour !== undefined) {
        return { rcode: behaviour === 'servfail' ? RCODE.SERVFAIL : RCODE.REFUSED, answers: [] };
      }
      const entry = this.records.get(name);
      if (entry?.CNAME !== undefined) {
        answers.push({ name: owner, ttl: TTL, type: 'CNAME', data: entry.CNAME });
        if (type === 'CNAME') return { rcode: RCODE.NOERROR, answers };
        owner = entry.CNAME;
        continue;
      }
      if (!this.exists(name)) return { rcode: RCODE.NXDOMAIN, answers };
      return { rcode: RCODE.NOERROR, answers: [...answers, ...recordsOf(entry, owner, type)] };
    }
    return { rcode: RCODE.SERVFAIL, answers: [] }; // a CNAME loop
  }
}

/**
 * Encode the reply to `query`, truncated (TC, no answers) when it does not fit in a UDP reply. The server
 * ignores EDNS (and so sends no OPT record), which keeps it to the 512-byte limit.
 */
function encodeReply(query: DecodedPacket, reply: Reply, transport: 'udp' | 'tcp'): Buffer {
  const packet = {
    type: 'response' as const,
    id: query.id ?? 0,
    flags:
      dnsPacket.AUTHORITATIVE_ANSWER |
      dnsPacket.RECURSION_AVAILABLE |
      ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) |
      reply.rcode,
    questions: query.questions ?? [],
    answers: reply.answers,
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
    queries.push({ name: canonical(question.name), type: question.type, transport });
    const reply = zone.answer(question.name, question.type);
    if (reply === null) return;
    const encoded = encodeReply(query, reply, transport);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) send(encoded);
    }, current.delayMs ?? 0);
    timers.add(timer);
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
