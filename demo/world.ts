/**
 * A small loopback "internet" for the demo and the benchmark: one DNS server, one HTTPS server serving every
 * policy host (certificate by SNI), and one SMTP server per MX host, each on its own 127.0.x.y address and all on
 * the same port. Built from the test helpers, with certificates from the generated test CA.
 */
import { startDnsServer, type TestDnsServer, type ZoneEntry } from '../test/helpers/dns-server.js';
import { startHttpsServer, type PolicyRoute, type TestHttpsServer } from '../test/helpers/https-server.js';
import { startSmtpServer, type TestSmtpServer } from '../test/helpers/smtp-server.js';
import { daysFromNow, issueCertificate, testCa, type IssuedCertificate } from '../test/helpers/test-ca.js';

export type CertKind = 'valid' | 'expired' | 'wrong-name' | 'self-signed' | 'expiring';

export interface WorldMx {
  readonly host: string;
  /** `none`: STARTTLS not offered. */
  readonly cert: CertKind | 'none';
}

export interface WorldDomain {
  readonly name: string;
  /** TXT records at `_mta-sts.<name>`; empty for none. */
  readonly sts: readonly string[];
  readonly tlsrpt?: readonly string[];
  readonly mx: readonly { readonly host: string; readonly preference: number }[];
  readonly policy: PolicyRoute;
  readonly policyCert?: CertKind;
}

export interface World {
  readonly dnsServer: string;
  readonly httpsPort: number;
  readonly smtpPort: number;
  readonly caPem: string;
  readonly dns: TestDnsServer;
  readonly https: TestHttpsServer;
  readonly smtp: readonly TestSmtpServer[];
  /** The `check` options that point the engine at this world (DNS server, ports, private addresses allowed). */
  readonly checkArgs: readonly string[];
  /** Replace a domain's policy route (the HTTPS side) and TXT records (the DNS side). */
  update(domain: WorldDomain): void;
  close(): Promise<void>;
}

export function certificateFor(name: string, kind: CertKind): IssuedCertificate {
  switch (kind) {
    case 'valid':
      return issueCertificate({ names: [name], notAfter: daysFromNow(90) });
    case 'expiring':
      return issueCertificate({ names: [name], notAfter: daysFromNow(5) });
    case 'expired':
      return issueCertificate({ names: [name], notBefore: daysFromNow(-90), notAfter: daysFromNow(-2) });
    case 'wrong-name':
      return issueCertificate({ names: [`other.${name}`], notAfter: daysFromNow(90) });
    case 'self-signed':
      return issueCertificate({ names: [name], selfSigned: true, notAfter: daysFromNow(90) });
  }
}

function zoneFor(
  domains: readonly WorldDomain[],
  mxAddress: ReadonlyMap<string, string>,
  policyAddress: string,
): Record<string, ZoneEntry> {
  const records: Record<string, ZoneEntry> = {};
  for (const d of domains) {
    records[d.name] = { MX: d.mx.map((m) => ({ preference: m.preference, exchange: m.host })) };
    if (d.sts.length > 0) records[`_mta-sts.${d.name}`] = { TXT: [...d.sts] };
    if (d.tlsrpt !== undefined) records[`_smtp._tls.${d.name}`] = { TXT: [...d.tlsrpt] };
    records[`mta-sts.${d.name}`] = { A: [policyAddress] };
  }
  for (const [host, address] of mxAddress) records[host] = { A: [address] };
  return records;
}

/** Fixed ports instead of random ones: 53, 443 and 25 make a world the system resolver and the Action can use. */
export interface WorldPorts {
  readonly dns?: number;
  readonly https?: number;
  readonly smtp?: number;
  /**
   * The loopback address of the policy hosts (their A record, and where the HTTPS server listens); default
   * 127.0.0.1. The benchmark's peer, mailauth, always fetches on port 443, so the bench serves 443 on an address
   * of its own.
   */
  readonly httpsAddress?: string;
}

/** Start servers for `domains` and `mxHosts`; `delayMs` is added before every DNS, HTTPS and SMTP reply. */
export async function startWorld(
  domains: readonly WorldDomain[],
  mxHosts: readonly WorldMx[],
  delayMs = 0,
  ports: WorldPorts = {},
): Promise<World> {
  const mxAddress = new Map(
    mxHosts.map((m, i) => [m.host, `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`]),
  );
  const policyAddress = ports.httpsAddress ?? '127.0.0.1';
  const hostConfig = (d: WorldDomain) => ({
    certificate: certificateFor(`mta-sts.${d.name}`, d.policyCert ?? 'valid'),
    route: d.policy,
  });
  const https = await startHttpsServer({
    hosts: Object.fromEntries(domains.map((d) => [`mta-sts.${d.name}`, hostConfig(d)])),
    replyDelayMs: delayMs,
    listenHost: policyAddress,
    ...(ports.https === undefined ? {} : { port: ports.https }),
  });
  const smtp: TestSmtpServer[] = [];
  let smtpPort = ports.smtp ?? 0;
  for (const mx of mxHosts) {
    const server = await startSmtpServer({
      listenHost: mxAddress.get(mx.host) ?? '127.0.0.1',
      port: smtpPort,
      banner: `${mx.host} ESMTP demo`,
      replyDelayMs: delayMs,
      ...(mx.cert === 'none' ? {} : { certificate: certificateFor(mx.host, mx.cert) }),
    });
    smtpPort = server.port;
    smtp.push(server);
  }
  const current = new Map(domains.map((d) => [d.name, d]));
  const dns = await startDnsServer({
    records: zoneFor(domains, mxAddress, policyAddress),
    delayMs,
    ...(ports.dns === undefined ? {} : { port: ports.dns }),
  });
  return {
    dnsServer: dns.server,
    httpsPort: https.port,
    smtpPort,
    caPem: testCa.certPem,
    checkArgs: [
      '--dns-server',
      dns.server,
      '--https-port',
      String(https.port),
      '--smtp-port',
      String(smtpPort),
      '--allow-private-addresses',
    ],
    dns,
    https,
    smtp,
    update(domain) {
      current.set(domain.name, domain);
      https.setHost(`mta-sts.${domain.name}`, hostConfig(domain));
      dns.update({ records: zoneFor([...current.values()], mxAddress, policyAddress) });
    },
    async close() {
      await Promise.all([dns.close(), https.close(), ...smtp.map((s) => s.close())]);
    },
  };
}
