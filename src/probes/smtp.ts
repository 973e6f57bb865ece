/**
 * The live SmtpProber: connect to one address of an MX host, read the greeting, EHLO, STARTTLS, complete the
 * handshake without verifying it, and record what a verifying sender would have decided (RFC 8461 §4.2).
 * Every wait is bounded by one deadline and every read by a size bound; whatever goes wrong becomes data.
 *
 * The parts: smtp-session (the dialogue and its deadline), smtp-reply (reply parsing and the bounded reader),
 * smtp-socket (TCP, the TLS upgrade, QUIT), smtp-failure (how a probe stops early).
 */
import type { SmtpProber } from './types.js';
import { DEFAULT_EHLO_NAME, SMTP_PORT, SMTP_PROBE_TIMEOUT_MS } from './limits.js';
import { probeStartTls, type SmtpSettings } from './smtp-session.js';
import type { SocksProxy } from './socks.js';
import { smtpSecureContext } from './smtp-socket.js';

export { parseReplyLine, type ReplyLine } from './smtp-reply.js';

/** Options of {@link createSmtpProber}. */
export interface SmtpProberOptions {
  /** TCP port; 25 unless testing. */
  readonly port?: number;
  /** One deadline for the whole probe: connect, greeting, EHLO, STARTTLS and handshake. */
  readonly timeoutMs?: number;
  /** Name sent in EHLO (RFC 5321 §4.1.1.1). */
  readonly ehloName?: string;
  /** Trusted roots (PEM). Undefined means Node's defaults, which include NODE_EXTRA_CA_CERTS. */
  readonly ca?: string | string[];
  /** Send every probe through this SOCKS5 proxy (issue #10 part 2). */
  readonly proxy?: SocksProxy;
}

/** Builds the live prober. It never throws: refused, reset, garbage, TLS failures and timeouts are outcomes. */
export function createSmtpProber(options: SmtpProberOptions = {}): SmtpProber {
  const settings: SmtpSettings = {
    port: options.port ?? SMTP_PORT,
    timeoutMs: options.timeoutMs ?? SMTP_PROBE_TIMEOUT_MS,
    ehloName: options.ehloName ?? DEFAULT_EHLO_NAME,
    secureContext: smtpSecureContext(options.ca),
    proxy: options.proxy ?? null,
  };
  return (host, address) => probeStartTls(host, address, settings);
}
