/**
 * Counts the calls that reach Node's own TLSSocket.prototype.getPeerCertificate while `run` runs: the probes answer
 * the one Node makes after each handshake with a stand-in (src/probes/tls-inspect.ts, issue #9 item 4), so only
 * their own reads should arrive.
 */
import { TLSSocket } from 'node:tls';
import { vi } from 'vitest';

export async function legacyCertificateReads<T>(
  run: () => Promise<T>,
): Promise<{ result: T; reads: number }> {
  const legacy = vi.spyOn(TLSSocket.prototype, 'getPeerCertificate');
  try {
    const result = await run();
    return { result, reads: legacy.mock.calls.length };
  } finally {
    legacy.mockRestore();
  }
}
