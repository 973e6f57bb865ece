import { describe, expect, it } from 'vitest';
import { nearTlsRptRecords, parseTlsRptRecord, selectTlsRptRecords } from '../../src/core/tlsrpt-record.js';

const codes = (problems: readonly { code: string }[]): string[] => problems.map((p) => p.code);

describe('parseTlsRptRecord (RFC 8460 §3)', () => {
  it.each([
    ['mailto', 'v=TLSRPTv1; rua=mailto:tlsrpt@example.com', ['mailto:tlsrpt@example.com']],
    ['https', 'v=TLSRPTv1; rua=https://reports.example.com/tlsrpt', ['https://reports.example.com/tlsrpt']],
    [
      'several URIs, spaces around commas',
      'v=TLSRPTv1; rua=mailto:a@example.com , https://r.example.net/v1 ,mailto:b@example.org',
      ['mailto:a@example.com', 'https://r.example.net/v1', 'mailto:b@example.org'],
    ],
    [
      'no space after ";" and a trailing ";"',
      'v=TLSRPTv1;rua=mailto:a@example.com;',
      ['mailto:a@example.com'],
    ],
    ['unknown field ignored', 'v=TLSRPTv1; foo=bar; rua=mailto:a@example.com', ['mailto:a@example.com']],
    ['percent-encoded "!"', 'v=TLSRPTv1; rua=mailto:a%21b@example.com', ['mailto:a%21b@example.com']],
  ])('accepts %s', (_label, text, rua) => {
    const parsed = parseTlsRptRecord(text);
    expect(parsed.errors).toStrictEqual([]);
    expect(parsed.warnings).toStrictEqual([]);
    expect(parsed.value).toStrictEqual({ rua });
  });

  it.each([
    [
      'http: URI',
      'v=TLSRPTv1; rua=http://reports.example.com/',
      'tlsrpt-rua-invalid',
      '"http://reports.example.com/"',
    ],
    [
      'ftp: URI',
      'v=TLSRPTv1; rua=ftp://reports.example.com/',
      'tlsrpt-rua-invalid',
      'not a mailto: address or an https: URL',
    ],
    ['mailto without "@"', 'v=TLSRPTv1; rua=mailto:tlsrpt', 'tlsrpt-rua-invalid', '"mailto:tlsrpt"'],
    ['bare address', 'v=TLSRPTv1; rua=tlsrpt@example.com', 'tlsrpt-rua-invalid', '"tlsrpt@example.com"'],
    ['https without host', 'v=TLSRPTv1; rua=https:///path', 'tlsrpt-rua-invalid', '"https:///path"'],
    [
      'unencoded "!" in a URI',
      'v=TLSRPTv1; rua=mailto:a!b@example.com',
      'tlsrpt-rua-invalid',
      '"mailto:a!b@example.com"',
    ],
    ['missing rua', 'v=TLSRPTv1; foo=bar', 'tlsrpt-rua-missing', 'no rua field'],
    ['version only', 'v=TLSRPTv1', 'tlsrpt-rua-missing', 'no rua field'],
    ['empty rua', 'v=TLSRPTv1; rua=', 'tlsrpt-rua-missing', 'The rua field is empty.'],
    ['"RUA=" is not "rua="', 'v=TLSRPTv1; RUA=mailto:a@example.com', 'tlsrpt-rua-missing', 'no rua field'],
    [
      'not starting with v=TLSRPTv1',
      'rua=mailto:a@example.com; v=TLSRPTv1',
      'tlsrpt-record-invalid',
      'must begin with "v=TLSRPTv1"',
    ],
    [
      'wrong version',
      'v=TLSRPTv2; rua=mailto:a@example.com',
      'tlsrpt-record-invalid',
      'must begin with "v=TLSRPTv1"',
    ],
    [
      'field without "="',
      'v=TLSRPTv1; rua=mailto:a@example.com; junk',
      'tlsrpt-record-invalid',
      '"junk" is not of the form name=value',
    ],
  ])('rejects %s', (_label, text, code, fragment) => {
    const parsed = parseTlsRptRecord(text);
    expect(parsed.value).toBeNull();
    expect(codes(parsed.errors)).toStrictEqual([code]);
    expect(parsed.errors[0]?.message).toContain(fragment);
  });

  it('warns about a second rua field and keeps the first', () => {
    const parsed = parseTlsRptRecord('v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com');
    expect(parsed.errors).toStrictEqual([]);
    expect(codes(parsed.warnings)).toStrictEqual(['tlsrpt-duplicate-rua']);
    expect(parsed.value).toStrictEqual({ rua: ['mailto:a@example.com'] });
  });

  it('reports each invalid URI of a list', () => {
    const parsed = parseTlsRptRecord('v=TLSRPTv1; rua=http://a.example/, mailto:ok@example.com, mailto:bad');
    expect(codes(parsed.errors)).toStrictEqual(['tlsrpt-rua-invalid', 'tlsrpt-rua-invalid']);
  });
});

