import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../src/core/findings.js';
import { LINT_CODES, lintCodeInfo } from '../src/lint-codes.js';
import {
  lintPolicy,
  lintStsRecords,
  lintTlsRptRecords,
  mxHostError,
  renderLint,
  unquoteDigTxt,
} from '../src/lint.js';
import { runCliCaptured } from './helpers/run-cli.js';

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
    expect(codes(lint.warnings)).toStrictEqual(['policy-max-age-short', 'policy-mx-placeholder']);
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

  it('names each ignored argument, and points the multiple-record error at the second record', () => {
    const lint = lintStsRecords(['a', 'b', 'v=STSv1; id=x', 'v=STSv1; id=y', 'v=STSv1; id=z']);
    expect(lint.notices.map((p) => [p.record, p.message])).toStrictEqual([
      [1, 'Argument 1 does not begin with "v=STSv1", so senders discard it: "a".'],
      [2, 'Argument 2 does not begin with "v=STSv1", so senders discard it: "b".'],
    ]);
    expect(lint.errors[0]).toMatchObject({
      message: '3 records begin with "v=STSv1"; senders ignore them all.',
      record: 4,
    });
  });

  it('a duplicate id is a warning only', () => {
    const lint = lintStsRecords(['v=STSv1; id=a; id=b']);
    expect(lint.valid).toBe(true);
    expect(codes(lint.warnings)).toStrictEqual(['sts-record-duplicate-id']);
    expect(lint.id).toBe('a');
  });
});

describe('lintTlsRptRecords', () => {
  // Severities are the findings table's (TLS-RPT problems are warnings or notices); `valid` still fails.
  it.each<[string, string[], boolean, string[], readonly string[] | undefined]>([
    ['no records', [], false, ['tlsrpt-missing:notice'], undefined],
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
      ['tlsrpt-record-ignored:notice'],
      ['mailto:r@example.com'],
    ],
    [
      'two records',
      ['v=TLSRPTv1; rua=mailto:a@example.com', 'v=TLSRPTv1; rua=mailto:b@example.com'],
      false,
      ['tlsrpt-multiple:warning'],
      undefined,
    ],
    [
      'http: URI',
      ['v=TLSRPTv1; rua=http://r.example.com/'],
      false,
      ['tlsrpt-rua-invalid:warning'],
      undefined,
    ],
    ['no rua', ['v=TLSRPTv1;'], false, ['tlsrpt-rua-missing:warning'], undefined],
    [
      'a bare "v=TLSRPTv1" is discarded (RFC 8460 §3), not a second record',
      ['v=TLSRPTv1', 'v=TLSRPTv1; rua=mailto:r@example.com'],
      true,
      ['tlsrpt-record-ignored:notice'],
      ['mailto:r@example.com'],
    ],
  ])('%s', (_label, records, valid, problems, rua) => {
    const lint = lintTlsRptRecords(records);
    expect(lint.valid).toBe(valid);
    expect(
      [...lint.errors, ...lint.warnings, ...lint.notices].map((p) => `${p.code}:${p.severity}`),
    ).toStrictEqual(problems);
    expect(lint.rua).toStrictEqual(rua);
  });
});

