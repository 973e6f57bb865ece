/**
 * The sockets of one SMTP probe: open the TCP connection, upgrade it to TLS after STARTTLS, and close it with
 * QUIT. Each socket is added to the probe's set so the deadline can destroy it; errors become ProbeFailures.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type SecureContext, type TLSSocket } from 'node:tls';
import { SMTP_QUIT_GRACE_MS } from './limits.js';
import { errorText, ProbeFailure } from './smtp-failure.js';
import { connectThroughProxy, type SocksProxy } from './socks.js';
import { sharedSecureContext } from './tls-context.js';
import { skipLegacyCertificate, skipNameCheck } from './tls-inspect.js';

/**
 * The one connect path of every SMTP probe: straight to `address`, or through the SOCKS5 proxy when one is set
 * (issue #10 part 2). The caller has already put `address` past the address guard.
 */
export async function openSocket(
  address: string,
  port: number,
  sockets: Set<Socket>,
  proxy: SocksProxy | null = null,
  timeoutMs = 0,
): Promise<Socket> {
  if (proxy === null) return openTcp(address, port, sockets, 'unreachable');
  const toProxy = await openTcp(proxy.host, proxy.port, sockets, 'proxy-failed', proxy.display);
  return connectThroughProxy(proxy, toProxy, address, port, timeoutMs);
}

/** Connects to `host`; any error or close before the connection is up is a failure of that kind. */
function openTcp(
  host: string,
  port: number,
  sockets: Set<Socket>,
  outcome: 'unreachable' | 'proxy-failed',
  label?: string,
): Promise<Socket> {
  const prefix = label === undefined ? '' : `SOCKS proxy ${label}: `;
  return new Promise((resolve, reject) => {
    // Each command goes out at once, not held by Nagle's algorithm for the ACK of the previous one (issue #9 item 4).
    const socket = netConnect({ host, port, noDelay: true });
    sockets.add(socket);
    // A permanent listener: a late error must never become an uncaught exception.
    socket.on('error', (error) => reject(new ProbeFailure(outcome, `${prefix}${errorText(error)}`)));
    socket.once('close', () => reject(new ProbeFailure(outcome, `${prefix}connection closed`)));
    socket.once('connect', () => resolve(socket));
  });
}

/**
 * Completes the handshake without verifying it, accepting TLS 1.0 and weak parameters so an old server is
 * observed rather than refused: the core flags anything below TLS 1.2 (RFC 8461 §4.2 via RFC 8996). Those
 * settings and the trusted roots live in the prober's shared context ({@link smtpSecureContext}).
 */
export function upgrade(
  plain: Socket,
  host: string,
  secureContext: () => SecureContext,
  sockets: Set<Socket>,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const options: ConnectionOptions = {
      socket: plain,
      rejectUnauthorized: false,
      secureContext: secureContext(),
      checkServerIdentity: skipNameCheck,
      // SNI carries the MX host name (RFC 8461 §4.2); RFC 6066 §3 forbids an IP literal there.
      ...(isIP(host) === 0 ? { servername: host } : {}),
    };
    const secure = tlsConnect(options);
    skipLegacyCertificate(secure);
    sockets.add(secure);
    secure.on('error', (error) => reject(new ProbeFailure('tls-failed', errorText(error))));
    secure.once('close', () =>
      reject(new ProbeFailure('tls-failed', 'connection closed during the handshake')),
    );
    secure.once('secureConnect', () => resolve(secure));
  });
}

/** The one context of a prober's STARTTLS handshakes: TLS 1.0 and up, any cipher, and the trusted roots. */
export function smtpSecureContext(ca: string | string[] | undefined): () => SecureContext {
  return sharedSecureContext({
    minVersion: 'TLSv1',
    ciphers: 'DEFAULT:@SECLEVEL=0',
    ...(ca === undefined ? {} : { ca }),
  });
}

/** Says goodbye politely (RFC 5321 §4.1.1.10), but never waits longer than the grace period or the deadline. */
export function quit(socket: Socket): Promise<void> {
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
