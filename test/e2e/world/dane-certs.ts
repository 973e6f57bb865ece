/**
 * Keys, certificates and TLSA data of the DANE world (issue #7 item 5): a test CA of its own, one P-256 key and
 * certificate per MX host (so a TLSA record names exactly one host), spare keys for the old and next keys of
 * rollover records, and the TLSA association data (RFC 6698 §2.1) computed with node:crypto from what is served.
 */
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DaneMxSpec, TlsaSpec } from '../dane-scenarios.js';
import { TestCa } from './certs.js';
import { runOk } from './namespace.js';

function openssl(args: string, cwd: string): Promise<string> {
  return runOk('openssl', args.trim().split(/\s+/), { cwd, env: { PATH: '/usr/bin:/bin' } });
}

const digest = (algorithm: string, der: Buffer): string => createHash(algorithm).update(der).digest('hex');

/** The association data of a TLSA record over `der` (RFC 6698 §2.1.3). */
function association(matching: number, der: Buffer): string {
  if (matching === 0) return der.toString('hex');
  if (matching === 1) return digest('sha256', der);
  if (matching === 2) return digest('sha512', der);
  throw new Error(`matching type ${matching} is not made by the world`);
}

export type LeafKind = Exclude<DaneMxSpec['tls'], 'no-starttls'>;

/** The test CA and one key and certificate per MX host (plus an old and a next key for rollover records). */
export class DaneCertificates {
  readonly caFile: string;
  private readonly caKey: string;
  private serial = 0x3000;

  private constructor(private readonly dir: string) {
    this.caFile = join(dir, 'ca.pem');
    this.caKey = join(dir, 'ca.key');
  }

  static async create(dir: string): Promise<DaneCertificates> {
    await mkdir(dir, { recursive: true });
    const certs = new DaneCertificates(dir);
    await openssl(`ecparam -name prime256v1 -genkey -noout -out ${certs.caKey}`, dir);
    await openssl(
      `req -x509 -new -key ${certs.caKey} -subj /CN=mta-sts-drift-dane-e2e-CA -days 365 ` +
        `-addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign -out ${certs.caFile}`,
      dir,
    );
    return certs;
  }

  async key(name: string): Promise<string> {
    const file = join(this.dir, `${name}.key`);
    await openssl(`ecparam -name prime256v1 -genkey -noout -out ${file}`, this.dir);
    return file;
  }

  /**
   * A leaf for `fqdn` with its own key: issued by the test CA (for `www.<fqdn>` when `wrong-name`), or
   * self-signed. An `expired` one comes from the MTA-STS world's CA helper, whose `openssl ca` can backdate
   * (`req -x509` cannot); its issuer is then another CA, which DANE-EE never looks at.
   */
  async leaf(fqdn: string, kind: LeafKind): Promise<{ keyFile: string; certFile: string }> {
    const keyFile = join(this.dir, `${fqdn}.key`);
    const certFile = join(this.dir, `${fqdn}.pem`);
    if (kind === 'expired') {
      this.legacy ??= TestCa.create(join(this.dir, 'backdating-ca'));
      const issued = await (await this.legacy).issue({ fault: 'expired', names: [fqdn] });
      await Promise.all([copyFile(issued.keyFile, keyFile), copyFile(issued.certFile, certFile)]);
      return { keyFile, certFile };
    }
    await this.key(fqdn);
    const issuer = kind === 'self-signed' ? '' : `-CA ${this.caFile} -CAkey ${this.caKey}`;
    const name = kind === 'ca-wrong-name' ? `www.${fqdn}` : fqdn;
    await openssl(
      `req -x509 -new -key ${keyFile} ${issuer} -set_serial ${this.serial++} -subj /CN=${name} -days 90 ` +
        `-addext subjectAltName=DNS:${name} -addext basicConstraints=critical,CA:false ` +
        `-addext extendedKeyUsage=serverAuth -out ${certFile}`,
      this.dir,
    );
    return { keyFile, certFile };
  }

  private legacy: Promise<TestCa> | undefined;
}

/** TLSA RDATA in presentation form for one spec of one host. */
export async function tlsaRdata(
  spec: TlsaSpec,
  host: { leafPem: string; caPem: string; spare: (which: 'old' | 'next') => Promise<string> },
): Promise<string> {
  const [usage = '', selector = '', matching = '', subject = ''] = spec.split(' ');
  let der: Buffer;
  if (subject === 'old' || subject === 'next') {
    if (selector !== '1') throw new Error(`${spec}: an unserved key has no certificate, use selector 1`);
    const pem = await readFile(await host.spare(subject), 'utf8');
    der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  } else {
    const cert = new X509Certificate(subject === 'ca' ? host.caPem : host.leafPem);
    der = selector === '0' ? cert.raw : cert.publicKey.export({ type: 'spki', format: 'der' });
  }
  return `${usage} ${selector} ${matching} ${association(Number(matching), der)}`;
}
