/**
 * One STARTTLS probe as a dialogue: connect, greeting, EHLO, STARTTLS, handshake, QUIT (RFC 5321 §3.1,
 * §4.1.1.1; RFC 3207 §4), all under one deadline. Whatever stops it early is turned into an outcome here.
 */
import type { Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import type { SmtpProbe } from '../core/types.js';
import { MAX_BANNER_CHARS } from './limits.js';
import { errorText, ProbeFailure } from './smtp-failure.js';
import { describeReply, offersStartTls, ReplyReader, type Reply } from './smtp-reply.js';
import { openSocket, quit, upgrade } from './smtp-socket.js';
import type { SocksProxy } from './socks.js';
import { inspectTls } from './tls-inspect.js';

/** The prober's options with their defaults filled in. */
export interface SmtpSettings {
  readonly port: number;
  readonly timeoutMs: number;
  readonly ehloName: string;
  /** The prober's one TLS context: the trusted roots and the accepted protocol range (issue #9 item 4). */
  readonly secureContext: () => SecureContext;
  /** Connect through this SOCKS5 proxy (issue #10 part 2); null: directly. */
  readonly proxy: SocksProxy | null;
}

/** How far a probe got: names the stage in timeout and error messages, and keeps the banner once read. */
export interface Progress {
  stage: string;
  banner: string | null;
  /** Bytes came from the server, even without a complete greeting: port 25 is open to it (issue #11 item 9). */
  heard?: boolean;
}

/** Probes STARTTLS on `address`, presenting `host` in SNI. Never throws. */
export async function probeStartTls(
  host: string,
  address: string,
  settings: SmtpSettings,
): Promise<SmtpProbe> {
  const sockets = new Set<Socket>();
  // Through a proxy, a timeout while connecting may be the proxy's as well as the MX's: say which path it was.
  const stage =
    settings.proxy === null ? 'connect' : `connect through the SOCKS proxy ${settings.proxy.display}`;
  const progress: Progress = { stage, banner: null };
  let timedOut = false;
  // One deadline for everything: destroying the sockets wakes whatever is waiting on them.
  const timer = setTimeout(() => {
    timedOut = true;
    for (const socket of sockets) socket.destroy();
  }, settings.timeoutMs);
  try {
    return await converse(host, address, settings, sockets, progress);
  } catch (error) {
    return recordFailure(address, error, progress, timedOut ? settings.timeoutMs : null);
  } finally {
    clearTimeout(timer);
    for (const socket of sockets) socket.destroy();
  }
}

/**
 * Turns what stopped a probe into its outcome. `deadlineMs` is set when the deadline fired: whatever error that
 * caused is then a timeout, which keeps the banner when the greeting had already arrived.
 */
export function recordFailure(
  address: string,
  error: unknown,
  progress: Readonly<Progress>,
  deadlineMs: number | null,
): SmtpProbe {
  if (deadlineMs !== null) {
    const message = `no answer within ${deadlineMs} ms (${progress.stage})`;
    const banner = progress.banner === null ? {} : { banner: progress.banner };
    const heard = progress.heard === true && progress.banner === null ? { heard: true } : {};
    return { address, outcome: 'timeout', error: message, ...banner, ...heard };
  }
  const failure =
    error instanceof ProbeFailure ? error : new ProbeFailure('protocol-error', errorText(error));
  if (failure.outcome === 'proxy-failed') {
    return { address, outcome: 'proxy-failed', error: failure.message };
  }
  if (failure.outcome === 'tls-failed') {
    return { address, outcome: 'tls-failed', banner: progress.banner ?? '', error: failure.message };
  }
  return { address, outcome: failure.outcome, error: `${failure.message} (${progress.stage})` };
}

/** The session itself (RFC 5321 §3.1, §4.1.1.1; RFC 3207 §4); throws ProbeFailure when it cannot go on. */
async function converse(
  host: string,
  address: string,
  settings: SmtpSettings,
  sockets: Set<Socket>,
  progress: Progress,
): Promise<SmtpProbe> {
  const plain = await openSocket(address, settings.port, sockets, settings.proxy, settings.timeoutMs);
  const reader = new ReplyReader(plain);
  plain.once('data', () => (progress.heard = true));
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
  if (ready.code !== 220) throw new ProbeFailure('tls-failed', `STARTTLS refused: ${describeReply(ready)}`);
  // Whatever the reader still holds was sent in plaintext after the 220 and is dropped with it: the client
  // must discard knowledge not obtained from the TLS negotiation itself (RFC 3207 §4.2).
  reader.detach();
  progress.stage = 'TLS handshake';
  const secure = await upgrade(plain, host, settings.secureContext, sockets);
  const tls = inspectTls(secure, host);
  await quit(secure);
  return { address, outcome: 'tls', banner, tls };
}

function requireCode(reply: Reply, code: number, what: string): void {
  if (reply.code !== code)
    throw new ProbeFailure('protocol-error', `${what} not accepted: ${describeReply(reply)}`);
}

async function command(socket: Socket, reader: ReplyReader, line: string): Promise<Reply> {
  socket.write(`${line}\r\n`);
  return reader.read();
}
