/**
 * readDate's fast path (issue #9 item 4): OpenSSL's usual time text parsed exactly, agreeing with the general path
 * (Date.parse of the text, and Node's validFromDate/validToDate) for every form it takes, and declining the rest.
 */
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeCertificate, parseOpenSslTime } from '../../src/probes/certificate-info.js';
import { issueCertificate } from '../helpers/test-ca.js';

describe('parseOpenSslTime', () => {
  const same = [
    'Jan  1 00:00:00 2030 GMT',
    'Feb 28 23:59:59 2031 GMT',
    'Feb 29 12:00:00 2028 GMT',
    'Mar 31 01:02:03 1999 GMT',
    'Apr 30 10:20:30 2049 GMT',
    'May  9 09:09:09 2050 GMT',
    'Jun 15 14:15:16 1950 GMT',
    'Jul  4 04:04:04 9999 GMT',
    'Aug 31 18:00:00 2100 GMT',
    'Sep 30 00:00:01 2026 GMT',
    'Oct 10 10:10:10 2010 GMT',
    'Nov 29 08:00:00 2026 GMT',
    'Dec 31 23:59:59 2099 GMT',
  ];
  it.each(same)('reads %s as Date.parse does', (text) => {
    expect(parseOpenSslTime(text)).toBe(Date.parse(text));
    expect(Number.isFinite(parseOpenSslTime(text))).toBe(true);
  });

  const declined = [
    'Bad time value',
    '',
    'Jan  1 00:00:00.5 2030 GMT',
    'Jan 1 00:00:00 2030 GMT',
    'Jan 01 00:00:00 2030 GMT',
    'Feb 30 00:00:00 2030 GMT',
    'Feb 29 00:00:00 2030 GMT',
    'Jan  1 24:00:00 2030 GMT',
    'Jan  1 23:60:00 2030 GMT',
    'Jan  1 23:59:60 2030 GMT',
    'Jan  1 00:00:00 0050 GMT',
    'Foo  1 00:00:00 2030 GMT',
    'Jan  1 00:00:00 2030 UTC',
    'Jan 32 00:00:00 2030 GMT',
    ' Jan  1 00:00:00 2030 GMT',
  ];
  it.each(declined)('leaves %j to the general path', (text) => {
    expect(parseOpenSslTime(text)).toBeNaN();
  });
});

describe('describeCertificate dates', () => {
  it('gives the same instants as validFromDate and validToDate', () => {
    const notBefore = new Date(Date.UTC(2026, 0, 5, 6, 7, 8));
    const notAfter = new Date(Date.UTC(2030, 11, 31, 23, 59, 59));
    const x509 = new X509Certificate(issueCertificate({ names: ['a.example'], notBefore, notAfter }).cert);
    const { certificate, problems } = describeCertificate(x509);
    expect(problems).toEqual([]);
    expect(certificate.notBefore).toBe(x509.validFromDate.toISOString());
    expect(certificate.notAfter).toBe(x509.validToDate.toISOString());
    expect(certificate.notBefore).toBe('2026-01-05T06:07:08.000Z');
    expect(certificate.notAfter).toBe('2030-12-31T23:59:59.000Z');
  });

  it('still reports a malformed date as null with a problem', () => {
    const x509 = new X509Certificate(
      issueCertificate({ names: ['a.example'], rawValidity: { notAfter: [0x17, '991399999999Z'] } }).cert,
    );
    const { certificate, problems } = describeCertificate(x509);
    expect(certificate.notAfter).toBeNull();
    expect(problems.some((p) => p.startsWith('notAfter:'))).toBe(true);
  });
});