describe('selectTlsRptRecords', () => {
  it.each([
    [
      'unrelated records are discarded',
      ['v=spf1 -all', 'v=TLSRPTv1; rua=mailto:a@b.example'],
      ['v=TLSRPTv1; rua=mailto:a@b.example'],
    ],
    ['none left', ['hello'], []],
    [
      'a bare "v=TLSRPTv1" is discarded, not a second record (RFC 8460 §3)',
      ['v=TLSRPTv1', 'v=TLSRPTv1; rua=mailto:a@b.example'],
      ['v=TLSRPTv1; rua=mailto:a@b.example'],
    ],
    [
      'space before the semicolon: discarded',
      ['v=TLSRPTv1 ; rua=mailto:a@b.example', 'v=TLSRPTv1\t;rua=mailto:a@b.example'],
      [],
    ],
    ['another version or case: discarded', ['v=TLSRPTv10; rua=mailto:a@b.example', 'V=TLSRPTv1;rua=x'], []],
    [
      'no space after the semicolon: kept',
      ['v=TLSRPTv1;rua=mailto:a@b.example'],
      ['v=TLSRPTv1;rua=mailto:a@b.example'],
    ],
    [
      'two kept',
      ['v=TLSRPTv1; rua=mailto:a@b.example', 'v=TLSRPTv1; rua=mailto:c@b.example'],
      ['v=TLSRPTv1; rua=mailto:a@b.example', 'v=TLSRPTv1; rua=mailto:c@b.example'],
    ],
  ])('%s', (_label, txt, selected) => {
    expect(selectTlsRptRecords(txt)).toStrictEqual(selected);
  });
});

describe('nearTlsRptRecords', () => {
  it('lists discarded records meant as TLS-RPT, for the hint', () => {
    expect(
      nearTlsRptRecords(['v=TLSRPTv1', 'v=TLSRPTv1; rua=mailto:a@b.example', 'v=spf1 -all', 'V=TLSRPTV1 ;x']),
    ).toStrictEqual(['v=TLSRPTv1', 'V=TLSRPTV1 ;x']);
  });
});

describe('parseTlsRptRecord: positions for lint (issue #11 item 12)', () => {
  it('gives the column where the field starts', () => {
    expect(parseTlsRptRecord('v=TLSRPTv1; rua=http://r.example.com/').errors[0]).toMatchObject({
      code: 'tlsrpt-rua-invalid',
      line: 1,
      column: 13,
    });
  });
});

describe('parseTlsRptRecord on hostile input (issue #11 item 8)', () => {
  // A long run of blanks with no separator after it made the old split regular expression backtrack from every
  // position: a 64 KiB record took about 10 s. The short timeout is the assertion that splitting is linear.
  const blanks = ' '.repeat(256 * 1024);
  it('splits a record with 256 Ki blanks before no ";" in linear time', { timeout: 3_000 }, () => {
    const outcome = parseTlsRptRecord(`v=TLSRPTv1; rua=mailto:a@example.com; ext=1${blanks}x`);
    expect(outcome.value?.rua).toEqual(['mailto:a@example.com']);
  });
  it('splits a rua list with 256 Ki blanks before no "," in linear time', { timeout: 3_000 }, () => {
    const outcome = parseTlsRptRecord(`v=TLSRPTv1; rua=mailto:a@example.com, mailto:b@example.com${blanks}x`);
    expect(codes(outcome.errors)).toEqual(['tlsrpt-rua-invalid']);
  });
});
