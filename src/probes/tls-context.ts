/**
 * The TLS client context of a prober, built once and shared by all its connections (issue #9 item 4: building
 * one per connection cost about a quarter of a second per thousand handshakes). It holds only the trusted roots,
 * the protocol range and the ciphers; the name (SNI), ALPN and the verification switch stay per connection.
 *
 * Sharing it shares no TLS session: Node keeps no client session cache in a context, and resumes only when a
 * `session` is passed to connect, which the probes never do, so every handshake is a full one and shows its
 * certificate (RFC 8461 §3.3: each address is judged on its own handshake).
 */
import { createSecureContext, type SecureContext, type SecureContextOptions } from 'node:tls';

/** Returns the context for `options`, created at the first call. A creation that throws is retried next time. */
export function sharedSecureContext(options: SecureContextOptions): () => SecureContext {
  let context: SecureContext | undefined;
  return () => (context ??= createSecureContext(options));
}
