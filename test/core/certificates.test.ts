import { describe, expect, it } from 'vitest';
import { classifyTls, daysUntil, describeTlsFault, type TlsFault } from '../../src/core/certificates.js';
import type { TlsObservation } from '../../src/core/types.js';
import { certificate, daysFromNow, NOW, tls } from '../helpers/observations.js';

const expired = certificate({ notAfter: daysFromNow(-1) });
const notYetValid = certificate({ notBefore: daysFromNow(1) });

describe('classifyTls (RFC 8461 §4.2), faults in the order a sender checks', () => {
  it.each<[string, Partial<TlsObservation>, TlsFault]>([
    ['a healthy handshake', {}, 'ok'],
    ['TLS 1.2', { protocol: 'TLSv1.2' }, 'ok'],
    ['unknown protocol (null)', { protocol: null }, 'ok'],
    ['TLS 1.1', { protocol: 'TLSv1.1' }, 'old-tls'],
    ['TLS 1.0', { protocol: 'TLSv1' }, 'old-tls'],
    ['SSLv3', { protocol: 'SSLv3' }, 'old-tls'],
    [
      'old TLS comes before every certificate fault',
      { protocol: 'TLSv1', certificate: expired, chainTrusted: false, nameMatches: false },
      'old-tls',
    ],
    ['expired by date (pinned clock)', { certificate: expired }, 'cert-expired'],
    ['expired by verifier verdict', { chainTrusted: false, verifyError: 'CERT_HAS_EXPIRED' }, 'cert-expired'],
    [
      'expired comes before untrusted and name mismatch',
      { certificate: expired, chainTrusted: false, nameMatches: false },
      'cert-expired',
    ],
    ['not yet valid by date (pinned clock)', { certificate: notYetValid }, 'cert-not-yet-valid'],
    [
      'not yet valid by verifier verdict',
      { chainTrusted: false, verifyError: 'CERT_NOT_YET_VALID' },
      'cert-not-yet-valid',
    ],
    [
      'not yet valid comes before untrusted',
      { certificate: notYetValid, chainTrusted: false },
      'cert-not-yet-valid',
    ],
    ['self-signed', { chainTrusted: false, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'cert-untrusted'],
    [
      'untrusted comes before name mismatch',
      { chainTrusted: false, verifyError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', nameMatches: false },
      'cert-untrusted',
    ],
    ['name mismatch', { nameMatches: false }, 'name-mismatch'],
    ['no certificate details but trusted and matching', { certificate: null }, 'ok'],
    // issue #11 item 1: an unreadable certificate is a fault of its own, never an exception.
    [
      'an unreadable validity date',
      { certificate: certificate({ notAfter: null }), certificateProblems: ['notAfter: not a valid date'] },
      'cert-malformed',
    ],
    [
      "OpenSSL's verdict on a malformed date field",
      { chainTrusted: false, verifyError: 'ERROR_IN_CERT_NOT_BEFORE_FIELD' },
      'cert-malformed',
    ],
    [
      'malformed comes before expired and untrusted',
      { certificate: expired, chainTrusted: false, certificateProblems: ['issuer: boom'] },
      'cert-malformed',
    ],
    ['old TLS comes before malformed', { protocol: 'TLSv1', certificateProblems: ['x: y'] }, 'old-tls'],
    [
      'null dates without a recorded problem are not judged',
      { certificate: certificate({ notBefore: null, notAfter: null }) },
      'ok',
    ],
    ['an empty certificateProblems list is no fault', { certificateProblems: [] }, 'ok'],
    ['an empty subject judged by its SANs', { certificate: certificate({ subject: '' }) }, 'ok'],
  ])('%s', (_label, overrides, fault) => {
    expect(classifyTls(tls(overrides), NOW)).toBe(fault);
  });

  it('takes the clock as a parameter: the same certificate is fine a day earlier', () => {
    const cert = certificate({ notAfter: '2026-05-31T12:00:00.000Z' });
    expect(classifyTls(tls({ certificate: cert }), NOW)).toBe('cert-expired');
    expect(classifyTls(tls({ certificate: cert }), new Date('2026-05-30T00:00:00Z'))).toBe('ok');
  });
});

describe('daysUntil', () => {
  it.each([
    [daysFromNow(30), 30],
    [daysFromNow(0), 0],
    ['2026-06-01T23:59:59Z', 0],
    ['2026-06-02T00:00:00Z', 1],
    ['2026-05-31T23:00:00Z', -1],
    [daysFromNow(-10), -10],
  ])('%s is %i days away', (notAfter, days) => {
    expect(daysUntil(notAfter, NOW)).toBe(days);
  });
});

describe('describeTlsFault', () => {
  it.each<[TlsFault, Partial<TlsObservation>, string]>([
    ['old-tls', { protocol: 'TLSv1.1' }, 'negotiated TLSv1.1, but RFC 8461 §4.2 requires TLS 1.2 or later'],
    [
      'cert-expired',
      { certificate: certificate({ notAfter: '2026-05-01T00:00:00.000Z' }) },
      'expired on 2026-05-01T00:00:00.000Z',
    ],
    [
      'cert-not-yet-valid',
      { certificate: certificate({ notBefore: '2026-07-01T00:00:00.000Z' }) },
      'not valid before 2026-07-01T00:00:00.000Z',
    ],
    [
      'cert-untrusted',
      { verifyError: 'SELF_SIGNED_CERT_IN_CHAIN' },
      'SELF_SIGNED_CERT_IN_CHAIN; issuer "CN=Test Public CA"',
    ],
    [
      'name-mismatch',
      { certificate: certificate({ dnsNames: ['other.example'] }) },
      'not valid for mx9.example.com (names: ["other.example"])',
    ],
    [
      'cert-malformed',
      { certificateProblems: ['notAfter: not a valid date ("Bad time value")'] },
      'cannot be read, so verifying senders refuse it',
    ],
    ['ok', {}, 'the certificate is valid'],
  ])('%s', (fault, overrides, fragment) => {
    expect(describeTlsFault(fault, tls(overrides), 'mx9.example.com')).toContain(fragment);
  });
});
