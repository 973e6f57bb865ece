import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';

const domainsOf = (text: string) => parseConfig(text, 'domains.yml').domains;

describe('parseConfig', () => {
  it('keeps the file name it was given', () => {
    expect(parseConfig('- example.com\n', 'conf/domains.yml').file).toBe('conf/domains.yml');
  });

  it('reads the list form with a default certificate window and no other expectations', () => {
    expect(domainsOf('- example.com\n')).toStrictEqual([
      { domain: 'example.com', line: 1, column: 3, certWarningDays: 21, ignore: [] },
    ]);
  });

  it('reads the mapping form without defaults', () => {
    const text = 'domains:\n  - domain: example.com\n    mode: enforce\n';
    expect(domainsOf(text)).toStrictEqual([
      {
        domain: 'example.com',
        line: 2,
        column: 13,
        mode: 'enforce',
        certWarningDays: 21,
        ignore: [],
        keyLines: { mode: { line: 3, column: 5 } },
      },
    ]);
  });

  it('lower-cases names and drops one trailing dot', () => {
    expect(domainsOf('- Example.COM.\n- MAIL.Example.org\n').map((d) => d.domain)).toStrictEqual([
      'example.com',
      'mail.example.org',
    ]);
  });

  it('converts internationalised names to A-labels', () => {
    expect(domainsOf('- bücher.example\n- domain: ÉCOLE.example\n').map((d) => d.domain)).toStrictEqual([
      'xn--bcher-kva.example',
      'xn--cole-9oa.example',
    ]);
  });

  it('normalises mx patterns, including the host part of a wildcard, and drops repeats', () => {
    const text = "- domain: example.com\n  mx: ['MX1.Example.com.', '*.Bücher.example', 'mx1.example.com']\n";
    expect(domainsOf(text)[0]?.mx).toStrictEqual(['mx1.example.com', '*.xn--bcher-kva.example']);
  });

  it('takes mx, mode and max_age from defaults unless the domain sets its own', () => {
    const text = [
      'defaults:',
      '  mode: testing',
      "  mx: ['*.mail.example.com']",
      '  max_age: 86400',
      'domains:',
      '  - a.example.com',
      '  - domain: b.example.com',
      '    mode: enforce',
      "    mx: ['mx.b.example.com']",
      '    max_age: { min: 604800 }',
      '',
    ].join('\n');
    const [a, b] = domainsOf(text);
    expect([a?.mode, a?.mx, a?.maxAge]).toStrictEqual(['testing', ['*.mail.example.com'], { exact: 86400 }]);
    expect([b?.mode, b?.mx, b?.maxAge]).toStrictEqual(['enforce', ['mx.b.example.com'], { min: 604800 }]);
  });

  it('lets a domain turn off a TLS-RPT requirement set in defaults', () => {
    const text =
      'defaults:\n  tlsrpt: [mailto:r@example.com]\ndomains:\n  - a.example\n  - domain: b.example\n    tlsrpt: false\n';
    expect(domainsOf(text).map((d) => d.tlsrpt)).toStrictEqual([
      { required: true, rua: ['mailto:r@example.com'] },
      { required: false },
    ]);
  });

  it('merges ignore lists without repeating a code', () => {
    const text =
      'defaults:\n  ignore: [mx-cert-expiring, policy-max-age-short]\ndomains:\n  - domain: example.com\n    ignore: [policy-max-age-short, tlsrpt-missing]\n';
    expect(domainsOf(text)[0]?.ignore).toStrictEqual([
      'mx-cert-expiring',
      'policy-max-age-short',
      'tlsrpt-missing',
    ]);
  });

  it('accepts the limits of max_age and cert_warning_days', () => {
    const text =
      '- domain: a.example\n  max_age: 31557600\n  cert_warning_days: 0\n- domain: b.example\n  max_age: 1\n';
    const [a, b] = domainsOf(text);
    expect([a?.maxAge, a?.certWarningDays, b?.maxAge]).toStrictEqual([{ exact: 31557600 }, 0, { exact: 1 }]);
  });

  it('accepts an id of 32 letters and digits, and an https rua', () => {
    const id = 'A1'.repeat(16);
    const text = `- domain: example.com\n  id: ${id}\n  tlsrpt: ['https://reports.example.com/tlsrpt']\n`;
    const [domain] = domainsOf(text);
    expect([domain?.id, domain?.tlsrpt]).toStrictEqual([
      id,
      { required: true, rua: ['https://reports.example.com/tlsrpt'] },
    ]);
  });

  it('reads a file that starts with a byte-order mark and uses CRLF line ends', () => {
    expect(domainsOf('\uFEFF- example.com\r\n- domain: example.org\r\n  mode: none\r\n')).toStrictEqual([
      { domain: 'example.com', line: 1, column: 3, certWarningDays: 21, ignore: [] },
      {
        domain: 'example.org',
        line: 2,
        column: 11,
        mode: 'none',
        certWarningDays: 21,
        ignore: [],
        keyLines: { mode: { line: 3, column: 3 } },
      },
    ]);
  });

  it('resolves YAML aliases like any other value', () => {
    const text =
      "domains:\n  - domain: a.example\n    mx: &shared ['mx.example.net']\n  - domain: b.example\n    mx: *shared\n";
    expect(domainsOf(text).map((d) => d.mx)).toStrictEqual([['mx.example.net'], ['mx.example.net']]);
  });
});

describe('cert_warning_days fallback (the Action input)', () => {
  const text =
    'defaults:\n  mode: enforce\ndomains:\n  - a.example\n  - domain: b.example\n    cert_warning_days: 7\n';
  it('applies only where neither the domain nor defaults set it', () => {
    const days = parseConfig(text, 'domains.yml', { certWarningDays: 45 }).domains.map(
      (d) => d.certWarningDays,
    );
    expect(days).toEqual([45, 7]);
  });
  it('defaults to 21 without it', () => {
    expect(parseConfig(text, 'domains.yml').domains.map((d) => d.certWarningDays)).toEqual([21, 7]);
  });
});
