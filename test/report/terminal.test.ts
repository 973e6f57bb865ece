import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check.js';
import { painterFor, renderTerminal, statusText, wantsColour } from '../../src/report/terminal.js';
import { stripControl } from '../../src/report/sanitize.js';

const tty = { isTTY: true } as unknown as NodeJS.WritableStream;
const pipe = { isTTY: false } as unknown as NodeJS.WritableStream;

const report: CheckReport = {
  version: 1,
  generatedAt: '2026-06-01T00:00:00.000Z',
  notices: [],
  runFindings: [],
  causes: [],
  summary: { domains: 1, errors: 1, warnings: 0, notices: 0, bouncing: ['example.com'] },
  domains: [
    {
      domain: 'example.com',
      status: 'error',
      bounces: true,
      bouncesIfEnforced: true,
      policy: {
        status: 'valid',
        id: '1',
        mode: 'enforce',
        maxAge: 86400,
        mx: ['mx.example.com'],
        certificate: null,
      },
      mx: [
        {
          host: 'mx.example.com',
          preference: 10,
          matched: true,
          tls: 'no-starttls',
          notAfter: null,
          enforceOk: false,
        },
      ],
      notChecked: [],
      findings: [
        {
          code: 'mx-smtp-error',
          severity: 'error',
          domain: 'example.com',
          message: 'mx.example.com said \u001b[2J\u001b]0;pwned\u0007 hello',
          fix: 'Check the SMTP service.',
        },
      ],
    },
  ],
};

describe('terminal report', () => {
  it.each([
    ['a TTY without NO_COLOR', tty, {}, true],
    ['a TTY with NO_COLOR', tty, { NO_COLOR: '1' }, false],
    ['a pipe', pipe, {}, false],
    ['a pipe with FORCE_COLOR', pipe, { FORCE_COLOR: '1' }, true],
  ])('uses colour on %s: %s', (_name, stream, env, colour) => {
    const text = renderTerminal(report, painterFor(stream, env));
    expect(text.includes('\u001b[')).toBe(colour);
  });

  // issue #11 item 19: NO_COLOR counts only with a non-empty value (no-color.org); FORCE_COLOR wins over it.
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: 'anything' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, { NO_COLOR: '' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '3' }, true],
    [false, { FORCE_COLOR: 'true' }, true],
    [false, { FORCE_COLOR: '' }, false],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    [true, { FORCE_COLOR: '0', NO_COLOR: '' }, false],
    [true, { TERM: 'dumb' }, false],
    [false, { TERM: 'dumb', FORCE_COLOR: '1' }, true],
    [true, { TERM: 'xterm-256color' }, true],
  ])('on a terminal: %s, with %j: colour %s', (isTty, env, colour) => {
    expect(wantsColour(isTty, env)).toBe(colour);
  });

  it('shows the table, the verdict and the finding with its fix', () => {
    const text = renderTerminal(report, painterFor(pipe, {}));
    expect(text).toMatch(
      /^example\.com\s+error\s+YES\s+YES\s+valid\s+enforce\s+mx\.example\.com:no-starttls$/m,
    );
    expect(text).toContain('fix: Check the SMTP service.');
    expect(text).toContain('bouncing: example.com');
  });

  it('neutralises terminal escape sequences that come from remote servers', () => {
    const text = renderTerminal(report, painterFor(pipe, {}));
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    expect(text).toContain('said \\u001b[2J\\u001b]0;pwned\\u0007 hello');
  });

  it('stripControl keeps newlines only when asked, and escapes bidi overrides', () => {
    expect(stripControl('a\nb\u202ec')).toBe('a\\u000ab\\u202ec');
    expect(stripControl('a\nb', true)).toBe('a\nb');
  });
});

describe('skipped checks and run-level findings (issue #10 part 3)', () => {
  it.each([
    ['ok', [], 'ok'],
    ['incomplete', ['mx-tls'], 'incomplete (MX TLS not checked)'],
    ['warning', ['mx-tls'], 'warning (MX TLS not checked)'],
    ['error', [], 'error'],
  ] as const)('status %s with %j reads %s', (status, notChecked, text) => {
    expect(statusText({ status, notChecked })).toBe(text);
  });

  it('shows what was not checked in the table and a "this run" section for run-level findings', () => {
    const domain = report.domains[0]!;
    const incomplete: CheckReport = {
      ...report,
      runFindings: [
        {
          code: 'dns-unavailable',
          severity: 'error',
          domain: '',
          message: '8 of 8 DNS lookups failed or timed out (ESERVFAIL).',
          fix: 'Check the resolver.',
        },
      ],
      domains: [{ ...domain, status: 'incomplete', bounces: null, notChecked: ['mx-tls'], findings: [] }],
    };
    const text = renderTerminal(incomplete, painterFor(pipe, {}));
    expect(text).toMatch(/^example\.com\s+incomplete \(MX TLS not checked\)\s+unknown\s/m);
    expect(text).toMatch(/^this run\n {2}error {3}dns-unavailable {2}8 of 8 DNS lookups/m);
    expect(text).toContain('fix: Check the resolver.');
  });
});
