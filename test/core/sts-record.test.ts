import { describe, expect, it } from 'vitest';
import { parseStsRecord, selectStsRecords, STS_ID_PATTERN } from '../../src/core/sts-record.js';
import { selectTlsRptRecords } from '../../src/core/tlsrpt-record.js';

const codes = (problems: readonly { code: string }[]): string[] => problems.map((p) => p.code);

describe('parseStsRecord (RFC 8461 §3.1)', () => {
  it.each([
    ['minimal', 'v=STSv1; id=20240721T2016', '20240721T2016', {}],
    ['trailing ";"', 'v=STSv1; id=abc123;', 'abc123', {}],
    ['trailing "; " and spaces', 'v=STSv1; id=abc123 ; ', 'abc123', {}],
    ['no space around ";"', 'v=STSv1;id=abc123', 'abc123', {}],
    ['spaces and tabs around ";"', 'v=STSv1 \t;\t id=abc123', 'abc123', {}],
    ['id of 32 characters', `v=STSv1; id=${'a'.repeat(32)}`, 'a'.repeat(32), {}],
    ['id of one digit', 'v=STSv1; id=7', '7', {}],
    [
      'extension field kept apart',
      'v=STSv1; id=abc; ext-1.x_y=Some!Value',
      'abc',
      { 'ext-1.x_y': 'Some!Value' },
    ],
    ['extension before id', 'v=STSv1; foo=bar; id=abc', 'abc', { foo: 'bar' }],
  ])('accepts a record: %s', (_label, text, id, extensions) => {
    const parsed = parseStsRecord(text);
    expect(parsed.errors).toStrictEqual([]);
    expect(parsed.warnings).toStrictEqual([]);
    expect(parsed.value).toStrictEqual({ id, extensions });
  });

  it.each([
    [
      'id of 33 characters',
      `v=STSv1; id=${'a'.repeat(33)}`,
      'sts-id-invalid',
      'is not 1 to 32 letters and digits',
    ],
    ['ISO timestamp id', 'v=STSv1; id=2024-07-21T20:16', 'sts-id-invalid', '"2024-07-21T20:16"'],
    ['id with "-"', 'v=STSv1; id=abc-123', 'sts-id-invalid', '"abc-123"'],
    ['id with "_"', 'v=STSv1; id=abc_123', 'sts-id-invalid', '"abc_123"'],
    ['id with "."', 'v=STSv1; id=1.2', 'sts-id-invalid', '"1.2"'],
    ['empty id', 'v=STSv1; id=', 'sts-id-invalid', '""'],
    ['missing id', 'v=STSv1;', 'sts-id-missing', 'no id field'],
    ['missing id, extension only', 'v=STSv1; foo=bar', 'sts-id-missing', 'no id field'],
    ['"ID=" is not "id=" (case-sensitive)', 'v=STSv1; ID=abc', 'sts-id-missing', 'no id field'],
    ['version not first', 'id=abc; v=STSv1', 'sts-record-invalid', 'must begin with "v=STSv1"'],
    ['version in lower case', 'v=stsv1; id=abc', 'sts-record-invalid', 'must begin with "v=STSv1"'],
    ['leading space', ' v=STSv1; id=abc', 'sts-record-invalid', 'must begin with "v=STSv1"'],
    ['non-ASCII character', 'v=STSv1; id=abcé', 'sts-record-invalid', 'outside printable US-ASCII'],
    ['control character', 'v=STSv1; id=abc\u0000', 'sts-record-invalid', 'outside printable US-ASCII'],
    [
      'field without "="',
      'v=STSv1; id=abc; foo',
      'sts-record-invalid',
      '"foo" is not of the form name=value',
    ],
    ['empty field between ";;"', 'v=STSv1;; id=abc', 'sts-record-invalid', 'not of the form name=value'],
    ['extension value with a space', 'v=STSv1; id=abc; foo=a b', 'sts-record-invalid', 'name=value'],
  ])('rejects a record: %s', (_label, text, code, fragment) => {
    const parsed = parseStsRecord(text);
    expect(parsed.value).toBeNull();
    expect(codes(parsed.errors)).toStrictEqual([code]);
    expect(parsed.errors[0]?.message).toContain(fragment);
  });

  it('warns about a duplicate id and keeps the first', () => {
    const parsed = parseStsRecord('v=STSv1; id=first; id=second');
    expect(parsed.errors).toStrictEqual([]);
    expect(codes(parsed.warnings)).toStrictEqual(['sts-record-duplicate-id']);
    expect(parsed.warnings[0]?.message).toContain('"first"');
    expect(parsed.value?.id).toBe('first');
  });

  it('reports an invalid first id even when a valid one follows', () => {
    const parsed = parseStsRecord('v=STSv1; id=a-b; id=ab');
    expect(codes(parsed.errors)).toStrictEqual(['sts-id-invalid']);
    expect(codes(parsed.warnings)).toStrictEqual(['sts-record-duplicate-id']);
    expect(parsed.value).toBeNull();
  });

  it.each([
    ['a', true],
    ['A1b2', true],
    ['a'.repeat(32), true],
    ['', false],
    ['a'.repeat(33), false],
    ['a:b', false],
  ])('STS_ID_PATTERN on %j is %s', (id, valid) => {
    expect(STS_ID_PATTERN.test(id)).toBe(valid);
  });
});

describe('selectStsRecords', () => {
  it.each([
    ['unrelated records are discarded', ['google-site-verification=x', 'v=STSv1; id=a'], ['v=STSv1; id=a']],
    ['nothing left', ['v=spf1 -all', 'hello'], []],
    ['both STS records kept', ['v=STSv1; id=a', 'v=STSv1; id=b'], ['v=STSv1; id=a', 'v=STSv1; id=b']],
    ['prefix is case-sensitive', ['V=STSv1; id=a'], []],
    ['no records', [], []],
  ])('%s', (_label, txt, selected) => {
    expect(selectStsRecords(txt)).toStrictEqual(selected);
  });
});

describe('record selection (RFC 8461 §3.1 and RFC 8460 §3: records not beginning with the version term are discarded)', () => {
  it.each([
    ['v=STSv1; id=1', true],
    ['v=STSv1;id=1', true],
    ['v=STSv1', true],
    ['v=STSv10; id=1', false],
    ['v=STSv1x; id=1', false],
    ['spf1 v=STSv1; id=1', false],
  ])('selectStsRecords keeps %j: %s', (record, kept) => {
    expect(selectStsRecords([record])).toEqual(kept ? [record] : []);
  });

  it.each([
    ['v=TLSRPTv1; rua=mailto:a@example.com', true],
    ['v=TLSRPTv10; rua=mailto:a@example.com', false],
  ])('selectTlsRptRecords keeps %j: %s', (record, kept) => {
    expect(selectTlsRptRecords([record])).toEqual(kept ? [record] : []);
  });
});

describe('parseStsRecord: positions for lint (issue #11 item 12)', () => {
  it('gives the column where the field starts', () => {
    expect(parseStsRecord('v=STSv1;  id=2024-07-21').errors[0]).toMatchObject({
      code: 'sts-id-invalid',
      line: 1,
      column: 11,
    });
    expect(parseStsRecord('v=STSv1; id=a; x y; id=b').errors[0]).toMatchObject({ column: 16 });
    expect(parseStsRecord('v=STSv1; id=a; id=b').warnings[0]).toMatchObject({ column: 16 });
  });
});
