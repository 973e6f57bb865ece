/**
 * The live SmtpProber: connect to one address of an MX host, read the greeting, EHLO, STARTTLS, complete the
 * handshake without verifying it, and record what a verifying sender would have decided (RFC 8461 §4.2).
 * Every wait is bounded by one deadline and every read by a size bound; whatever goes wrong becomes data.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { SmtpProbe } from '../core/types.js';
import type { SmtpProber } from './types.js';
import {
  DEFAULT_EHLO_NAME,
  MAX_BANNER_CHARS,
  MAX_SMTP_LINE_BYTES,
  MAX_SMTP_REPLY_LINES,
  MAX_SMTP_SESSION_BYTES,
  SMTP_PORT,
  SMTP_PROBE_TIMEOUT_MS,
  SMTP_QUIT_GRACE_MS,
} from './limits.js';
import { inspectTls } from './tls-inspect.js';

/** Options of {@link createSmtpProber}. */
export interface SmtpProberOptions {
  /** TCP port; 25 unless testing. */
  readonly port?: number;
  /** One deadline for the whole probe: connect, greeting, EHLO, STARTTLS and handshake. */
  readonly timeoutMs?: number;
  /** Name sent in EHLO (RFC 5321 §4.1.1.1). */
  readonly ehloName?: string;
  /** Trusted roots (PEM). Undefined means Node's defaults, which include NODE_EXTRA_CA_CERTS. */
  readonly ca?: string | string[];
}

/** One parsed reply line (RFC 5321 §4.2): `250-text` continues a reply, `250 text` or `250` ends it. */
export interface ReplyLine {
  readonly code: number;
  readonly final: boolean;
  readonly text: string;
}

/** A complete reply: one code, one text per line. */
interface Reply {
  readonly code: number;
  readonly lines: readonly string[];
}

type FailureOutcome = 'unreachable' | 'protocol-error' | 'tls-failed';