describe('renderLint (issue #11 item 12)', () => {
  it('starts each problem line with FILE:LINE:COL: severity code: message, then the fix', () => {
    const text = renderLint(
      'mta-sts.txt',
      lintPolicy('version: STSv1\nmode:  enforced\nmax_age: 604800\nmx: mx1.example.com\n', []),
    );
    expect(text).toBe(
      [
        `mta-sts.txt:2:8: error policy-mode-invalid: mode "enforced" on line 2 is not one of enforce, testing, none. Fix: ${FINDING_CODES['policy-mode-invalid'].fix}`,
        `mta-sts.txt:4:5: warning policy-mx-placeholder: mx "mx1.example.com" on line 4 looks like a template value (example.com is reserved for documentation (RFC 2606)); it covers none of your MX hosts. Fix: ${LINT_CODES['policy-mx-placeholder'].fix}`,
        'mta-sts.txt: INVALID',
        '',
      ].join('\n'),
    );
  });

  it('renders the values read and the --mx matches', () => {
    const text = renderLint('p.txt', lintPolicy(POLICY, ['mx1.example.com', 'mx2.example.com']));
    expect(text.split('\n').filter((l) => !l.includes('policy-mx-placeholder'))).toStrictEqual([
      `p.txt:1:1: error mx-not-covered: MX host mx2.example.com matches no mx pattern (mx1.example.com, *.backup.example.com); enforcing senders would refuse it. Fix: ${FINDING_CODES['mx-not-covered'].fix}`,
      'p.txt: INVALID',
      '  mode enforce, max_age 604800, mx mx1.example.com, *.backup.example.com',
      '  mx mx1.example.com: matches mx1.example.com',
      '  mx mx2.example.com: NOT covered',
      '',
    ]);
  });

  it('names a TXT argument argN, with the column of the field', () => {
    expect(renderLint('sts-record', lintStsRecords(['v=spf1 -all', 'v=STSv1; id=2024-07-21']))).toBe(
      [
        `arg1:1:1: notice sts-record-ignored: Argument 1 does not begin with "v=STSv1", so senders discard it: "v=spf1 -all". Fix: ${LINT_CODES['sts-record-ignored'].fix}`,
        `arg2:1:10: error sts-id-invalid: The id "2024-07-21" is not 1 to 32 letters and digits (RFC 8461 §3.1); "-", "_", ".", ":" are not allowed. Fix: ${FINDING_CODES['sts-id-invalid'].fix}`,
        'sts-record: INVALID',
        '',
      ].join('\n'),
    );
  });

  it('renders a valid record with its id', () => {
    expect(renderLint('sts-record', lintStsRecords(['v=STSv1; id=abc']))).toBe(
      'sts-record: valid\n  id abc\n',
    );
  });

  it('makes control characters of a pasted record visible, as the TXT value may come from dig', () => {
    const text = renderLint(
      'tlsrpt-record',
      lintTlsRptRecords(['v=TLSRPTv1; rua=mailto:a@b.example\u001b[2J\u009b2J\u202ex']),
    );
    expect(text).toContain('rua mailto:a@b.example\\u001b[2J\\u009b2J\\u202ex');
    for (const c of ['\u001b', '\u009b', '\u202e']) expect(text).not.toContain(c);
  });
});

describe('lint JSON problems (issue #11 item 12)', () => {
  it('carry severity, line, column and fix', () => {
    const lint = lintPolicy('version: STSv1\nmode: enforce\n\nmax_age: 604800\nmx: mx1.mail.test\n', []);
    expect(lint.warnings[0]).toStrictEqual({
      code: 'policy-blank-line',
      severity: 'warning',
      message:
        'Line 3 is blank; senders that stop reading at the first blank line never see the fields after it.',
      fix: FINDING_CODES['policy-blank-line'].fix,
      line: 3,
      column: 1,
    });
  });

  it('use the severities of the findings table for every code', () => {
    const results = [
      lintPolicy('\uFEFFversion: stsv1\nMode: x\nfoo: 1\nmax_age: 1\nmx: mx1\nmx: a.example.\n\n', ['x.y']),
      lintPolicy('version: STSv1\nmode: enforce\nmax_age: 60\nmx: *.com\nmode: none\n', ['mx.other.org']),
      lintStsRecords(['"v=STSv1; id=1"', 'v=STSv1; id=a; id=b', 'v=STSv1; id=c']),
      lintStsRecords(['v=STSv1; id=a-b; x']),
      lintTlsRptRecords(['v=TLSRPTv1; rua=http://x; rua=mailto:a@b.example', 'x']),
    ];
    const seen = results.flatMap((r) => [...r.errors, ...r.warnings, ...r.notices]);
    expect(seen.length).toBeGreaterThan(15);
    for (const p of seen)
      expect(`${p.code}:${p.severity}`).toBe(`${p.code}:${lintCodeInfo(p.code)?.severity}`);
  });
});

