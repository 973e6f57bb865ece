/**
 * The live PolicyFetcher: one HTTPS GET of `/.well-known/mta-sts.txt` from one address of the policy host
 * (RFC 8461 §3.3), recorded as data. The TCP connection goes to the given address while SNI and Host carry the
 * policy host name, so every A and AAAA address can be tested on its own.
 */
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { Client, type Dispatcher, type buildConnector } from 'undici';
import type { PolicyFetch, TlsObservation } from '../core/types.js';
import type { PolicyFetcher } from './types.js';
import { HTTPS_PORT, MAX_POLICY_BYTES, POLICY_FETCH_TIMEOUT_MS, POLICY_PATH } from './limits.js';
import { inspectTls } from './tls-inspect.js';

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

type Phase = 'connect' | 'handshake' | 'headers' | 'body';

/** What one fetch has seen so far; failures are classified by how far it got. */
interface Attempt {
  phase: Phase;
  timedOut: boolean;
  tls: TlsObservation | null;
  connectError: unknown;
  socket: TLSSocket | null;
}

/** Builds the live fetcher. It never throws: refused, reset, TLS failures and timeouts become outcomes. */
export function createPolicyFetcher(options: PolicyFetcherOptions = {}): PolicyFetcher {
  const settings: Settings = {
    port: options.port ?? HTTPS_PORT,
    timeoutMs: options.timeoutMs ?? POLICY_FETCH_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? MAX_POLICY_BYTES,
    ca: options.ca,
  };
  return (host, address) => fetchPolicy(host, address, settings);
}

interface Settings {
  readonly port: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly ca: string | string[] | undefined;
}

async function fetchPolicy(host: string, address: string, settings: Settings): Promise<PolicyFetch> {
  const attempt: Attempt = { phase: 'connect', timedOut: false, tls: null, connectError: null, socket: null };
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
    const connect = connectTo(address, origin.hostname, settings, attempt, controller.signal);
    client = new Client(origin, { connect, headersTimeout: 0, bodyTimeout: 0, pipelining: 1 });
    // undici's request follows no redirect: a 3xx is recorded, never followed (RFC 8461 §3.3).
    const response = await client.request({ method: 'GET', path: POLICY_PATH, signal: controller.signal });
    attempt.phase = 'body';
    return await recordResponse(address, response, attempt, settings.maxBytes);
  } catch (error) {
    return recordFailure(address, attempt.connectError ?? error, attempt, settings.timeoutMs);
  } finally {
    clearTimeout(timer);
    attempt.socket?.destroy();
    await client?.destroy().catch(() => undefined);
  }
}

/**
 * An undici connector that dials `address` but presents `servername` in SNI, verifies nothing, and records what
 * a verifying client would have decided. It also honours the deadline: undici only applies an abort signal once
 * the request is dispatched, so a handshake that never completes would otherwise outlive it.
 */
function connectTo(
  address: string,
  servername: string,
  settings: Settings,
  attempt: Attempt,
  signal: AbortSignal,
): buildConnector.connector {
  return (_options, callback) => {
    const tlsOptions: ConnectionOptions = {
      host: address,
      port: settings.port,
      servername,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
      ...(settings.ca === undefined ? {} : { ca: settings.ca }),
    };
    const socket = tlsConnect(tlsOptions);
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
      settled = true;
      signal.removeEventListener('abort', onAbort);
      attempt.tls = inspectTls(socket, servername);
      attempt.phase = 'headers';
      callback(null, socket);
    });
  };
}

async function recordResponse(
  address: string,
  response: Dispatcher.ResponseData,
  attempt: Attempt,
  maxBytes: number,
): Promise<PolicyFetch> {
  if (attempt.tls === null) throw new Error('response without a TLS handshake');
  const { statusCode, headers } = response;
  // Destroying an unread undici body emits "Request aborted"; we destroy on purpose, so that is no error.
  response.body.on('error', () => undefined);
  let body: string | null = null;
  let truncated = false;
  // Only a 200 is a policy (RFC 8461 §3.3); any other body is never read.
  if (statusCode === 200) {
    const read = await readCapped(response.body, maxBytes);
    // ignoreBOM keeps a byte-order mark in the text, so the core can see it; bad bytes become U+FFFD.
    body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(read.bytes);
    truncated = read.truncated;
  } else {
    response.body.destroy();
  }
  const contentType = headerValue(headers['content-type']);
  const location = headerValue(headers.location);
  return {
    address,
    outcome: 'response',
    tls: attempt.tls,
    statusCode,
    contentType,
    location,
    body,
    truncated,
  };
}

/** Reads at most `maxBytes + 1` bytes, then destroys the stream: a 10 MB body is never buffered. */
async function readCapped(
  stream: AsyncIterable<unknown> & { destroy(): void },
  maxBytes: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    size += buffer.length;
    if (size > maxBytes) {
      stream.destroy();
      return { bytes: Buffer.concat(chunks).subarray(0, maxBytes), truncated: true };
    }
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Classifies by how far the fetch got: before TCP, during the handshake, or after it. */
function recordFailure(address: string, error: unknown, attempt: Attempt, timeoutMs: number): PolicyFetch {
  const detail = errorText(error);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (attempt.timedOut || code === 'ETIMEDOUT') {
    return {
      address,
      outcome: 'timeout',
      error: `no complete response within ${timeoutMs} ms (${attempt.phase})`,
    };
  }
  // A reset during the handshake is a TLS failure: the server took the connection, then refused to talk TLS.
  if (attempt.phase === 'handshake') return { address, outcome: 'tls-failed', error: detail };
  return { address, outcome: 'unreachable', error: detail };
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
