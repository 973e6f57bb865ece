/**
 * The sockets of one SMTP probe: open the TCP connection, upgrade it to TLS after STARTTLS, and close it with
 * QUIT. Each socket is added to the probe's set so the deadline can destroy it; errors become ProbeFailures.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { SMTP_QUIT_GRACE_MS } from './limits.js';
import { errorText, ProbeFailure } from './smtp-failure.js';

/** Connects to `address`; any error or close before the connection is up makes the host unreachable. */
export function openSocket(address: string, port: number, sockets: Set<Socket>): Promise<Socket> {
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
export function upgrade(
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
