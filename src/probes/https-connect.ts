/**
 * The connection half of a policy fetch: an undici connector that dials one address, presents the policy host
 * in SNI, completes the handshake without verifying it, and records how far it got for the failure report.
 */
import { connect as tlsConnect, type ConnectionOptions, type SecureContext, type TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';
import type { TlsObservation } from '../core/types.js';
import { inspectTls, skipLegacyCertificate, skipNameCheck } from './tls-inspect.js';

/** How far a fetch got; a failure is classified by it. */
export type Phase = 'connect' | 'handshake' | 'headers' | 'body';

/** What one fetch has seen so far; failures are classified by how far it got. */
export interface Attempt {
  phase: Phase;
  timedOut: boolean;
  tls: TlsObservation | null;
  connectError: unknown;
  socket: TLSSocket | null;
}

/** Where the connector dials and what it trusts. */
export interface ConnectTarget {
  /** The IP address dialled. */
  readonly address: string;
  /** The policy host name, sent in SNI and checked against the certificate. */
  readonly servername: string;
  readonly port: number;
  /** The fetcher's shared context: its trusted roots (Node's defaults unless a `ca` was given). */
  readonly secureContext: () => SecureContext;
}

/** A fresh attempt, before the TCP connection. */
export function startAttempt(): Attempt {
  return { phase: 'connect', timedOut: false, tls: null, connectError: null, socket: null };
}

/**
 * An undici connector that dials `target.address` but presents `target.servername` in SNI, verifies nothing,
 * and records what a verifying client would have decided. It also honours the deadline: undici only applies an
 * abort signal once the request is dispatched, so a handshake that never completes would otherwise outlive it.
 */
export function connectTo(
  target: ConnectTarget,
  attempt: Attempt,
  signal: AbortSignal,
): buildConnector.connector {
  return (_options, callback) => {
    const tlsOptions: ConnectionOptions = {
      host: target.address,
      port: target.port,
      servername: target.servername,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
      secureContext: target.secureContext(),
      // The name is judged by inspectTls, from the certificate it reads anyway; `authorized` then means "chain
      // trusted", which is what inspectTls takes it for.
      checkServerIdentity: skipNameCheck,
    };
    const socket = tlsConnect(tlsOptions);
    skipLegacyCertificate(socket);
    // The request follows the handshake's last flight at once: with Nagle's algorithm it waited for that flight's
    // ACK, which a delayed-ACK peer holds back (issue #9 item 4: much of the idle time of a no-latency run).
    socket.setNoDelay(true);
    attempt.socket = socket;
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      attempt.connectError = error;
      socket.destroy();
      callback(error instanceof Error ? error : new Error(String(error)), null);
    };
    const onAbort = (): void => fail(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => (attempt.phase = 'handshake'));
    // Kept for the socket's whole life so a late error never becomes an uncaught exception.
    socket.on('error', fail);
    socket.once('close', () => fail(new Error('connection closed before the TLS handshake completed')));
    socket.once('secureConnect', () => {
      if (settled) return;
      // inspectTls never throws (issue #11 item 1); should that ever break, an exception in this event handler
      // would end the whole process, so it becomes a failed fetch instead.
      let tls;
      try {
        tls = inspectTls(socket, target.servername, { daneChain: false });
      } catch (error) {
        fail(error);
        return;
      }
      settled = true;
      signal.removeEventListener('abort', onAbort);
      attempt.tls = tls;
      attempt.phase = 'headers';
      callback(null, socket);
    });
  };
}
