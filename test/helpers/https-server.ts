/**
 * A loopback HTTPS policy host for tests, demos and benchmarks: one server on a random port that serves several
 * policy hosts, choosing the certificate by SNI and the behaviour by Host, and logs every request it sees.
 */
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { Socket } from 'node:net';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import type { IssuedCertificate } from './test-ca.js';
import { gaugeConnection, listen, type ConnectionGauge } from './listen.js';

/** How the policy path answers for one host. */
export type PolicyRoute =
  /** A body with a status (default 200) and a content type (default `text/plain`; null sends none). */
  | {
      readonly kind: 'body';
      readonly body: string;
      readonly status?: number;
      readonly contentType?: string | null;
    }
  /** A redirect (default 301) to `location`. */
  | { readonly kind: 'redirect'; readonly location: string; readonly status?: number }
  /** A 200 of `bytes` bytes, written with back-pressure so a client that stops reading stops the server. */
  | { readonly kind: 'huge'; readonly bytes: number }
  /** A 200 that sends one byte every `intervalMs` (default 200) and never ends. */
  | { readonly kind: 'trickle'; readonly intervalMs?: number };

/** One policy host served by the test server. */
export interface PolicyHostConfig {
  readonly certificate: IssuedCertificate;
  readonly route: PolicyRoute;
  /** Wait this long before sending headers. */
  readonly delayMs?: number;
}

/** Options of {@link startHttpsServer}. */
export interface HttpsServerOptions {
  /** Keyed by host name (as sent in SNI and Host, lower case). The first one is also the no-SNI default. */
  readonly hosts: Readonly<Record<string, PolicyHostConfig>>;
  /** Address to listen on; default `127.0.0.1`. */
  readonly listenHost?: string;
  /** Port to listen on; default 0, a random free port (several servers on different loopback addresses can share one). */
  readonly port?: number;
  /** Extra wait before every reply, for demos and benchmarks. */
  readonly replyDelayMs?: number;
  /** Gauges that count this server's TCP connections, together with other servers'. */
  readonly gauges?: readonly ConnectionGauge[];
}

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly host: string;
  readonly path: string;
  readonly servername: string | null;
}

/** A running test server. */
export interface TestHttpsServer {
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** TLS handshakes that resumed an earlier session (a client that reuses sessions skips the certificate). */
  readonly resumedSessions: number;
  /** Adds or replaces a host, e.g. to change a policy between two runs of a demo. */
  setHost(name: string, config: PolicyHostConfig): void;
  /** Stops listening and destroys every open connection and pending timer. */
  close(): Promise<void>;
}

const POLICY_PATH = '/.well-known/mta-sts.txt';

/** Starts the server and resolves once it listens. */
export async function startHttpsServer(options: HttpsServerOptions): Promise<TestHttpsServer> {
  const hosts = new Map<string, { config: PolicyHostConfig; context: SecureContext }>();
  const setHost = (name: string, config: PolicyHostConfig): void => {
    hosts.set(name.toLowerCase(), { config, context: createSecureContext(config.certificate) });
  };
  for (const [name, config] of Object.entries(options.hosts)) setHost(name, config);
  const first = Object.values(options.hosts)[0];
  if (first === undefined) throw new Error('startHttpsServer needs at least one host');

  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  const server = createServer(
    {
      ...first.certificate,
      SNICallback: (servername, done) => done(null, hosts.get(servername.toLowerCase())?.context),
    },
    (request, response) => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const servername = (request.socket as TLSSocket).servername;
      requests.push({
        host: request.headers.host ?? '',
        path: request.url ?? '',
        servername: typeof servername === 'string' ? servername : null,
      });
      const entry = request.url === POLICY_PATH ? hosts.get(host) : undefined;
      const route: PolicyRoute = entry?.config.route ?? { kind: 'body', status: 404, body: 'not found\n' };
      later((entry?.config.delayMs ?? 0) + (options.replyDelayMs ?? 0), () =>
        respond(response, route, timers),
      );
    },
  );
  let connections = 0;
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // The raw socket of a TLS server's 'connection' event emits no events, so gauges follow the TLS socket: they
  // count completed handshakes.
  let resumedSessions = 0;
  server.on('secureConnection', (socket: TLSSocket) => {
    if (socket.isSessionReused()) resumedSessions++;
    gaugeConnection(options.gauges, socket);
  });
  // A client that hangs up mid-handshake is routine in these tests, not a failure of the server.
  server.on('tlsClientError', () => undefined);

  const port = await listen(server, options.port ?? 0, options.listenHost ?? '127.0.0.1');
  return {
    port,
    requests,
    get connections() {
      return connections;
    },
    get resumedSessions() {
      return resumedSessions;
    },
    setHost,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function respond(response: ServerResponse, route: PolicyRoute, timers: Set<NodeJS.Timeout>): void {
  if (response.destroyed) return;
  switch (route.kind) {
    case 'body': {
      const contentType = route.contentType === undefined ? 'text/plain' : route.contentType;
      response.writeHead(route.status ?? 200, contentType === null ? {} : { 'content-type': contentType });
      response.end(route.body);
      return;
    }
    case 'redirect':
      response.writeHead(route.status ?? 301, { location: route.location, 'content-type': 'text/plain' });
      response.end('moved\n');
      return;
    case 'huge':
      response.writeHead(200, { 'content-type': 'text/plain' });
      writeHuge(response, route.bytes);
      return;
    case 'trickle': {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const interval = setInterval(() => response.write('a'), route.intervalMs ?? 200);
      timers.add(interval);
      response.on('close', () => clearInterval(interval));
      return;
    }
  }
}

function writeHuge(response: ServerResponse, bytes: number): void {
  const chunk = Buffer.alloc(16 * 1024, 'a');
  let sent = 0;
  const pump = (): void => {
    while (sent < bytes) {
      const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
      sent += piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    response.end();
  };
  pump();
}