/** A probe that stopped early; turned into a SmtpProbe outcome, never thrown out of the prober. */
class ProbeFailure extends Error {
  override readonly name = 'ProbeFailure';
  constructor(
    readonly outcome: FailureOutcome,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses one reply line without its line ending. Returns null for anything that is not `Reply-code [SP text]`
 * or `Reply-code "-" text` with a code of 2xx to 5xx (RFC 5321 §4.2, §4.2.1).
 */
export function parseReplyLine(line: string): ReplyLine | null {
  const match = /^([2-5][0-9][0-9])(?:([ -])(.*))?$/.exec(line);
  if (match === null) return null;
  return { code: Number(match[1]), final: match[2] !== '-', text: match[3] ?? '' };
}

/** Builds the live prober. It never throws: refused, reset, garbage, TLS failures and timeouts are outcomes. */
export function createSmtpProber(options: SmtpProberOptions = {}): SmtpProber {
  const settings: Settings = {
    port: options.port ?? SMTP_PORT,
    timeoutMs: options.timeoutMs ?? SMTP_PROBE_TIMEOUT_MS,
    ehloName: options.ehloName ?? DEFAULT_EHLO_NAME,
    ca: options.ca,
  };
  return (host, address) => probeStartTls(host, address, settings);
}

interface Settings {
  readonly port: number;
  readonly timeoutMs: number;
  readonly ehloName: string;
  readonly ca: string | string[] | undefined;
}

/** How far a probe got: names the stage in timeout and error messages, and keeps the banner once read. */
interface Progress {
  stage: string;
  banner: string | null;
}

async function probeStartTls(host: string, address: string, settings: Settings): Promise<SmtpProbe> {
  const sockets = new Set<Socket>();
  const progress: Progress = { stage: 'connect', banner: null };
  let timedOut = false;
  // One deadline for everything: destroying the sockets wakes whatever is waiting on them.
  const timer = setTimeout(() => {
    timedOut = true;
    for (const socket of sockets) socket.destroy();
  }, settings.timeoutMs);
  try {
    return await converse(host, address, settings, sockets, progress);
  } catch (error) {
    if (timedOut) {
      return {
        address,
        outcome: 'timeout',
        error: `no answer within ${settings.timeoutMs} ms (${progress.stage})`,
      };
    }
    const failure =
      error instanceof ProbeFailure ? error : new ProbeFailure('protocol-error', errorText(error));
    if (failure.outcome === 'tls-failed') {
      return { address, outcome: 'tls-failed', banner: progress.banner ?? '', error: failure.message };
    }
    return { address, outcome: failure.outcome, error: `${failure.message} (${progress.stage})` };
  } finally {
    clearTimeout(timer);
    for (const socket of sockets) socket.destroy();
  }
}

/** The session itself (RFC 5321 §3.1, §4.1.1.1; RFC 3207 §4); throws ProbeFailure when it cannot go on. */
async function converse(
  host: string,
  address: string,
  settings: Settings,
  sockets: Set<Socket>,
  progress: Progress,
): Promise<SmtpProbe> {
  const plain = await openSocket(address, settings.port, sockets);
  const reader = new ReplyReader(plain);
  progress.stage = 'greeting';
  const greeting = await reader.read();
  const banner = (greeting.lines[0] ?? '').slice(0, MAX_BANNER_CHARS);
  progress.banner = banner;
  requireCode(greeting, 220, 'greeting');
  progress.stage = 'EHLO';
  const ehlo = await command(plain, reader, `EHLO ${settings.ehloName}`);
  requireCode(ehlo, 250, 'EHLO');
  if (!offersStartTls(ehlo)) {
    await quit(plain);
    return { address, outcome: 'no-starttls', banner };
  }
  progress.stage = 'STARTTLS';
  const ready = await command(plain, reader, 'STARTTLS');
  if (ready.code !== 220) throw new ProbeFailure('tls-failed', `STARTTLS refused: ${describe(ready)}`);
  // Whatever the reader still holds was sent in plaintext after the 220 and is dropped with it: the client
  // must discard knowledge not obtained from the TLS negotiation itself (RFC 3207 §4.2).
  reader.detach();
  progress.stage = 'TLS handshake';
  const secure = await upgrade(plain, host, settings.ca, sockets);
  const tls = inspectTls(secure, host);
  await quit(secure);
  return { address, outcome: 'tls', banner, tls };
}

function requireCode(reply: Reply, code: number, what: string): void {
  if (reply.code !== code)
    throw new ProbeFailure('protocol-error', `${what} not accepted: ${describe(reply)}`);
}

async function command(socket: Socket, reader: ReplyReader, line: string): Promise<Reply> {
  socket.write(`${line}\r\n`);
  return reader.read();
}

/** EHLO reply lines after the first are keywords with parameters (RFC 5321 §4.1.1.1); keywords ignore case. */
function offersStartTls(ehlo: Reply): boolean {
  return ehlo.lines.slice(1).some((line) => line.split(' ')[0]?.toUpperCase() === 'STARTTLS');
}

function describe(reply: Reply): string {
  return JSON.stringify(`${reply.code} ${reply.lines.join(' / ')}`.slice(0, MAX_BANNER_CHARS));
}

function openSocket(address: string, port: number, sockets: Set<Socket>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    sockets.add(socket);
    // A permanent listener: a late error must never become an uncaught exception.
    socket.on('error', (error) => reject(new ProbeFailure('unreachable', errorText(error))));
    socket.once('close', () => reject(new ProbeFailure('unreachable', 'connection closed')));
    socket.once('connect', () => resolve(socket));
  });
}

/**
 * Completes the handshake without verifying it, accepting TLS 1.0 and weak parameters so an old server is
 * observed rather than refused: the core flags anything below TLS 1.2 (RFC 8461 §4.2 via RFC 8996).
 */
