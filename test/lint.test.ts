import { describe, expect, it } from 'vitest';
import { lintPolicy, lintStsRecords, lintTlsRptRecords, renderLint } from '../src/lint.js';

const codes = (problems: readonly { code: string }[]): string[] => problems.map((p) => p.code);
const POLICY =
  'version: STSv1\nmode: enforce\nmax_age: 604800\nmx: mx1.example.com\nmx: *.backup.example.com\n';

describe('lintPolicy', () => {
  it.each<[string, string[], { host: string; matched: boolean; pattern: string | null }[], string[]]>([
    ['no --mx hosts', [], [], []],
    [
      'exact and wildcard matches',
      ['mx1.example.com', 'b1.backup.example.com'],
      [
        { host: 'mx1.example.com', matched: true, pattern: 'mx1.example.com' },
        { host: 'b1.backup.example.com', matched: true, pattern: '*.backup.example.com' },
      ],
      [],
    ],
    [
      'host normalised before matching',
      ['MX1.Example.COM.'],
      [{ host: 'mx1.example.com', matched: true, pattern: 'mx1.example.com' }],
      [],
    ],
    [
      'a host not covered',
      ['mx1.example.com', 'mx2.example.com'],
      [
        { host: 'mx1.example.com', matched: true, pattern: 'mx1.example.com' },
        { host: 'mx2.example.com', matched: false, pattern: null },
      ],
      ['mx-not-covered'],
    ],
    [
      'the wildcard covers one label only',
      ['a.b.backup.example.com', 'backup.example.com'],
      [
        { host: 'a.b.backup.example.com', matched: false, pattern: null },
        { host: 'backup.example.com', matched: false, pattern: null },
      ],
      ['mx-not-covered', 'mx-not-covered'],
    ],
  ])('%s', (_label, hosts, mx, errors) => {
    const lint = lintPolicy(POLICY, hosts);
    expect(lint.valid).toBe(errors.length === 0);
    expect(codes(lint.errors)).toStrictEqual(errors);
    expect(lint.mx).toStrictEqual(mx);
    expect(lint.policy).toStrictEqual({
      version: 'STSv1',
      mode: 'enforce',
      maxAge: 604800,
      mx: ['mx1.example.com', '*.backup.example.com'],
    });
  });

  it('names the uncovered host and the patterns', () => {
    const lint = lintPolicy(POLICY, ['mx2.example.com']);
    expect(lint.errors[0]?.message).toBe(
      'MX host mx2.example.com matches no mx pattern (mx1.example.com, *.backup.example.com); enforcing senders would refuse it.',
    );
  });

  it('a mode none policy covers nothing and needs to cover nothing', () => {
    const lint = lintPolicy('version: STSv1\nmode: none\nmax_age: 86400\n', ['mx1.example.com']);
    expect(lint.valid).toBe(true);
    expect(lint.mx).toStrictEqual([{ host: 'mx1.example.com', matched: false, pattern: null }]);
  });

  it('an invalid policy has no policy, no mx results', () => {
    const lint = lintPolicy('version: STSv1\nmode: report\nmax_age: 604800\nmx: mx1.example.com\n', [
      'mx1.example.com',
    ]);
    expect(lint.valid).toBe(false);
    expect(codes(lint.errors)).toStrictEqual(['policy-mode-invalid']);
    expect(lint.policy).toBeUndefined();
    expect(lint.mx).toBeUndefined();
  });

  it('passes warnings and notices through without failing', () => {
    const lint = lintPolicy(
      'version: STSv1\nmode: enforce\nmax_age: 600\nmx: mx1.example.com\nfoo: bar\n',
      [],
    );
    expect(lint.valid).toBe(true);
    expect(codes(lint.warnings)).toStrictEqual(['policy-max-age-short']);
    expect(codes(lint.notices)).toStrictEqual(['policy-unknown-key']);
  });
});

