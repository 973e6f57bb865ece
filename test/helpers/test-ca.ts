/**
 * A throwaway certificate authority for loopback tests: a trusted test root, an untrusted "other" root, and leaf
 * certificates with the faults RFC 8461 §4.2 cares about (expired, not yet valid, wrong name, self-signed,
 * unknown issuer, wildcard).
 *
 * Certificates are DER-encoded here (RFC 5280 §4.1) and signed with node:crypto: @peculiar/x509 needs a Reflect
 * metadata polyfill that is not installed, and the OpenSSL 3.0 CLI cannot set arbitrary validity dates without
 * `openssl ca` and its database. ECDSA P-256 keeps it to microseconds; the roots are made once per process.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/** A PEM certificate and its PEM (PKCS #8) private key, ready for `tls.createSecureContext`. */
export interface IssuedCertificate {
  readonly cert: string;
  readonly key: string;
}

/** What to put in a leaf certificate. */
export interface IssueOptions {
  /** DNS names for the SAN extension; the first is also the subject CN. May hold wildcards (`*.example.test`). */
  readonly names: readonly string[];
  /** Default: one hour ago. */
  readonly notBefore?: Date;
  /** Default: thirty days from now. */
  readonly notAfter?: Date;
  /** Sign the certificate with its own key instead of a CA. */
  readonly selfSigned?: boolean;
  /** `test-ca` is the root tests trust; `other-ca` is one they do not. Default `test-ca`. */
  readonly issuer?: 'test-ca' | 'other-ca';
  /**
   * The subject CN. Default: the first name. `null` issues an empty subject, with the names only in the SAN
   * (as Let's Encrypt's short-lived and tlsserver profiles do, RFC 5280 §4.2.1.6).
   */
  readonly commonName?: string | null;
  /**
   * Raw DER time values (tag byte and text) for notBefore/notAfter, to issue a certificate whose validity date is
   * malformed, e.g. `{ notAfter: [0x17, '991399999999Z'] }`. Overrides the Date options.
   */
  readonly rawValidity?: { readonly notBefore?: RawTime; readonly notAfter?: RawTime };
}

/** A DER time as a tag (0x17 UTCTime, 0x18 GeneralizedTime) and its text, written without any checking. */
export type RawTime = readonly [tag: number, text: string];

/** A root certificate authority. */
export interface Authority {
  /** The root certificate in PEM, to pass as the probes' `ca`. */
  readonly certPem: string;
  readonly name: Buffer;
  readonly privateKey: KeyObject;
  readonly keyId: Buffer;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// --- DER (X.690) building blocks: just the types a certificate needs. ---

function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), body]);
}
const sequence = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
const octets = (value: Buffer): Buffer => tlv(0x04, value);
const bits = (value: Buffer, unusedBits = 0): Buffer => tlv(0x03, Buffer.from([unusedBits]), value);
const TRUE = tlv(0x01, Buffer.from([0xff]));

/** A non-negative INTEGER in minimal form (X.690 §8.3.2): no redundant leading zeros, a zero added for the sign. */
function integer(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  const digits = value.subarray(start);
  return tlv(0x02, (digits[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), digits]) : digits);
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime after; always whole seconds, UTC. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

/** A distinguished name; attributes in the order given, each a UTF8String. */
function distinguishedName(attributes: ReadonlyArray<readonly [string, string]>): Buffer {
  const oids: Record<string, string> = { CN: '2.5.4.3', O: '2.5.4.10' };
  return sequence(
    ...attributes.map(([type, value]) =>
      tlv(0x31, sequence(oid(oids[type] ?? type), tlv(0x0c, Buffer.from(value)))),
    ),
  );
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [TRUE] : []), octets(value));
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

interface CertificateFields {
  readonly subject: Buffer;
  readonly issuer: Buffer;
  readonly publicKey: KeyObject;
  readonly signingKey: KeyObject;
  readonly authorityKeyId: Buffer;
  readonly notBefore: Date | RawTime;
  readonly notAfter: Date | RawTime;
  readonly extensions: readonly Buffer[];
}

