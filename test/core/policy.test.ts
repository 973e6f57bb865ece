import { describe, expect, it } from 'vitest';
import { MAX_AGE_LIMIT, parsePolicy } from '../../src/core/policy.js';

const codes = (problems: readonly { code: string }[]): string[] => problems.map((p) => p.code);

/** Join lines with LF and a trailing LF. */
const body = (...lines: string[]): string => `${lines.join('\n')}\n`;
const HEAD = ['version: STSv1', 'mode: enforce', 'max_age: 604800'];

describe('parsePolicy (RFC 8461 §3.2): valid bodies', () => {
  it.each([
    ['LF line endings', body(...HEAD, 'mx: mx1.example.com')],
    [
      'CRLF line endings (erratum 6253: both allowed)',
      `${[...HEAD, 'mx: mx1.example.com'].join('\r\n')}\r\n`,
    ],
    ['no trailing newline', [...HEAD, 'mx: mx1.example.com'].join('\n')],
    ['no space after ":"', body('version:STSv1', 'mode:enforce', 'max_age:604800', 'mx:mx1.example.com')],
    ['upper-case mx value is folded', body(...HEAD, 'mx: MX1.Example.COM')],
    [
      'spaces and tabs after values (RFC 8461 §3.2 trailing *WSP)',
      body('version: STSv1 ', 'mode: enforce\t', 'max_age: 604800  ', 'mx: mx1.example.com \t'),
    ],
    [
      'trailing spaces before CRLF',
      `${['version: STSv1 ', 'mode: enforce ', 'max_age: 604800 ', 'mx: mx1.example.com '].join('\r\n')}\r\n`,
    ],
  ])('%s', (_label, text) => {
    const parsed = parsePolicy(text);
    expect(parsed.errors).toStrictEqual([]);
    expect(parsed.warnings).toStrictEqual([]);
    expect(parsed.notices).toStrictEqual([]);
    expect(parsed.value).toStrictEqual({
      version: 'STSv1',
      mode: 'enforce',
      maxAge: 604800,
      mx: ['mx1.example.com'],
    });
  });

  it('keeps every mx line, wildcards included', () => {
    const parsed = parsePolicy(body(...HEAD, 'mx: mx1.example.com', 'mx: *.mail.example.net'));
    expect(parsed.value?.mx).toStrictEqual(['mx1.example.com', '*.mail.example.net']);
  });

  it.each([
    [
      'max_age at the limit',
      ['version: STSv1', 'mode: enforce', `max_age: ${MAX_AGE_LIMIT}`, 'mx: a.example'],
    ],
    ['mode none without mx', ['version: STSv1', 'mode: none', 'max_age: 86400']],
    ['short max_age in testing mode', ['version: STSv1', 'mode: testing', 'max_age: 60', 'mx: a.example']],
    ['short max_age in none mode', ['version: STSv1', 'mode: none', 'max_age: 0']],
    [
      'max_age of exactly one day in enforce',
      ['version: STSv1', 'mode: enforce', 'max_age: 86400', 'mx: a.example'],
    ],
  ])('no problem at all: %s', (_label, lines) => {
    const parsed = parsePolicy(body(...lines));
    expect([...parsed.errors, ...parsed.warnings, ...parsed.notices]).toStrictEqual([]);
    expect(parsed.value).not.toBeNull();
  });

  it('MAX_AGE_LIMIT is one year of 365.25 days', () => {
    expect(MAX_AGE_LIMIT).toBe(31_557_600);
  });
});

