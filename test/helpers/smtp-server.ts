/**
 * A loopback SMTP server for tests, demos and benchmarks: just enough of RFC 5321 and RFC 3207 (greeting, EHLO,
 * STARTTLS, QUIT) to be probed, plus the misbehaviours a prober must survive. It counts connections and logs
 * the commands and TLS server names it saw.
 */
import { createServer, type Socket } from 'node:net';
import { createSecureContext, TLSSocket, type SecureContext, type SecureVersion } from 'node:tls';
import type { IssuedCertificate } from './test-ca.js';
import { gaugeConnection, listen, type ConnectionGauge } from './listen.js';

/** Ways the server can misbehave. */
export type SmtpMisbehaviour =
  /** Sends `220-` continuation lines forever, never a final line. */
  | 'endless-banner'
  /** Sends one `220-` continuation line every 50 ms forever: the line bound is never reached in a probe. */
  | 'slow-endless-banner'
  /** Answers the connection with bytes that are not SMTP. */
  | 'garbage'
  /** Accepts the connection and never says anything. */
  | 'silent'
  /** Offers STARTTLS in EHLO, then refuses it with 454. */
  | 'reject-starttls'
  /** Accepts STARTTLS, then answers the ClientHello with plaintext instead of TLS. */
  | 'broken-tls'
  /** Greets with a single line longer than any reply line bound. */
  | 'long-line'
  /** Greets with 554 (RFC 5321 §3.1: no SMTP service here). */
  | 'bad-greeting';

/** Options of {@link startSmtpServer}. */
export interface SmtpServerOptions {
  /** Greeting text; several lines make a multi-line 220 reply. Default `mx.test ESMTP test server`. */
  readonly banner?: string | readonly string[];
  /** Certificate for STARTTLS. Without one, STARTTLS is not offered. */
  readonly certificate?: IssuedCertificate;
  /** Offer STARTTLS in EHLO; default true when a certificate is given. */
  readonly starttls?: boolean;
  /** TLS settings, e.g. `{ maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' }` for an old server. */
  readonly tls?: {
    readonly minVersion?: SecureVersion;
    readonly maxVersion?: SecureVersion;
    readonly ciphers?: string;
  };
  readonly misbehaviour?: SmtpMisbehaviour;
  /** The first this many connections are accepted and never answered (a host that recovers); default 0. */
  readonly silentConnections?: number;
  /** Wait this long before every reply. */
  readonly replyDelayMs?: number;
  /** Address to listen on; default `127.0.0.1`. */
  readonly listenHost?: string;
  /** Port to listen on; default 0, a random free port (several servers on different loopback addresses can share one). */
  readonly port?: number;
  /** Gauges that count this server's TCP connections, together with other servers'. */
  readonly gauges?: readonly ConnectionGauge[];
}

/** A running test server. */
export interface TestSmtpServer {
  readonly port: number;
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Sockets (plain and TLS) not closed yet. */
  readonly openConnections: number;
  /** The remote address of each accepted connection, in order: shows who connected (a proxy, or us). */
  readonly peers: readonly string[];
  /** Command lines received, in order, across all connections (after TLS too). */
  readonly commands: readonly string[];
  /** SNI names of completed STARTTLS handshakes (null when the client sent none). */
  readonly servernames: readonly (string | null)[];
  /** Stops listening and destroys every open connection and pending timer. */
  close(): Promise<void>;
}

interface Context {
  readonly options: SmtpServerOptions;
  readonly secureContext: SecureContext | null;
  readonly sockets: Set<Socket>;
  readonly timers: Set<NodeJS.Timeout>;
  readonly commands: string[];
  readonly servernames: (string | null)[];
}

