/**
 * The recording half of a policy fetch: a response becomes a PolicyFetch with a size-bounded body, and a failure
 * becomes an outcome chosen by how far the fetch got. Nothing here opens a connection.
 */
import type { Dispatcher } from 'undici';
import type { PolicyFetch } from '../core/types.js';
import type { Attempt } from './https-connect.js';
import { errorText } from './error-text.js';

/**
 * ignoreBOM keeps a byte-order mark in the text, so the core can see it; bad bytes become U+FFFD. One decoder for
 * every fetch: without `stream`, each decode() starts afresh.
 */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Records status, content type, location and (for a 200 only) the body, read up to `maxBytes`. */
export async function recordResponse(
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
    body = UTF8.decode(read.bytes);
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
export async function readCapped(
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

/** One header as text: a repeated header is joined with `, ` (RFC 9110 §5.3), a missing one is null. */
export function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Classifies by how far the fetch got: before TCP, during the handshake, or after it. */
export function recordFailure(
  address: string,
  error: unknown,
  attempt: Readonly<Attempt>,
  timeoutMs: number,
): PolicyFetch {
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
