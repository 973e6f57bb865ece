/**
 * The live probes for runCheck, built from the few settings the CLI and the Action share. Tests and demos pass
 * loopback DNS servers, ports and a test CA through the same options.
 */
import { createDnsClient } from './probes/dns.js';
import { createDnsWireClient } from './probes/dns-wire.js';
import { createPolicyFetcher } from './probes/https.js';
import type { ObserveDeps } from './probes/observe.js';
import { createSmtpProber } from './probes/smtp.js';
import type { SocksProxy } from './probes/socks.js';

/** DNS look-ups get at most this long per try, whatever the probe timeout: a slow resolver is itself a finding. */
const MAX_DNS_TIMEOUT_MS = 5000;

export interface ProbeSettings {
  /** One deadline for each HTTPS fetch and each SMTP probe. */
  readonly timeoutMs: number;
  /** `IP[:PORT]`; empty means the system resolver. */
  readonly dnsServers?: readonly string[];
  /** Extra trusted roots (PEM); production relies on NODE_EXTRA_CA_CERTS. */
  readonly ca?: string;
  readonly httpsPort?: number;
  readonly smtpPort?: number;
  /** Send the port-25 probes through this SOCKS5 proxy (`--smtp-proxy`, input `smtp-proxy`; issue #10). */
  readonly smtpProxy?: SocksProxy;
  readonly now?: () => Date;
}

/** Build the live ObserveDeps. Throws DnsServerFormatError for a bad DNS server. */
export function createObserveDeps(settings: ProbeSettings): ObserveDeps {
  const ca = settings.ca === undefined ? {} : { ca: settings.ca };
  const first = settings.dnsServers?.[0];
  return {
    dns: createDnsClient({
      servers: settings.dnsServers ?? [],
      timeoutMs: Math.min(settings.timeoutMs, MAX_DNS_TIMEOUT_MS),
      tries: 2,
    }),
    fetchPolicy: createPolicyFetcher({
      timeoutMs: settings.timeoutMs,
      ...(settings.httpsPort === undefined ? {} : { port: settings.httpsPort }),
      ...ca,
    }),
    probeSmtp: createSmtpProber({
      timeoutMs: settings.timeoutMs,
      ...(settings.smtpPort === undefined ? {} : { port: settings.smtpPort }),
      ...(settings.smtpProxy === undefined ? {} : { proxy: settings.smtpProxy }),
      ...ca,
    }),
    now: settings.now ?? (() => new Date()),
    // DANE needs the AD bit of a validating resolver, which only a named server can give (issue #7 item 1).
    ...(first === undefined
      ? {}
      : {
          dnsWire: createDnsWireClient({
            server: first,
            timeoutMs: Math.min(settings.timeoutMs, MAX_DNS_TIMEOUT_MS),
          }),
        }),
  };
}
