/**
 * The live PolicyFetcher: one HTTPS GET of `/.well-known/mta-sts.txt` from one address of the policy host
 * (RFC 8461 §3.3), recorded as data. The TCP connection goes to the given address while SNI and Host carry the
 * policy host name, so every A and AAAA address can be tested on its own.
 *
 * The parts: https-connect (dialling and the handshake under the deadline), https-record (the response with its
 * body bound, and the failure classification).
 */
import type { SecureContext } from 'node:tls';
import type { Client } from 'undici';
// undici's Client and request alone, not its index (fetch, WebSocket, cookies): see undici-client.d.ts (issue #9
// item 4).
import request from 'undici/lib/api/api-request.js';
import ClientClass from 'undici/lib/dispatcher/client.js';
import type { PolicyFetch } from '../core/types.js';
import type { PolicyFetcher } from './types.js';
import { HTTPS_PORT, MAX_POLICY_BYTES, POLICY_FETCH_TIMEOUT_MS, POLICY_PATH } from './limits.js';
import { connectTo, startAttempt } from './https-connect.js';
import { recordFailure, recordResponse } from './https-record.js';
import { sharedSecureContext } from './tls-context.js';

/** Options of {@link createPolicyFetcher}. */
export interface PolicyFetcherOptions {
  /** TCP port of the policy host; 443 unless testing. */
  readonly port?: number;
  /** One deadline for the whole fetch: connect, handshake, headers and body. */
  readonly timeoutMs?: number;
  /** Body bytes kept; one more is read to know the body was longer (RFC 8461 §3.3 suggests 64 KiB). */
  readonly maxBytes?: number;
  /** Trusted roots (PEM). Undefined means Node's defaults, which include NODE_EXTRA_CA_CERTS. */
  readonly ca?: string | string[];
}

/** Builds the live fetcher. It never throws: refused, reset, TLS failures and timeouts become outcomes. */
export function createPolicyFetcher(options: PolicyFetcherOptions = {}): PolicyFetcher {
  const settings: Settings = {
    port: options.port ?? HTTPS_PORT,
    timeoutMs: options.timeoutMs ?? POLICY_FETCH_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? MAX_POLICY_BYTES,
    ca: options.ca,
    secureContext: sharedSecureContext(options.ca === undefined ? {} : { ca: options.ca }),
  };
  return (host, address) => fetchPolicy(host, address, settings);
}

/**
 * The reason given to undici when a fetch's client is shut: by then the response is recorded or the fetch failed,
 * so no request is left to receive it. One object for all fetches, because undici otherwise builds a new error
 * with a stack trace for every client it destroys (issue #9 item 4: about 30 µs a fetch).
 */
const FETCH_DONE = new Error('policy fetch finished');

interface Settings {
  readonly port: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly ca: string | string[] | undefined;
  readonly secureContext: () => SecureContext;
}

async function fetchPolicy(host: string, address: string, settings: Settings): Promise<PolicyFetch> {
  const attempt = startAttempt();
  const controller = new AbortController();
  const timer = setTimeout(() => {
    attempt.timedOut = true;
    controller.abort(new Error(`deadline of ${settings.timeoutMs} ms exceeded`));
  }, settings.timeoutMs);
  let client: Client | undefined;
  try {
    // A fresh client per fetch: no connection, session or cache is shared between addresses (RFC 8461 §3.3
    // forbids HTTP caches; each address must be judged on its own handshake).
    const origin = new URL(`https://${host}:${settings.port}`);
    const target = {
      address,
      servername: origin.hostname,
      port: settings.port,
      secureContext: settings.secureContext,
    };
    const connect = connectTo(target, attempt, controller.signal);
    client = new ClientClass(origin, { connect, headersTimeout: 0, bodyTimeout: 0, pipelining: 1 });
    // undici's request follows no redirect: a 3xx is recorded, never followed (RFC 8461 §3.3).
    const response = await request.call(client, {
      method: 'GET',
      path: POLICY_PATH,
      signal: controller.signal,
    });
    attempt.phase = 'body';
    return await recordResponse(address, response, attempt, settings.maxBytes);
  } catch (error) {
    return recordFailure(address, attempt.connectError ?? error, attempt, settings.timeoutMs);
  } finally {
    clearTimeout(timer);
    attempt.socket?.destroy();
    await client?.destroy(FETCH_DONE).catch(() => undefined);
  }
}