/** Starts the server and resolves once it listens. */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const secureContext =
    options.certificate === undefined
      ? null
      : createSecureContext({ ...options.certificate, ...options.tls });
  const context: Context = {
    options,
    secureContext,
    sockets: new Set(),
    timers: new Set(),
    commands: [],
    servernames: [],
  };
  let connections = 0;
  const peers: string[] = [];
  const server = createServer((socket) => {
    connections++;
    peers.push(socket.remoteAddress ?? '');
    gaugeConnection(options.gauges, socket);
    track(context, socket);
    if (connections <= (options.silentConnections ?? 0)) return;
    greet(context, socket);
  });
  const port = await listen(server, options.port ?? 0, options.listenHost ?? '127.0.0.1');
  return {
    port,
    get connections() {
      return connections;
    },
    get openConnections() {
      return context.sockets.size;
    },
    peers,
    commands: context.commands,
    servernames: context.servernames,
    close: async () => {
      for (const timer of context.timers) clearTimeout(timer);
      for (const socket of context.sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function track(context: Context, socket: Socket): void {
  context.sockets.add(socket);
  socket.on('close', () => context.sockets.delete(socket));
  // Clients hang up abruptly in these tests; that is not the server's failure.
  socket.on('error', () => undefined);
}

function greet(context: Context, socket: Socket): void {
  switch (context.options.misbehaviour) {
    case 'silent':
      return;
    case 'garbage':
      socket.write(Buffer.from([0x00, 0xff, 0x16, 0x03, 0x01, 0x20, 0x6e, 0x6f, 0x70, 0x65, 0x0d, 0x0a]));
      return;
    case 'long-line':
      socket.write(`220 ${'x'.repeat(5000)}\r\n`);
      return;
    case 'bad-greeting':
      reply(context, socket, ['554 5.3.2 no SMTP service here'], () => socket.end());
      return;
    case 'endless-banner':
      endlessBanner(context, socket, 5, 10);
      return;
    case 'slow-endless-banner':
      endlessBanner(context, socket, 1, 50);
      return;
    default: {
      const banner = context.options.banner ?? 'mx.test ESMTP test server';
      reply(context, socket, multiline(220, typeof banner === 'string' ? [banner] : banner));
      readCommands(context, socket, false);
    }
  }
}

function endlessBanner(context: Context, socket: Socket, lines: number, everyMs: number): void {
  let line = 0;
  const interval = setInterval(() => {
    for (let i = 0; i < lines; i++) socket.write(`220-endless banner line ${++line}\r\n`);
  }, everyMs);
  context.timers.add(interval);
  socket.on('close', () => clearInterval(interval));
}

function multiline(code: number, texts: readonly string[]): string[] {
  return texts.map((text, i) => `${code}${i === texts.length - 1 ? ' ' : '-'}${text}`);
}

/** Writes the reply lines after the configured delay, then runs `then`. */
function reply(context: Context, socket: Socket, lines: readonly string[], then?: () => void): void {
  const send = (): void => {
    if (socket.destroyed) return;
    socket.write(lines.map((line) => `${line}\r\n`).join(''));
    then?.();
  };
  const delay = context.options.replyDelayMs ?? 0;
  if (delay === 0) return send();
  const timer = setTimeout(() => {
    context.timers.delete(timer);
    send();
  }, delay);
  context.timers.add(timer);
}

function readCommands(context: Context, socket: Socket, secure: boolean): void {
  let buffered = '';
  const onData = (chunk: Buffer): void => {
    buffered += chunk.toString('latin1');
    for (let end = buffered.indexOf('\r\n'); end !== -1; end = buffered.indexOf('\r\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      context.commands.push(line);
      if (handle(context, socket, line, secure, () => socket.off('data', onData))) return;
    }
  };
  socket.on('data', onData);
}

/** Answers one command; returns true when the socket is handed over to TLS and must no longer be read. */
function handle(
  context: Context,
  socket: Socket,
  line: string,
  secure: boolean,
  detach: () => void,
): boolean {
  const verb = (line.split(' ')[0] ?? '').toUpperCase();
  const { options, secureContext } = context;
  // These advertise STARTTLS even without a certificate: they will not do TLS anyway.
  const fakesTls = options.misbehaviour === 'reject-starttls' || options.misbehaviour === 'broken-tls';
  const canTls = secureContext !== null || fakesTls;
  const offerTls = !secure && canTls && options.starttls !== false;
  if (verb === 'EHLO') {
    const extensions = ['PIPELINING', 'SIZE 10240000', ...(offerTls ? ['STARTTLS'] : []), '8BITMIME'];
    reply(context, socket, multiline(250, ['mx.test greets you', ...extensions]));
  } else if (verb === 'HELO') {
    reply(context, socket, ['250 mx.test']);
  } else if (verb === 'STARTTLS' && options.misbehaviour === 'reject-starttls') {
    reply(context, socket, ['454 4.7.0 TLS not available due to temporary reason']);
  } else if (verb === 'STARTTLS' && options.misbehaviour === 'broken-tls') {
    detach();
    reply(context, socket, ['220 2.0.0 Ready to start TLS'], () => socket.end('this is not TLS\r\n'));
    return true;
  } else if (verb === 'STARTTLS' && offerTls && secureContext !== null) {
    detach();
    reply(context, socket, ['220 2.0.0 Ready to start TLS'], () => startTls(context, socket, secureContext));
    return true;
  } else if (verb === 'QUIT') {
    reply(context, socket, ['221 2.0.0 Bye'], () => socket.end());
  } else {
    reply(context, socket, ['502 5.5.2 Error: command not recognized']);
  }
  return false;
}

function startTls(context: Context, socket: Socket, secureContext: SecureContext): void {
  const secure = new TLSSocket(socket, { isServer: true, secureContext });
  track(context, secure);
  secure.once('secure', () => {
    context.servernames.push(typeof secure.servername === 'string' ? secure.servername : null);
  });
  readCommands(context, secure, true);
}
