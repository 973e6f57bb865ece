/**
 * The suite's own test CA and the certificates of every policy host and MX, made with the `openssl` CLI.
 *
 * OpenSSL 3.0's `x509` cannot set arbitrary validity dates, so CA-signed certificates are issued with `openssl ca`,
 * whose `-startdate`/`-enddate` give expired and not-yet-valid certificates without faking the clock. All leaves
 * share one P-256 key: what differs between scenarios is the certificate, never the key.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runOk, type ExecOptions } from './namespace.js';

/** What is wrong with a certificate, if anything. */
export type CertFault = 'valid' | 'expired' | 'not-yet-valid' | 'wrong-name' | 'self-signed' | 'untrusted-ca';

export interface CertRequest {
  readonly fault: CertFault;
  /** DNS names the certificate should be valid for (for `wrong-name`, the names it is *not* valid for). */
  readonly names: readonly string[];
}

export interface IssuedCert {
  readonly certFile: string;
  readonly keyFile: string;
}

const DAY_MS = 86_400_000;

/** openssl `ca` date format, `YYYYMMDDHHMMSSZ`. */
function asn1Time(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

const CA_CONFIG = `[ ca ]
default_ca = e2e
[ e2e ]
database = index.txt
new_certs_dir = issued
serial = serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
email_in_dn = no
[ anything ]
commonName = supplied
[ leaf ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
`;

/** Run `openssl` with a command line written as one string: no argument of ours contains white space. */
function openssl(line: string, options: ExecOptions = {}): Promise<string> {
  return runOk('openssl', line.trim().split(/\s+/), options);
}

export class TestCa {
  private serial = 0x2000;
  private readonly issued = new Map<string, IssuedCert>();
  readonly caFile: string;

  /** Create the trusted test CA, a second CA that nobody trusts, and the shared leaf key and request. */
  static async create(dir: string): Promise<TestCa> {
    if (/\s/.test(dir)) throw new Error(`the certificate directory must not contain white space: ${dir}`);
    await mkdir(join(dir, 'issued'), { recursive: true });
    await writeFile(join(dir, 'index.txt'), '');
    await writeFile(join(dir, 'serial'), '1000\n');
    await writeFile(join(dir, 'ca.cnf'), CA_CONFIG);
    const ca = new TestCa(dir);
    const genkey = (file: string) => openssl(`ecparam -name prime256v1 -genkey -noout -out ${file}`);
    await Promise.all([genkey(ca.caKey), genkey(ca.otherCaKey), genkey(ca.leafKey)]);
    const caExt = '-addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign';
    await Promise.all([
      openssl(
        `req -x509 -new -key ${ca.caKey} -subj /CN=mta-sts-drift-e2e-test-CA -days 365 ${caExt} -out ${ca.caFile}`,
      ),
      openssl(
        `req -x509 -new -key ${ca.otherCaKey} -subj /CN=untrusted-e2e-CA -days 365 ${caExt} -out ${ca.otherCaFile}`,
      ),
      openssl(`req -new -key ${ca.leafKey} -subj /CN=e2e -out ${ca.leafCsr}`),
    ]);
    return ca;
  }

  private constructor(private readonly dir: string) {
    this.caFile = join(dir, 'ca.pem');
  }

  private get caKey(): string {
    return join(this.dir, 'ca.key');
  }
  private get otherCaFile(): string {
    return join(this.dir, 'other-ca.pem');
  }
  private get otherCaKey(): string {
    return join(this.dir, 'other-ca.key');
  }
  private get leafKey(): string {
    return join(this.dir, 'leaf.key');
  }
  private get leafCsr(): string {
    return join(this.dir, 'leaf.csr');
  }

  /**
   * Issue a certificate with the requested fault, once per distinct request. Not safe to call concurrently:
   * `openssl ca` keeps its serial and index in files.
   */
  async issue(req: CertRequest): Promise<IssuedCert> {
    const key = `${req.fault}:${req.names.join(',')}`;
    const cached = this.issued.get(key);
    if (cached) return cached;
    const first = req.names[0];
    if (first === undefined) throw new Error('a certificate needs at least one name');
    // A wrong-name certificate is a valid one for a neighbour: `www.` in front of the first name.
    const names = req.fault === 'wrong-name' ? [`www.${first}`] : [...req.names];
    const cn = names[0] ?? first;
    const san = names.map((n) => `DNS:${n}`).join(',');
    const certFile = join(this.dir, 'issued', `${this.issued.size}-${req.fault}-${cn.replace('*', '_')}.pem`);
    // The [leaf] section of ca.cnf takes its subjectAltName from $SAN.
    const options = { env: { PATH: '/usr/bin:/bin', SAN: san }, cwd: this.dir };
    const now = Date.now();
    switch (req.fault) {
      case 'self-signed':
        await openssl(
          `req -x509 -new -key ${this.leafKey} -subj /CN=${cn} -days 90 -addext subjectAltName=${san} -out ${certFile}`,
        );
        break;
      case 'untrusted-ca':
        await openssl(
          `x509 -req -in ${this.leafCsr} -CA ${this.otherCaFile} -CAkey ${this.otherCaKey} ` +
            `-set_serial ${this.serial++} -days 90 -extfile ca.cnf -extensions leaf -out ${certFile}`,
          options,
        );
        break;
      default: {
        const [start, end] =
          req.fault === 'expired'
            ? [now - 60 * DAY_MS, now - DAY_MS]
            : req.fault === 'not-yet-valid'
              ? [now + 30 * DAY_MS, now + 120 * DAY_MS]
              : [now - 3_600_000, now + 90 * DAY_MS];
        await openssl(
          `ca -batch -config ca.cnf -cert ${this.caFile} -keyfile ${this.caKey} -in ${this.leafCsr} -subj /CN=${cn} ` +
            `-startdate ${asn1Time(start)} -enddate ${asn1Time(end)} -extensions leaf -notext -out ${certFile}`,
          options,
        );
      }
    }
    const issued = { certFile, keyFile: this.leafKey };
    this.issued.set(key, issued);
    return issued;
  }
}