function validityTime(value: Date | RawTime): Buffer {
  return value instanceof Date ? time(value) : tlv(value[0], Buffer.from(value[1], 'latin1'));
}

function keyIdOf(publicKey: KeyObject): Buffer {
  return createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest();
}

/** Builds and signs a v3 certificate (RFC 5280 §4.1), returned as PEM. */
function certificate(fields: CertificateFields): string {
  const serial = randomBytes(16);
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_WITH_SHA256,
    fields.issuer,
    sequence(validityTime(fields.notBefore), validityTime(fields.notAfter)),
    fields.subject,
    fields.publicKey.export({ type: 'spki', format: 'der' }),
    tlv(
      0xa3,
      sequence(
        ...fields.extensions,
        extension('2.5.29.14', false, octets(keyIdOf(fields.publicKey))),
        extension('2.5.29.35', false, sequence(tlv(0x80, fields.authorityKeyId))),
      ),
    ),
  );
  const der = sequence(tbs, ECDSA_WITH_SHA256, bits(sign('sha256', tbs, fields.signingKey)));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function createAuthority(commonName: string): Authority {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = distinguishedName([
    ['O', 'mta-sts-drift tests'],
    ['CN', commonName],
  ]);
  const keyId = keyIdOf(publicKey);
  const certPem = certificate({
    subject: name,
    issuer: name,
    publicKey,
    signingKey: privateKey,
    authorityKeyId: keyId,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + 365 * DAY_MS),
    extensions: [
      extension('2.5.29.19', true, sequence(TRUE, integer(Buffer.from([0])))),
      // keyCertSign (bit 5) and cRLSign (bit 6): 0b0000011 with one unused bit.
      extension('2.5.29.15', true, bits(Buffer.from([0x06]), 1)),
    ],
  });
  return { certPem, name, privateKey, keyId };
}

/** The root the tests trust: pass `testCa.certPem` as the probes' `ca`. */
export const testCa: Authority = createAuthority('mta-sts-drift test CA');
/** A root nobody trusts, for "signed by an unknown CA". */
export const otherCa: Authority = createAuthority('mta-sts-drift other CA');
/** One key pair for every leaf: the key is not what the tests are about, and it keeps issuing fast. */
const leafKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const leafKeyPem = leafKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Issues a leaf certificate for a TLS server. Synchronous and fast. */
export function issueCertificate(options: IssueOptions): IssuedCertificate {
  const authority = options.issuer === 'other-ca' ? otherCa : testCa;
  const selfSigned = options.selfSigned === true;
  const commonName =
    options.commonName === undefined ? (options.names[0] ?? 'unnamed.test') : options.commonName;
  const subject = distinguishedName(commonName === null ? [] : [['CN', commonName]]);
  const cert = certificate({
    subject,
    issuer: selfSigned ? subject : authority.name,
    publicKey: leafKeys.publicKey,
    signingKey: selfSigned ? leafKeys.privateKey : authority.privateKey,
    authorityKeyId: selfSigned ? keyIdOf(leafKeys.publicKey) : authority.keyId,
    notBefore: options.rawValidity?.notBefore ?? options.notBefore ?? new Date(Date.now() - 60 * 60 * 1000),
    notAfter: options.rawValidity?.notAfter ?? options.notAfter ?? new Date(Date.now() + 30 * DAY_MS),
    extensions: [
      extension('2.5.29.19', true, sequence()),
      // digitalSignature (bit 0) with seven unused bits.
      extension('2.5.29.15', true, bits(Buffer.from([0x80]), 7)),
      extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
      // dNSName is [2] IA5String, implicitly tagged (RFC 5280 §4.2.1.6). With an empty subject the SAN must
      // be critical (RFC 5280 §4.2.1.6).
      extension(
        '2.5.29.17',
        commonName === null,
        sequence(...options.names.map((n) => tlv(0x82, Buffer.from(n)))),
      ),
    ],
  });
  return { cert, key: leafKeyPem };
}

/** Days from now as a Date (negative for the past), for validity windows. */
export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * DAY_MS);
}
