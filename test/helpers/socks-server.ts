/**
 * A small loopback SOCKS5 server (RFC 1928 CONNECT, RFC 1929 username/password) for the proxy tests that the
 * real one (Dante, in the e2e suite) cannot cover without system users: credentials, refusals, silence.
 * It logs every request and connects to the target from `outboundHost`, so the target sees the proxy, not us.
 */
import { connect, createServer, type Socket } from 'node:net';
import { listen } from './listen.js';

export interface SocksServerOptions {
  /** Require RFC 1929 username/password auth with these credentials. */
  readonly auth?: { readonly username: string; readonly password: string };
  /** Source address of the connections to targets (default 127.0.0.1). */
  readonly outboundHost?: string;
  /** `silent`: accept, never answer; `refuse`: answer every CONNECT with reply 5 (connection refused). */
  readonly misbehaviour?: 'silent' | 'refuse' | 'general-failure';
}

export interface SocksRequest {
  readonly host: string;
  readonly port: number;
  /** The credentials offered, or null without auth. */
  readonly username: string | null;
  readonly password: string | null;
}

export interface TestSocksServer {
  readonly port: number;
  /** TCP connections accepted (handshakes started). */
  readonly connections: number;
  /** CONNECT requests, in order (also those refused). */
  readonly requests: readonly SocksRequest[];
  close(): Promise<void>;
}

/** Reads exactly `n` bytes from `socket`, or rejects when it closes first. */
function reader(socket: Socket): (n: number) => Promise<Buffer> {
  let buffered = Buffer.alloc(0);
  let waiting: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  const pump = (): void => {
    if (waiting !== null && buffered.length >= waiting.n) {
      const { n, resolve } = waiting;
      waiting = null;
      const out = buffered.subarray(0, n);
      buffered = buffered.subarray(n);
      resolve(out);
    }
  };
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    pump();
  });
  socket.on('close', () => waiting?.reject(new Error('closed')));
  return (n) =>
    new Promise((resolve, reject) => {
      waiting = { n, resolve, reject };
      pump();
    });
}

async function readDestination(read: (n: number) => Promise<Buffer>): Promise<[string, number]> {
  const [, , , type] = await read(4);
  let host: string;
  if (type === 1) host = [...(await read(4))].join('.');
  else if (type === 4) {
    const raw = await read(16);
    host = Array.from({ length: 8 }, (_, i) => raw.readUInt16BE(i * 2).toString(16)).join(':');
  } else host = (await read((await read(1))[0] ?? 0)).toString('latin1');
  return [host, (await read(2)).readUInt16BE(0)];
}

const REPLY = (code: number): Buffer => Buffer.from([5, code, 0, 1, 127, 0, 0, 1, 0, 0]);

async function serve(socket: Socket, options: SocksServerOptions, requests: SocksRequest[]): Promise<void> {
  const read = reader(socket);
  const [, count] = await read(2);
  const methods = [...(await read(count ?? 0))];
  if (options.misbehaviour === 'silent') return;
  let username: string | null = null;
  let password: string | null = null;
  if (options.auth !== undefined) {
    if (!methods.includes(2)) return void socket.end(Buffer.from([5, 0xff]));
    socket.write(Buffer.from([5, 2]));
    await read(1);
    username = (await read((await read(1))[0] ?? 0)).toString('utf8');
    password = (await read((await read(1))[0] ?? 0)).toString('utf8');
    const ok = username === options.auth.username && password === options.auth.password;
    socket.write(Buffer.from([1, ok ? 0 : 1]));
    if (!ok) return void socket.end();
  } else {
    socket.write(Buffer.from([5, 0]));
  }
  const [host, port] = await readDestination(read);
  requests.push({ host, port, username, password });
  if (options.misbehaviour === 'refuse') return void socket.end(REPLY(5));
  if (options.misbehaviour === 'general-failure') return void socket.end(REPLY(1));
  const upstream = connect({ host, port, localAddress: options.outboundHost ?? '127.0.0.1' });
  upstream.on('error', () => socket.end(REPLY(5)));
  upstream.once('connect', () => {
    socket.removeAllListeners('data');
    socket.write(REPLY(0));
    socket.pipe(upstream).pipe(socket);
  });
  socket.on('close', () => upstream.destroy());
  upstream.on('close', () => socket.destroy());
}

/** Starts the server on 127.0.0.1 and resolves once it listens. */
export async function startSocksServer(options: SocksServerOptions = {}): Promise<TestSocksServer> {
  const sockets = new Set<Socket>();
  const requests: SocksRequest[] = [];
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => sockets.delete(socket));
    serve(socket, options, requests).catch(() => socket.destroy());
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    port,
    get connections() {
      return connections;
    },
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
