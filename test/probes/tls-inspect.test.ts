import { createHash, X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { TlsObservation } from '../../src/core/types.js';
import { describeCertificate, parseDnsNames } from '../../src/probes/certificate-info.js';
import { identityOf, inspectTls, matchesName, type InspectOptions } from '../../src/probes/tls-inspect.js';
import { daysFromNow, issueCertificate, testCa, type IssuedCertificate } from '../helpers/test-ca.js';

/** One real loopback handshake with verification off, inspected for `expectedName`. */
async function observe(
  certificate: IssuedCertificate,
  expectedName: string,
  options?: InspectOptions,
): Promise<TlsObservation> {
  const server = createServer(certificate, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<TlsObservation>((resolve, reject) => {
      const socket: TLSSocket = connect({
        host: '127.0.0.1',
        port,
        servername: expectedName,
        rejectUnauthorized: false,
        ca: testCa.certPem,
      });
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        resolve(inspectTls(socket, expectedName, options));
        socket.destroy();
      });
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('parseDnsNames', () => {
  it.each([
    { san: undefined, names: [] },
    { san: '', names: [] },
    { san: 'DNS:mx1.example.test', names: ['mx1.example.test'] },
    { san: 'DNS:a.test, DNS:*.b.test', names: ['a.test', '*.b.test'] },
    { san: 'IP Address:127.0.0.1, DNS:a.test, email:x@a.test', names: ['a.test'] },
    // Node quotes values holding separators; a quoted non-DNS entry must not leak a name.
    { san: 'URI:"https://x.test/, DNS:evil.test", DNS:good.test', names: ['good.test'] },
    { san: 'DNS:"odd, name.test"', names: ['odd, name.test'] },
  ])('$san -> $names', ({ san, names }) => {
    expect(parseDnsNames(san)).toEqual(names);
  });
});

describe('inspectTls', () => {
  it('records a valid certificate as trusted and matching, with its details', async () => {
    const issued = issueCertificate({ names: ['mx1.example.test', 'mx2.example.test'] });
    const seen = await observe(issued, 'mx2.example.test');
    const x509 = new X509Certificate(issued.cert);
    expect(seen).toEqual({
      protocol: 'TLSv1.3',
      chainTrusted: true,
      verifyError: null,
      nameMatches: true,
      certificate: {
        subject: 'mx1.example.test',
        dnsNames: ['mx1.example.test', 'mx2.example.test'],
        issuer: 'O=mta-sts-drift tests, CN=mta-sts-drift test CA',
        notBefore: x509.validFromDate.toISOString(),
        notAfter: x509.validToDate.toISOString(),
        fingerprint256: x509.fingerprint256,
      },
      daneChain: expect.any(Array) as unknown,
    });
    // Issue #7: the chain for DANE, leaf first, with the digest a `3 1 1` record names.
    const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
    expect(seen.daneChain?.[0]?.spki.sha256).toBe(createHash('sha256').update(spki).digest('hex'));
    expect(seen.daneChain?.[0]?.dnsNames).toEqual(['mx1.example.test', 'mx2.example.test']);
    expect(seen.certificate?.notAfter).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  it('flags a name the certificate does not cover, while the chain stays trusted', async () => {
    const seen = await observe(issueCertificate({ names: ['other.example.test'] }), 'mx.example.test');
    expect(seen).toMatchObject({ chainTrusted: true, verifyError: null, nameMatches: false });
  });

  it.each([
    { name: 'mx1.wild.test', matches: true },
    { name: 'wild.test', matches: false },
    { name: 'a.mx1.wild.test', matches: false },
  ])('a *.wild.test certificate matches $name: $matches (RFC 6125 §6.4.3)', async ({ name, matches }) => {
    const seen = await observe(issueCertificate({ names: ['*.wild.test'] }), name);
    expect(seen.nameMatches).toBe(matches);
    expect(seen.certificate?.dnsNames).toEqual(['*.wild.test']);
  });

  it.each([
    { fault: 'expired', code: 'CERT_HAS_EXPIRED', notBefore: daysFromNow(-30), notAfter: daysFromNow(-1) },
    {
      fault: 'not yet valid',
      code: 'CERT_NOT_YET_VALID',
      notBefore: daysFromNow(1),
      notAfter: daysFromNow(30),
    },
  ])('names the $fault certificate fault', async ({ code, notBefore, notAfter }) => {
    const issued = issueCertificate({ names: ['mx.example.test'], notBefore, notAfter });
    const seen = await observe(issued, 'mx.example.test');
    expect(seen).toMatchObject({ chainTrusted: false, verifyError: code, nameMatches: true });
    expect(seen.certificate?.notAfter).toBe(notAfter.toISOString().replace(/\.\d{3}Z$/, '.000Z'));
  });

  it('names a self-signed certificate', async () => {
    const issued = issueCertificate({ names: ['mx.example.test'], selfSigned: true });
    const seen = await observe(issued, 'mx.example.test');
    expect(seen).toMatchObject({ chainTrusted: false, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(seen.certificate?.issuer).toBe('CN=mx.example.test');
  });

  it('keeps the chain verdict when the name is wrong too', async () => {
    const issued = issueCertificate({ names: ['mx.example.test'], selfSigned: true });
    const seen = await observe(issued, 'other.example.test');
    expect(seen).toMatchObject({
      chainTrusted: false,
      verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      nameMatches: false,
    });
  });

  it('names a certificate from an untrusted CA', async () => {
    const issued = issueCertificate({ names: ['mx.example.test'], issuer: 'other-ca' });
    const seen = await observe(issued, 'mx.example.test');
    expect(seen).toMatchObject({ chainTrusted: false, verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(seen.certificate?.issuer).toBe('O=mta-sts-drift tests, CN=mta-sts-drift other CA');
  });
});

describe('inspectTls reads the certificate once (issue #9 item 4)', () => {
  // The leaf is read with getPeerX509Certificate, without the legacy object; the name is still judged as
  // tls.checkServerIdentity judges it, including its fall-back to the subject CN when there is no DNS name.
  it.each([
    { what: 'no DNS name, the CN names the host', names: [], cn: 'mx.example.test', matches: true },
    { what: 'no DNS name, the CN names another host', names: [], cn: 'other.example.test', matches: false },
    { what: 'no DNS name, a wildcard CN', names: [], cn: '*.example.test', matches: true },
    {
      what: 'no DNS name, a CN with escaped characters',
      names: [],
      cn: 'mx,example+test\\"',
      matches: false,
    },
    {
      what: 'a DNS name: the CN is ignored',
      names: ['other.example.test'],
      cn: 'mx.example.test',
      matches: false,
    },
  ])('$what: matches $matches', async ({ names, cn, matches }) => {
    const seen = await observe(issueCertificate({ names, commonName: cn }), 'mx.example.test');
    expect(seen.nameMatches).toBe(matches);
    expect(seen.certificate?.dnsNames).toEqual(names);
  });

  it('leaves out the DANE chain when asked to (the policy host has no TLSA records)', async () => {
    const issued = issueCertificate({ names: ['mx.example.test'] });
    const seen = await observe(issued, 'mx.example.test', { daneChain: false });
    expect(seen).toMatchObject({ chainTrusted: true, nameMatches: true });
    expect(seen).not.toHaveProperty('daneChain');
    expect(seen.certificate?.fingerprint256).toBe(new X509Certificate(issued.cert).fingerprint256);
  });
});

describe('inspectTls never throws (issue #11 item 1)', () => {
  it('judges a certificate with an empty subject (no CN, names only in the SAN) by its SANs', async () => {
    // Let's Encrypt's short-lived and tlsserver profiles issue such certificates.
    const issued = issueCertificate({ names: ['mx.example.test'], commonName: null });
    const seen = await observe(issued, 'mx.example.test');
    expect(seen).toMatchObject({ chainTrusted: true, verifyError: null, nameMatches: true });
    expect(seen.certificate).toMatchObject({ subject: '', dnsNames: ['mx.example.test'] });
    expect(seen.certificateProblems ?? []).toEqual([]);
  });

  it('reports an empty-subject certificate for another name as a name mismatch', async () => {
    const issued = issueCertificate({ names: ['other.example.test'], commonName: null });
    const seen = await observe(issued, 'mx.example.test');
    expect(seen).toMatchObject({ chainTrusted: true, nameMatches: false });
  });

  it.each([
    {
      field: 'notAfter',
      raw: { notAfter: [0x17, '991399999999Z'] as const },
      code: 'ERROR_IN_CERT_NOT_AFTER_FIELD',
    },
    {
      field: 'notBefore',
      raw: { notBefore: [0x17, 'abcdefghijklm'] as const },
      code: 'ERROR_IN_CERT_NOT_BEFORE_FIELD',
    },
  ])('records a malformed $field as a problem, not a RangeError', async ({ field, raw, code }) => {
    const issued = issueCertificate({ names: ['mx.example.test'], rawValidity: raw });
    const seen = await observe(issued, 'mx.example.test');
    expect(seen).toMatchObject({ chainTrusted: false, verifyError: code });
    expect(seen.certificate?.[field as 'notAfter' | 'notBefore']).toBeNull();
    expect(seen.certificateProblems).toEqual([expect.stringContaining(field)]);
    // Issue #7 defect 4: the DANE chain keeps the certificate, with the bad date left empty, so 3 1 1 still matches.
    const spki = new X509Certificate(issued.cert).publicKey.export({ type: 'spki', format: 'der' });
    expect(seen.daneChain?.[0]?.spki.sha256).toBe(createHash('sha256').update(spki).digest('hex'));
    expect(seen.daneChain?.[0]?.[field as 'notAfter' | 'notBefore']).toBeNull();
    expect(seen.daneChain?.[0]?.dnsNames).toEqual(['mx.example.test']);
  });
});

describe('describeCertificate with odd certificate objects (issue #11 item 1)', () => {
  const real = new X509Certificate(issueCertificate({ names: ['mx.example.test'] }).cert);
  /** A stand-in that answers like `real` except for the fields given (a getter that throws stands for a crash). */
  function odd(fields: Record<string, () => unknown>): X509Certificate {
    const base = {
      subject: real.subject,
      subjectAltName: real.subjectAltName,
      issuer: real.issuer,
      validFrom: real.validFrom,
      validTo: real.validTo,
      validFromDate: real.validFromDate,
      validToDate: real.validToDate,
      fingerprint256: real.fingerprint256,
    };
    const object: Record<string, unknown> = {};
    for (const key of Object.keys(base)) {
      Object.defineProperty(object, key, {
        get: fields[key] ?? (() => base[key as keyof typeof base]),
        enumerable: true,
      });
    }
    return object as unknown as X509Certificate;
  }
  const boom = (): never => {
    throw new RangeError('Invalid time value');
  };

  it.each<[string, Record<string, () => unknown>, Record<string, unknown>, string[]]>([
    ['a well-formed certificate', {}, { subject: 'mx.example.test' }, []],
    ['no subject at all (undefined)', { subject: () => undefined }, { subject: '' }, []],
    ['a subject without CN', { subject: () => 'O=Example' }, { subject: 'O=Example' }, []],
    ['no SAN', { subjectAltName: () => undefined }, { dnsNames: [] }, []],
    [
      'an undefined validToDate',
      { validToDate: () => undefined, validTo: () => 'Bad time value' },
      { notAfter: null },
      ['notAfter'],
    ],
    [
      'an Invalid Date notBefore with a readable text form: the text is used',
      { validFromDate: () => new Date(NaN), validFrom: () => 'Jan  2 03:04:05 2026 GMT' },
      { notBefore: '2026-01-02T03:04:05.000Z' },
      [],
    ],
    [
      'a "Bad time value" text with a plausible date (Node built it from uninitialised memory)',
      { validToDate: () => new Date('2031-01-01T00:00:00Z'), validTo: () => 'Bad time value' },
      { notAfter: null },
      ['notAfter'],
    ],
    ['a throwing validTo text', { validTo: boom }, { notAfter: null }, ['notAfter']],
    ['a throwing issuer', { issuer: boom }, { issuer: '' }, ['issuer']],
    ['a throwing subject', { subject: boom }, { subject: '' }, ['subject']],
    ['a throwing SAN', { subjectAltName: boom }, { dnsNames: [] }, ['subjectAltName']],
    ['a throwing fingerprint', { fingerprint256: boom }, { fingerprint256: '' }, ['fingerprint256']],
  ])('%s', (_label, fields, expected, problemFields) => {
    const { certificate, problems } = describeCertificate(odd(fields));
    expect(certificate).toMatchObject(expected);
    expect(problems.map((p) => p.split(':')[0])).toEqual(problemFields);
  });
});

describe('matchesName with odd peer objects (issue #11 item 1)', () => {
  it.each<[string, object, boolean]>([
    ['SAN only, empty subject', { subject: {}, subjectaltname: 'DNS:mx.example.test' }, true],
    ['SAN only, no subject object', { subjectaltname: 'DNS:mx.example.test' }, true],
    ['SAN for another name', { subject: {}, subjectaltname: 'DNS:other.example.test' }, false],
    ['nothing at all', {}, false],
    ['CN only (RFC 6125 §6.4.4 fallback)', { subject: { CN: 'mx.example.test' } }, true],
  ])('%s: %s', (_label, peer, expected) => {
    expect(matchesName('mx.example.test', peer as never)).toBe(expected);
  });
});

describe('identityOf (issue #9 item 4)', () => {
  it.each([
    { cn: 'mx.example.test', subject: { CN: 'mx.example.test' } },
    { cn: 'a,b+c\\d"e<f>g;h=i', subject: { CN: 'a,b+c\\d"e<f>g;h=i' } },
    { cn: ' padded ', subject: { CN: ' padded ' } },
    { cn: '#hash', subject: { CN: '#hash' } },
    { cn: 'tab\there', subject: { CN: 'tab\there' } },
    { cn: 'ünïcode.example', subject: { CN: 'ünïcode.example' } },
    { cn: null, subject: {} },
  ])('reads the subject $cn as the legacy peer object has it', ({ cn, subject }) => {
    const x509 = new X509Certificate(issueCertificate({ names: ['mx.example.test'], commonName: cn }).cert);
    expect(identityOf(x509)).toEqual({ subject, subjectaltname: 'DNS:mx.example.test' });
  });
});
