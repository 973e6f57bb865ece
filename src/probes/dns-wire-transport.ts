/**
 * The two transports of a DNS query (issue #7 item 1): UDP, and TCP with two-byte framing (RFC 1035 §4.2). Each
 * exchange accepts only a reply from the server asked that `accept` recognises as the answer to its query
 * (RFC 5452 §9.1), stops at the caller's deadline, and refuses a reply over the size bound. Never throws.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import dnsPacket, { type DecodedPacket } from 'dns-packet';

/** A pseudo-rcode for a query that got no usable reply. */
export type WireFailure = 'TIMEOUT' | 'NETWORK-ERROR' | 'TOO-LARGE';

export type Exchange =
  | { readonly kind: 'reply'; readonly packet: DecodedPacket; readonly transport: 'udp' | 'tcp' }
  | { readonly kind: 'failure'; readonly rcode: WireFailure; readonly reason: string };

/** Where to send, and the largest reply accepted. */
export interface Exchanger {
  readonly host: string;
  readonly port: number;
  readonly maxBytes: number;
}

function decodeOrNull(message: Buffer): DecodedPacket | null {
  try {
    return dnsPacket.decode(message);
  } catch {
    return null; // not DNS: ignore it, as a forged or garbled datagram
  }
}

/**
 * What both transports share: settle once, close the socket, and give up at the deadline. Returns `finish`.
 */
function settleOnce(
  resolve: (result: Exchange) => void,
  close: () => void,
  deadline: number,
  timeoutReason: string,
): (result: Exchange) => void {
  let done = false;
  const finish = (result: Exchange): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    close();
    resolve(result);
  };
  const timer = setTimeout(
    () => finish({ kind: 'failure', rcode: 'TIMEOUT', reason: timeoutReason }),
    Math.max(0, deadline - Date.now()),
  );
  return finish;
}

function tooLarge(bytes: number, to: Exchanger): Exchange {
  return {
    kind: 'failure',
    rcode: 'TOO-LARGE',
    reason: `a reply of ${bytes} bytes, over the ${to.maxBytes}-byte bound`,
  };
}

/** One UDP exchange; replies from elsewhere, or for another query, are ignored until the deadline. */
export function exchangeUdp(
  to: Exchanger,
  message: Buffer,
  accept: (p: DecodedPacket) => boolean,
  deadline: number,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = createSocket(to.host.includes(':') ? 'udp6' : 'udp4');
    const finish = settleOnce(resolve, () => socket.close(), deadline, 'no answer before the deadline');
    socket.on('error', (error) => finish({ kind: 'failure', rcode: 'NETWORK-ERROR', reason: error.message }));
    socket.on('message', (reply, peer) => {
      if (peer.address !== to.host || peer.port !== to.port) return;
      if (reply.length > to.maxBytes) {
        finish(tooLarge(reply.length, to));
        return;
      }
      const packet = decodeOrNull(reply);
      if (packet !== null && accept(packet)) finish({ kind: 'reply', packet, transport: 'udp' });
    });
    socket.send(message, to.port, to.host);
  });
}

/** One TCP exchange with two-byte length framing (RFC 1035 §4.2.2); other messages on the stream are skipped. */
export function exchangeTcp(
  to: Exchanger,
  message: Buffer,
  accept: (p: DecodedPacket) => boolean,
  deadline: number,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect({ host: to.host, port: to.port });
    let pending = Buffer.alloc(0);
    const finish = settleOnce(
      resolve,
      () => socket.destroy(),
      deadline,
      'no answer over TCP before the deadline',
    );
    socket.on('error', (error) => finish({ kind: 'failure', rcode: 'NETWORK-ERROR', reason: error.message }));
    socket.on('close', () =>
      finish({ kind: 'failure', rcode: 'NETWORK-ERROR', reason: 'the server closed TCP before answering' }),
    );
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0);
        if (length > to.maxBytes) {
          finish(tooLarge(length, to));
          return;
        }
        if (pending.length < 2 + length) return;
        const packet = decodeOrNull(pending.subarray(2, 2 + length));
        pending = pending.subarray(2 + length);
        if (packet !== null && accept(packet)) {
          finish({ kind: 'reply', packet, transport: 'tcp' });
          return;
        }
      }
    });
    const frame = Buffer.alloc(2);
    frame.writeUInt16BE(message.length);
    socket.write(Buffer.concat([frame, message]));
  });
}
