/**
 * Shared material for the DANE core tests: real certificates from the test CA and TLSA records computed from
 * them with node:crypto, independently of the code under test.
 */
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import type { TlsaObservation, TlsaParse } from '../../src/core/dane.js';
import { describeDaneChain } from '../../src/probes/dane-chain.js';
import { daysFromNow, issueCertificate, testCa } from '../helpers/test-ca.js';

export const NOW = new Date();

/** The TLSA record `usage selector matchingType` for a PEM certificate, computed here with node:crypto. */
export function tlsaFor(pem: string, usage: number, selector: number, matchingType: number): TlsaParse {
  const x509 = new X509Certificate(pem);
  const bytes = selector === 0 ? x509.raw : x509.publicKey.export({ type: 'spki', format: 'der' });
  const data =
    matchingType === 0
      ? bytes.toString('hex')
      : createHash(matchingType === 1 ? 'sha256' : 'sha512')
          .update(bytes)
          .digest('hex');
  return { ok: true, record: { usage, selector, matchingType, data } };
}

/** A DANE-EE 3 1 1 record for a key that is not deployed: the "next" key of a rollover. */
export function nextKeyTlsa(): TlsaParse {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    ok: true,
    record: { usage: 3, selector: 1, matchingType: 1, data: createHash('sha256').update(spki).digest('hex') },
  };
}

export const MX = 'mx1.example.test';
export const leafPem = issueCertificate({ names: [MX] }).cert;
/** The chain a server sends: leaf, then the CA certificate (RFC 7672 §3.1.2 asks for the anchor to be included). */
export const chain = describeDaneChain([leafPem, testCa.certPem]);
export const leafOnly = describeDaneChain([leafPem]);
export const wrongNamePem = issueCertificate({ names: ['other.example.test'] }).cert;
export const expiredPem = issueCertificate({
  names: [MX],
  notBefore: daysFromNow(-60),
  notAfter: daysFromNow(-1),
}).cert;
export const soonPem = issueCertificate({ names: [MX], notAfter: daysFromNow(5) }).cert;

/** A secure TLSA observation for MX holding `records`. */
export function secureTlsa(
  records: readonly TlsaParse[],
  overrides: Partial<TlsaObservation> = {},
): TlsaObservation {
  return {
    mxHost: MX,
    queryName: `_25._tcp.${MX}`,
    baseDomain: MX,
    security: 'secure',
    rcode: records.length > 0 ? 'NOERROR' : 'NXDOMAIN',
    records,
    signatureExpirations: [],
    reason: null,
    ...overrides,
  };
}