describe('parsePolicy: problems', () => {
  it.each<[string, string[], string[], string[], string[], string]>([
    // label, lines, errors, warnings, notices, message fragment of the first problem listed
    [
      '"Mode:" is not "mode:" (keys are case-sensitive)',
      ['version: STSv1', 'Mode: enforce', 'max_age: 604800', 'mx: a.example'],
      ['policy-mode-missing'],
      ['policy-key-case'],
      [],
      'no "mode" field',
    ],
    [
      'mode "report" (an old draft value)',
      ['version: STSv1', 'mode: report', 'max_age: 604800', 'mx: a.example'],
      ['policy-mode-invalid'],
      [],
      [],
      'mode "report" on line 2 is not one of enforce, testing, none',
    ],
    [
      'mode in upper case',
      ['version: STSv1', 'mode: ENFORCE', 'max_age: 604800', 'mx: a.example'],
      ['policy-mode-invalid'],
      [],
      [],
      '"ENFORCE"',
    ],
    [
      'max_age one above the limit',
      ['version: STSv1', 'mode: enforce', 'max_age: 31557601', 'mx: a.example'],
      ['policy-max-age-too-large'],
      [],
      [],
      'max_age 31557601 is above the RFC 8461 §3.2 maximum of 31557600',
    ],
    [
      'max_age of 11 digits',
      ['version: STSv1', 'mode: enforce', 'max_age: 12345678901', 'mx: a.example'],
      ['policy-max-age-invalid'],
      [],
      [],
      'is not 1 to 10 digits',
    ],
    [
      'max_age not a number',
      ['version: STSv1', 'mode: enforce', 'max_age: abc', 'mx: a.example'],
      ['policy-max-age-invalid'],
      [],
      [],
      'max_age "abc" on line 3',
    ],
    [
      'max_age negative',
      ['version: STSv1', 'mode: enforce', 'max_age: -1', 'mx: a.example'],
      ['policy-max-age-invalid'],
      [],
      [],
      '"-1"',
    ],
    [
      'max_age missing',
      ['version: STSv1', 'mode: enforce', 'mx: a.example'],
      ['policy-max-age-missing'],
      [],
      [],
      'no "max_age" field',
    ],
    [
      'short max_age in enforce mode',
      ['version: STSv1', 'mode: enforce', 'max_age: 86399', 'mx: a.example'],
      [],
      ['policy-max-age-short'],
      [],
      'max_age 86399 is under a day',
    ],
    [
      'mx missing in enforce mode',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800'],
      ['policy-mx-missing'],
      [],
      [],
      'mode "enforce" needs at least one "mx" line',
    ],
    [
      'mx missing in testing mode',
      ['version: STSv1', 'mode: testing', 'max_age: 604800'],
      ['policy-mx-missing'],
      [],
      [],
      'mode "testing"',
    ],
    [
      'mx is an IPv4 address',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: 192.0.2.1'],
      ['policy-mx-invalid'],
      [],
      [],
      'mx "192.0.2.1" on line 4',
    ],
    [
      'mx is an IPv6 address',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: 2001:db8::25'],
      ['policy-mx-invalid'],
      [],
      [],
      '"2001:db8::25"',
    ],
    [
      'mx is a bare "*"',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: *'],
      ['policy-mx-invalid'],
      [],
      [],
      'mx "*"',
    ],
    [
      'mx has "*" inside the name',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: a.*.example.com'],
      ['policy-mx-invalid'],
      [],
      [],
      '"a.*.example.com"',
    ],
    [
      'mx "*example.com" (no dot after the wildcard)',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: *example.com'],
      ['policy-mx-invalid'],
      [],
      [],
      '"*example.com"',
    ],
    [
      'mx is a U-label (IDNs must be A-labels)',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: mx.bücher.example'],
      ['policy-mx-invalid'],
      [],
      [],
      'is not a host name',
    ],
    [
      'one invalid mx among valid ones',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: a.example', 'mx: *'],
      ['policy-mx-invalid'],
      [],
      [],
      'on line 5',
    ],
    [
      'repeated mode: the first wins',
      ['version: STSv1', 'mode: enforce', 'mode: testing', 'max_age: 604800', 'mx: a.example'],
      [],
      ['policy-duplicate-key'],
      [],
      'Key "mode" appears again on line 3; RFC 8461 senders use the first value (line 2)',
    ],
    [
      'unknown key',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: a.example', 'comment: hi'],
      [],
      [],
      ['policy-unknown-key'],
      'Key "comment" on line 5',
    ],
    [
      'blank line between fields: a warning (issue #11 item 22)',
      ['version: STSv1', 'mode: enforce', '', 'max_age: 604800', 'mx: a.example'],
      [],
      ['policy-blank-line'],
      [],
      'Line 3 is blank; senders that stop reading at the first blank line never see the fields after it',
    ],
    [
      'blank line before the first field',
      ['', 'version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: a.example'],
      [],
      ['policy-blank-line'],
      [],
      'Line 1 is blank',
    ],
    [
      'blank lines after the last field: a notice',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: a.example', '', ' \t'],
      [],
      [],
      ['policy-trailing-blank-line', 'policy-trailing-blank-line'],
      'Line 5 is blank, after the last field',
    ],
    [
      'version in lower case (%s"STSv1" is case-sensitive)',
      ['version: stsv1', 'mode: enforce', 'max_age: 604800', 'mx: a.example'],
      ['policy-version-invalid'],
      [],
      [],
      'version "stsv1" on line 1 is not "STSv1"',
    ],
    [
      'no-break space after max_age: (WSP is space and tab only)',
      ['version: STSv1', 'mode: enforce', 'max_age:\u00a086400', 'mx: a.example'],
      ['policy-max-age-invalid'],
      [],
      [],
      'is not 1 to 10 digits (it contains U+00A0 NO-BREAK SPACE)',
    ],
    [
      'mx with a trailing dot (RFC 5321 Domain has none)',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: mail.protonmail.ch.'],
      ['policy-mx-trailing-dot'],
      [],
      [],
      'mx "mail.protonmail.ch." on line 4 ends with a dot',
    ],
    [
      'wildcard mx with a trailing dot',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: *.mx.cloudflare.net.'],
      ['policy-mx-trailing-dot'],
      [],
      [],
      'write "*.mx.cloudflare.net"',
    ],
    [
      'single-label mx: grammatical, with a warning (issue #11 item 10)',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: mx1'],
      [],
      ['policy-mx-single-label'],
      [],
      'mx "mx1" on line 4 is a single label',
    ],
    [
      'wildcard over a single label',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: *.com'],
      [],
      ['policy-mx-single-label'],
      [],
      'matches every two-label name under com',
    ],
    [
      'mx of a lone dot',
      ['version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: .'],
      ['policy-mx-invalid'],
      [],
      [],
      'mx "." on line 4',
    ],
    [
      'version missing',
      ['mode: enforce', 'max_age: 604800', 'mx: a.example'],
      ['policy-version-missing'],
      [],
      [],
      'it must be "version: STSv1"',
    ],
    [
      'version STSv2',
      ['version: STSv2', 'mode: enforce', 'max_age: 604800', 'mx: a.example'],
      ['policy-version-invalid'],
      [],
      [],
      'version "STSv2" on line 1 is not "STSv1"',
    ],
    [
      'line without a colon',
      ['version: STSv1', 'mode enforce', 'max_age: 604800', 'mx: a.example'],
      ['policy-line-invalid', 'policy-mode-missing'],
      [],
      [],
      'Line 2 is not of the form "key: value": "mode enforce"',
    ],
    [
      'space before the colon',
      ['version: STSv1', 'mode : enforce', 'max_age: 604800', 'mx: a.example'],
      ['policy-line-invalid', 'policy-mode-missing'],
      [],
      [],
      'Line 2',
    ],
  ])('%s', (_label, lines, errors, warnings, notices, fragment) => {
    const parsed = parsePolicy(body(...lines));
    expect(codes(parsed.errors)).toStrictEqual(errors);
    expect(codes(parsed.warnings)).toStrictEqual(warnings);
    expect(codes(parsed.notices)).toStrictEqual(notices);
    expect(parsed.value === null).toBe(errors.length > 0);
    const first = [...parsed.errors, ...parsed.warnings, ...parsed.notices][0];
    expect(first?.message).toContain(fragment);
  });

  it('uses the first of repeated values', () => {
    const parsed = parsePolicy(
      body(
        'version: STSv1',
        'mode: testing',
        'max_age: 86400',
        'max_age: 600',
        'mode: enforce',
        'mx: a.example',
      ),
    );
    expect(codes(parsed.warnings)).toStrictEqual(['policy-duplicate-key', 'policy-duplicate-key']);
    expect(parsed.value).toMatchObject({ mode: 'testing', maxAge: 86400 });
  });

  it('does not add policy-mx-missing when the only mx line is invalid', () => {
    const parsed = parsePolicy(body('version: STSv1', 'mode: enforce', 'max_age: 604800', 'mx: 192.0.2.1'));
    expect(codes(parsed.errors)).not.toContain('policy-mx-missing');
  });

  it('reports an invalid mx line even in mode none', () => {
    const parsed = parsePolicy(body('version: STSv1', 'mode: none', 'max_age: 604800', 'mx: *'));
    expect(codes(parsed.errors)).toStrictEqual(['policy-mx-invalid']);
  });

  it('reports an empty body as missing every field', () => {
    const parsed = parsePolicy('');
    expect(codes(parsed.errors)).toStrictEqual([
      'policy-version-missing',
      'policy-mode-missing',
      'policy-max-age-missing',
    ]);
  });

  it('reports an HTML page served instead of the policy', () => {
    const parsed = parsePolicy('<html><body>Not found</body></html>\n');
    expect(codes(parsed.errors)).toContain('policy-line-invalid');
    expect(parsed.value).toBeNull();
  });
});