describe('txt-quoted: a TXT argument still in the quotes of dig (issue #11 item 12)', () => {
  it.each([
    ['"v=STSv1; id=20261123"', 'v=STSv1; id=20261123'],
    ['"v=STSv1; " "id=20261123"', 'v=STSv1; id=20261123'],
    ['  "v=TLSRPTv1; rua=mailto:a\\"b@example.com"  ', 'v=TLSRPTv1; rua=mailto:a"b@example.com'],
  ])('unquoteDigTxt(%j) is %j', (arg, inner) => {
    expect(unquoteDigTxt(arg)).toBe(inner);
  });

  it.each(['v=STSv1; id=1', '"v=STSv1; id=1', 'v="1"', '"a" b "c"'])(
    '%j is not a quoted TXT value',
    (arg) => {
      expect(unquoteDigTxt(arg)).toBeNull();
    },
  );

  it('hints at the record inside the quotes, and still lints what was given', () => {
    const lint = lintStsRecords(['"v=STSv1; " "id=20261123"']);
    expect(lint.valid).toBe(false);
    expect(codes(lint.errors)).toStrictEqual(['sts-record-missing']);
    expect(lint.warnings[0]).toMatchObject({
      code: 'txt-quoted',
      record: 1,
      message:
        'Argument 1 is still in quotes, the way dig prints it; the record is the text inside them: "v=STSv1; id=20261123".',
    });
  });
});

describe('mxHostError: --mx takes an MX host name', () => {
  it.each(['mx1.example.com', 'MX1.Example.COM.', 'mx1'])('%j is accepted', (host) => {
    expect(mxHostError(host)).toBeNull();
  });

  it.each([
    ['mx1.example.com,mx2.example.com', 'is not one host name; repeat --mx once per MX host'],
    ['mx1.example.com mx2.example.com', 'is not one host name; repeat --mx once per MX host'],
    ['*.example.com', 'is a pattern; --mx takes the host name of an MX record'],
    ['192.0.2.25', 'is not a host name (letters, digits and hyphens in dot-separated labels, no IP address)'],
    [
      'mx_1.example.com',
      'is not a host name (letters, digits and hyphens in dot-separated labels, no IP address)',
    ],
    ['', 'is not a host name (letters, digits and hyphens in dot-separated labels, no IP address)'],
  ])('%j %s', (host, why) => {
    expect(mxHostError(host)).toBe(why);
  });
});

describe('README documents every lint-only code, as in LINT_CODES', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const cell = (text: string): string => text.replaceAll('|', '\\|');
  it.each(Object.entries(LINT_CODES))('%s', (code, info) => {
    expect(readme).toContain(
      `| \`${code}\` | ${info.severity} | ${cell(info.meaning)} | ${cell(info.fix)} |`,
    );
  });
});

describe('mta-sts-drift lint through the CLI (issue #11 items 12, 22)', () => {
  async function run(args: string[], stdin = '') {
    return runCliCaptured(args, { stdin });
  }
  const text = 'version: STSv1\nmode: enforce\nmax_age: 604800\nmx: mx1.mail.test\n';
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lint-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names a file that starts with a UTF-8 BOM', async () => {
    const file = join(dir, 'bom.txt');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const r = await run(['lint', 'policy', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${file}:1:1: error policy-bom: The policy starts with a UTF-8 byte order mark`,
    );
    expect(r.stdout).not.toContain('policy-line-invalid');
  });

  it('names a UTF-16 file', async () => {
    const file = join(dir, 'utf16.txt');
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = await run(['lint', 'policy', file, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      valid: false,
      errors: [{ code: 'policy-encoding', line: 1, column: 1 }],
    });
  });

  it('names standard input <stdin>', async () => {
    const r = await run(['lint', 'policy', '-'], text.replace('STSv1', 'STSv2'));
    expect(r.stdout).toMatch(/^<stdin>:1:10: error policy-version-invalid: /);
  });

  it('refuses a bad --mx with a clear usage error', async () => {
    const r = await run(['lint', 'policy', '-', '--mx', 'mx1.mail.test,mx2.mail.test'], text);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'mta-sts-drift lint policy: --mx "mx1.mail.test,mx2.mail.test" is not one host name; repeat --mx once per MX host',
    );
    expect(r.stdout).toBe('');
  });
});