function upgrade(
  plain: Socket,
  host: string,
  ca: string | string[] | undefined,
  sockets: Set<Socket>,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const options: ConnectionOptions = {
      socket: plain,
      rejectUnauthorized: false,
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
      // SNI carries the MX host name (RFC 8461 §4.2); RFC 6066 §3 forbids an IP literal there.
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ...(ca === undefined ? {} : { ca }),
    };
    const secure = tlsConnect(options);
    sockets.add(secure);
    secure.on('error', (error) => reject(new ProbeFailure('tls-failed', errorText(error))));
    secure.once('close', () =>
      reject(new ProbeFailure('tls-failed', 'connection closed during the handshake')),
    );
    secure.once('secureConnect', () => resolve(secure));
  });
}

/** Says goodbye politely (RFC 5321 §4.1.1.10), but never waits longer than the grace period or the deadline. */
function quit(socket: Socket): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(grace);
      socket.destroy();
      resolve();
    };
    const grace = setTimeout(done, SMTP_QUIT_GRACE_MS);
    socket.once('close', done);
    // Drain the 221 reply: a paused socket never sees the server's end, and would wait out the grace period.
    socket.resume();
    socket.end('QUIT\r\n');
  });
}

/** Reads reply lines from the plaintext part of the session, within the line, reply and session bounds. */
class ReplyReader {
  private partial = Buffer.alloc(0);
  private readonly lines: string[] = [];
  private received = 0;
  private failure: ProbeFailure | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  /** Reads one complete reply; every line must carry the same code (RFC 5321 §4.2.1). */
  async read(): Promise<Reply> {
    const texts: string[] = [];
    let code: number | null = null;
    for (;;) {
      const raw = await this.nextLine();
      const line = parseReplyLine(raw);
      if (line === null) throw new ProbeFailure('protocol-error', `not an SMTP reply: ${quoteRaw(raw)}`);
      if (code !== null && line.code !== code) {
        throw new ProbeFailure('protocol-error', `reply codes differ within one reply: ${quoteRaw(raw)}`);
      }
      code = line.code;
      texts.push(line.text);
      if (line.final) return { code, lines: texts };
      if (texts.length >= MAX_SMTP_REPLY_LINES) {
        throw new ProbeFailure('protocol-error', `reply longer than ${MAX_SMTP_REPLY_LINES} lines`);
      }
    }
  }

  /** Stops reading, so the socket can be handed to TLS. */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('error', this.onError);
    this.socket.off('close', this.onClose);
  }

  private async nextLine(): Promise<string> {
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) return line;
      if (this.failure !== null) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private readonly onData = (chunk: Buffer): void => {
    this.received += chunk.length;
    if (this.received > MAX_SMTP_SESSION_BYTES) return this.fail(`more than ${MAX_SMTP_SESSION_BYTES} bytes`);
    let data = Buffer.concat([this.partial, chunk]);
    for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a)) {
      const line = data.subarray(0, end > 0 && data[end - 1] === 0x0d ? end - 1 : end);
      if (line.length > MAX_SMTP_LINE_BYTES)
        return this.fail(`reply line longer than ${MAX_SMTP_LINE_BYTES} bytes`);
      this.lines.push(line.toString('utf8'));
      data = data.subarray(end + 1);
    }
    this.partial = data;
    if (data.length > MAX_SMTP_LINE_BYTES)
      return this.fail(`reply line longer than ${MAX_SMTP_LINE_BYTES} bytes`);
    this.notify();
  };

  private readonly onError = (error: Error): void => {
    this.failure ??= new ProbeFailure('unreachable', errorText(error));
  };

  private readonly onClose = (): void => {
    this.failure ??= new ProbeFailure('unreachable', 'connection closed by the server');
    this.notify();
  };

  private fail(message: string): void {
    this.failure ??= new ProbeFailure('protocol-error', message);
    this.socket.destroy();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

function quoteRaw(raw: string): string {
  return JSON.stringify(raw.slice(0, 80));
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