describe('parsePolicy: encoding (issue #11 item 22)', () => {
  const text = body(...HEAD, 'mx: mx1.example.com');

  it('names a UTF-8 byte order mark, then reads the rest', () => {
    const parsed = parsePolicy(`\uFEFF${text}`);
    expect(codes(parsed.errors)).toStrictEqual(['policy-bom']);
    expect(parsed.errors[0]).toMatchObject({ line: 1, column: 1 });
    expect(parsed.errors[0]?.message).toContain('byte order mark');
    expect([...parsed.warnings, ...parsed.notices]).toStrictEqual([]);
  });

  it.each([
    ['UTF-16 LE with its BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 LE without a BOM', Buffer.from(text, 'utf16le')],
    ['UTF-16 BE with its BOM', Buffer.from(`\uFEFF${text}`, 'utf16le').swap16()],
  ])('names %s, and nothing else', (_label, bytes) => {
    const parsed = parsePolicy(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
    expect(codes(parsed.errors)).toStrictEqual(['policy-encoding']);
    expect(parsed.errors[0]?.message).toContain('UTF-16');
    expect(parsed.value).toBeNull();
  });

  it('calls NUL bytes without a UTF-16 pattern binary', () => {
    const parsed = parsePolicy('\u0000\u0000\u0000\u0001PK');
    expect(parsed.errors[0]?.message).toContain('NUL bytes');
  });
});

describe('parsePolicy: positions', () => {
  it('gives the line and the column of the value', () => {
    const parsed = parsePolicy(body('version: STSv1', 'mode:  enforced', 'max_age: 604800', 'mx: a.example'));
    expect(parsed.errors[0]).toMatchObject({ code: 'policy-mode-invalid', line: 2, column: 8 });
  });

  it('gives column 1 for a malformed line', () => {
    const parsed = parsePolicy(body('version: STSv1', 'mode enforce'));
    expect(parsed.errors[0]).toMatchObject({ code: 'policy-line-invalid', line: 2, column: 1 });
  });
});

describe('parsePolicy: cost', () => {
  it('reads a 64 KiB line of spaces inside a value in linear time', () => {
    const line = `mx: a${' '.repeat(64 * 1024)}b`;
    const started = performance.now();
    const parsed = parsePolicy(body(...HEAD, line));
    expect(codes(parsed.errors)).toStrictEqual(['policy-mx-invalid']);
    // Quadratic trimming took seconds here; linear takes about a millisecond.
    expect(performance.now() - started).toBeLessThan(500);
  });
});