describe('lintStsRecords', () => {
  it.each<[string, string[], boolean, string[], string[], string | undefined]>([
    ['no records', [], false, ['sts-record-missing'], [], undefined],
    ['one valid record', ['v=STSv1; id=20260601'], true, [], [], '20260601'],
    ['one record with an invalid id', ['v=STSv1; id=2026-06-01'], false, ['sts-id-invalid'], [], undefined],
    ['two records', ['v=STSv1; id=a', 'v=STSv1; id=b'], false, ['sts-record-multiple'], [], undefined],
    [
      'an unrelated record is ignored, with a notice',
      ['v=spf1 -all', 'v=STSv1; id=abc'],
      true,
      [],
      ['sts-record-ignored'],
      'abc',
    ],
    ['only unrelated records', ['hello'], false, ['sts-record-missing'], ['sts-record-ignored'], undefined],
  ])('%s', (_label, records, valid, errors, notices, id) => {
    const lint = lintStsRecords(records);
    expect(lint.valid).toBe(valid);
    expect(codes(lint.errors)).toStrictEqual(errors);
    expect(codes(lint.notices)).toStrictEqual(notices);
    expect(lint.id).toBe(id);
  });

  it('says how many records were ignored and how many matched', () => {
    const lint = lintStsRecords(['a', 'b', 'v=STSv1; id=x', 'v=STSv1; id=y', 'v=STSv1; id=z']);
    expect(lint.notices[0]?.message).toBe('2 record(s) not beginning with "v=STSv1" are ignored by senders.');
    expect(lint.errors[0]?.message).toBe('3 records begin with "v=STSv1"; senders ignore them all.');
  });

  it('a duplicate id is a warning only', () => {
    const lint = lintStsRecords(['v=STSv1; id=a; id=b']);
    expect(lint.valid).toBe(true);
    expect(codes(lint.warnings)).toStrictEqual(['sts-record-duplicate-id']);
    expect(lint.id).toBe('a');
  });
});

describe('lintTlsRptRecords', () => {
  it.each<[string, string[], boolean, string[], readonly string[] | undefined]>([
    ['no records', [], false, ['tlsrpt-missing'], undefined],
    ['one mailto record', ['v=TLSRPTv1; rua=mailto:r@example.com'], true, [], ['mailto:r@example.com']],
    [
      'two URIs',
      ['v=TLSRPTv1; rua=mailto:r@example.com, https://r.example.com/x'],
      true,
      [],
      ['mailto:r@example.com', 'https://r.example.com/x'],
    ],
    [
      'unrelated record ignored',
      ['v=spf1 -all', 'v=TLSRPTv1; rua=mailto:r@example.com'],
      true,
      [],
      ['mailto:r@example.com'],
    ],
    [
      'two records',
      ['v=TLSRPTv1; rua=mailto:a@example.com', 'v=TLSRPTv1; rua=mailto:b@example.com'],
      false,
      ['tlsrpt-multiple'],
      undefined,
    ],
    ['http: URI', ['v=TLSRPTv1; rua=http://r.example.com/'], false, ['tlsrpt-rua-invalid'], undefined],
    ['no rua', ['v=TLSRPTv1;'], false, ['tlsrpt-rua-missing'], undefined],
    [
      'a bare "v=TLSRPTv1" is discarded (RFC 8460 §3), not a second record',
      ['v=TLSRPTv1', 'v=TLSRPTv1; rua=mailto:r@example.com'],
      true,
      [],
      ['mailto:r@example.com'],
    ],
  ])('%s', (_label, records, valid, errors, rua) => {
    const lint = lintTlsRptRecords(records);
    expect(lint.valid).toBe(valid);
    expect(codes(lint.errors)).toStrictEqual(errors);
    expect(lint.rua).toStrictEqual(rua);
  });
});

describe('renderLint', () => {
  it('renders the verdict, each problem and the parsed values', () => {
    const text = renderLint('policy', lintPolicy(POLICY, ['mx1.example.com', 'mx2.example.com']));
    expect(text).toBe(
      [
        'policy: INVALID',
        '  error   mx-not-covered: MX host mx2.example.com matches no mx pattern (mx1.example.com, *.backup.example.com); enforcing senders would refuse it.',
        '  mode enforce, max_age 604800, mx mx1.example.com, *.backup.example.com',
        '  mx mx1.example.com: matches mx1.example.com',
        '  mx mx2.example.com: NOT covered',
        '',
      ].join('\n'),
    );
  });

  it('renders a valid record with its id', () => {
    expect(renderLint('_mta-sts', lintStsRecords(['v=STSv1; id=abc']))).toBe('_mta-sts: valid\n  id abc\n');
  });
});
