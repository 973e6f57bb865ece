/**
 * The I/O edge: small interfaces with one live implementation each. Tests pass real loopback servers (or small
 * fakes) through the same door.
 */
import type { Lookup, MxRecord, PolicyFetch, SmtpProbe } from '../core/types.js';

/** DNS look-ups. NXDOMAIN/NODATA become `absent`; SERVFAIL, REFUSED and timeouts become `unknown`. */
export interface DnsClient {
  /** TXT records at `name`, each record's character-strings joined without separators (RFC 8461 §3.1). */
  txt(name: string): Promise<Lookup<string[]>>;
  /** MX records at `name`; a null MX (RFC 7505) is returned as `{ exchange: '', preference: 0 }`. */
  mx(name: string): Promise<Lookup<MxRecord[]>>;
  /** A and AAAA addresses of `name` together. */
  addresses(name: string): Promise<Lookup<string[]>>;
}

/** GET the MTA-STS policy of `host` from one of its addresses. Never throws: failures are data. */
export type PolicyFetcher = (host: string, address: string) => Promise<PolicyFetch>;

/** Probe STARTTLS on one address of an MX host. Never throws: failures are data. */
export type SmtpProber = (host: string, address: string) => Promise<SmtpProbe>;
