/**
 * A small loopback "internet" for the demo and the benchmark: one DNS server, one HTTPS server serving every
 * policy host (certificate by SNI), and one SMTP server per MX host, each on its own 127.0.x.y address and all on
 * the same port. Built from the test helpers, with certificates from the generated test CA.
 *
 * DANE (issue #7 item 7): domains marked `signed` and MX hosts with `tlsa` are DNSSEC-signed zones, for which the
 * DNS server sets the AD bit as a validating resolver would; the root is then signed too, so the check finds the
 * resolver validating. A world without either keeps an unsigned root, and DANE is skipped as before.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { startDnsServer, type TestDnsServer, type ZoneEntry } from '../test/helpers/dns-server.js';
import { startHttpsServer, type PolicyRoute, type TestHttpsServer } from '../test/helpers/https-server.js';
import { startSmtpServer, type TestSmtpServer } from '../test/helpers/smtp-server.js';
import { daysFromNow, issueCertificate, testCa, type IssuedCertificate } from '../test/helpers/test-ca.js';

export type CertKind = 'valid' | 'expired' | 'wrong-name' | 'self-signed' | 'expiring';

export interface WorldMx {
  readonly host: string;
  /** `none`: STARTTLS not offered. */
  readonly cert: CertKind | 'none';
  /**
   * A `3 1 1` TLSA record at `_25._tcp.<host>`, in a signed zone: `current` names the key served, `stale` a key
   * that is not (a renewal with a new key, the record left behind).
   */
  readonly tlsa?: 'current' | 'stale';
}

export interface WorldDomain {
  readonly name: string;
  /** TXT records at `_mta-sts.<name>`; empty for none. */
  readonly sts: readonly string[];
  readonly tlsrpt?: readonly string[];
  readonly mx: readonly { readonly host: string; readonly preference: number }[];
  readonly policy: PolicyRoute;
  readonly policyCert?: CertKind;
  /** The domain's zone is DNSSEC-signed (its MX answer gets the AD bit). */
  readonly signed?: boolean;
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

/** The SHA-256 of a certificate's SubjectPublicKeyInfo: the data of a `3 1 1` TLSA record (RFC 6698 §2.1). */
function spkiSha256(pem: string): Buffer {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest();
}

/** TLSA records for the MX hosts that have one, from the certificate each serves. */
function tlsaRecords(
  mxHosts: readonly WorldMx[],
  certificates: ReadonlyMap<string, IssuedCertificate>,
): Record<string, ZoneEntry> {
  const records: Record<string, ZoneEntry> = {};
  for (const mx of mxHosts) {
    const served = certificates.get(mx.host);
    if (mx.tlsa === undefined || served === undefined) continue;
    // A stale record: the digest of another name's key, as after a renewal with a new key.
    const data =
      mx.tlsa === 'current' ? spkiSha256(served.cert) : createHash('sha256').update(mx.host).digest();
    records[`_25._tcp.${mx.host}`] = {
      TLSA: [{ usage: 3, selector: 1, matchingType: 1, certificate: data }],
    };
  }
  return records;
}

/** The signed zones: the root, when anything is signed, then each signed domain and each MX host with TLSA. */
function signedZones(domains: Iterable<WorldDomain>, mxHosts: readonly WorldMx[]): string[] {
  const zones = [
    ...[...domains].filter((d) => d.signed === true).map((d) => d.name),
    ...mxHosts.filter((m) => m.tlsa !== undefined).map((m) => m.host),
  ];
  return zones.length === 0 ? [] : ['.', ...zones];
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

/** The loopback address of the `index`-th MX host: 127.0.1.1 to 127.0.1.250, then 127.0.2.1, and so on. */
export function mxHostAddress(index: number): string {
  return `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}

/** Start servers for `domains` and `mxHosts`; `delayMs` is added before every DNS, HTTPS and SMTP reply. */
export async function startWorld(
  domains: readonly WorldDomain[],
  mxHosts: readonly WorldMx[],
  delayMs = 0,
  ports: WorldPorts = {},
): Promise<World> {
  const mxAddress = new Map(mxHosts.map((m, i) => [m.host, mxHostAddress(i)]));
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
  const mxCertificates = new Map<string, IssuedCertificate>();
  let smtpPort = ports.smtp ?? 0;
  for (const mx of mxHosts) {
    const certificate = mx.cert === 'none' ? undefined : certificateFor(mx.host, mx.cert);
    if (certificate !== undefined) mxCertificates.set(mx.host, certificate);
    const server = await startSmtpServer({
      listenHost: mxAddress.get(mx.host) ?? '127.0.0.1',
      port: smtpPort,
      banner: `${mx.host} ESMTP demo`,
      replyDelayMs: delayMs,
      ...(certificate === undefined ? {} : { certificate }),
    });
    smtpPort = server.port;
    smtp.push(server);
  }
  const current = new Map(domains.map((d) => [d.name, d]));
  const tlsa = tlsaRecords(mxHosts, mxCertificates);
  const dns = await startDnsServer({
    records: { ...zoneFor(domains, mxAddress, policyAddress), ...tlsa },
    signed: signedZones(domains, mxHosts),
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
      dns.update({
        records: { ...zoneFor([...current.values()], mxAddress, policyAddress), ...tlsa },
        signed: signedZones(current.values(), mxHosts),
      });
    },
    async close() {
      await Promise.all([dns.close(), https.close(), ...smtp.map((s) => s.close())]);
    },
  };
}
