/**
 * The DANE outcome of one MX host as the profiles read it (RFC 7672 §2, §3), from the per-host verdict of
 * src/core/assess-dane.ts. Pure.
 */
import type { SenderMx } from './types.js';

/** The DANE outcome classes a host rule reads (RFC 7672 §2, §3), from the per-host verdict. */
export type DaneClass =
  /** DANE was not checked for the domain. */
  | 'not-checked'
  /** DANE does not apply: an unsigned answer, or no TLSA records. */
  | 'none'
  /** Usable TLSA records authenticate the server. */
  | 'pass'
  /** A secure TLSA set with no usable record: mandatory TLS without authentication, and the handshake worked. */
  | 'encrypt'
  /** Usable TLSA records and no match, or TLSA and no STARTTLS or a failed handshake. */
  | 'fail'
  /** A bogus or failed MX, address or TLSA lookup (RFC 7672 §2.1.1). */
  | 'defer'
  /** DANE applies and the host could not be probed. */
  | 'unknown';

export function daneClass(mx: SenderMx): DaneClass {
  switch (mx.dane?.verdict) {
    case undefined:
      return 'not-checked';
    case 'no-dane':
      return 'none';
    case 'dane-ok':
      return 'pass';
    case 'tls-required-unauthenticated':
      return 'encrypt';
    case 'dane-fail':
    case 'no-starttls-with-tlsa':
      return 'fail';
    case 'deferred':
      return 'defer';
    case 'unknown':
      return 'unknown';
  }
}

/** The DANE reason of a host, for decisions. */
export const daneWhy = (mx: SenderMx): string => mx.dane?.reason ?? 'DANE was not checked';
