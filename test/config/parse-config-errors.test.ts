import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfig } from '../../src/config/load-config.js';

/** The lines of the ConfigError message that parsing `text` throws. */
function problems(text: string): string[] {
  try {
    parseConfig(text, 'domains.yml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

describe('parseConfig errors', () => {
  it('reports a max_age mapping without min, naming the one key it takes', () => {
    expect(problems(lines('- domain: example.com', '  max_age: { minimum: 5 }'))).toStrictEqual([
      'domains.yml:2:12: [0].max_age: missing required key "min"',
      'domains.yml:2:14: [0].max_age: unknown key "minimum"; the only key allowed here is "min"',
    ]);
  });

  it.each([
    [
      'a mode outside the enum, with the allowed values',
      lines('domains:', '  - example.com', '  - domain: example.org', '    mode: enfroce'),
      'domains.yml:4:11: domains[1].mode: "enfroce" is not allowed; expected one of enforce, testing, none',
    ],
    [
      'an unknown key, with the nearest known key',
      lines('- domain: example.com', '  max-age: 86400'),
      'domains.yml:2:3: [0]: unknown key "max-age"; did you mean "max_age"?',
    ],
    [
      'a transposed key',
      lines('- domain: example.com', '  mdoe: enforce'),
      'domains.yml:2:3: [0]: unknown key "mdoe"; did you mean "mode"?',
    ],
    [
      'an unknown key with nothing near it, listing the keys allowed',
      lines('- domain: example.com', '  colour: blue'),
      'domains.yml:2:3: [0]: unknown key "colour"; expected one of domain, mode, mx, max_age, id, tlsrpt, cert_warning_days, ignore, senders',
    ],
    [
      'an id in defaults',
      lines('defaults:', '  id: "1"', 'domains: [example.com]'),
      'domains.yml:2:3: defaults: "id" is not allowed in defaults; each domain publishes its own policy id, so set id on the domain',
    ],
    [
      'an id with punctuation',
      lines('- domain: example.com', '  id: 2024-07-21T20:16'),
      'domains.yml:2:7: [0].id: "2024-07-21T20:16" is not valid; expected 1 to 32 letters and digits, no punctuation (RFC 8461 §3.1)',
    ],
    [
      'an id longer than 32 characters',
      lines('- domain: example.com', `  id: ${'a'.repeat(33)}`),
      `domains.yml:2:7: [0].id: "${'a'.repeat(33)}" is not valid; expected 1 to 32 letters and digits, no punctuation (RFC 8461 §3.1)`,
    ],
    [
      'an unquoted numeric id, quoting its source text',
      lines('- domain: example.com', '  id: 0123'),
      'domains.yml:2:7: [0].id: expected a string of 1 to 32 letters and digits, found 0123; quote it ("0123") to keep it as text',
    ],
    [
      'a max_age above one year',
      lines('- domain: example.com', '  max_age: 31557601'),
      'domains.yml:2:12: [0].max_age: 31557601 is out of range; expected 1 to 31557600',
    ],
    [
      'a max_age of zero',
      lines('- domain: example.com', '  max_age: 0'),
      'domains.yml:2:12: [0].max_age: 0 is out of range; expected 1 to 31557600',
    ],
    [
      'a max_age { min } out of range',
      lines('- domain: example.com', '  max_age: { min: 0 }'),
      'domains.yml:2:19: [0].max_age.min: 0 is out of range; expected 1 to 31557600',
    ],
    [
      'a max_age that is not a whole number',
      lines('- domain: example.com', '  max_age: 1.5'),
      'domains.yml:2:12: [0].max_age: expected a whole number of seconds, or { min: N }, found 1.5',
    ],
    [
      'cert_warning_days out of range',
      lines('defaults:', '  cert_warning_days: 366', 'domains: [example.com]'),
      'domains.yml:2:22: defaults.cert_warning_days: 366 is out of range; expected 0 to 365',
    ],
    [
      'an IP address as an mx pattern',
      lines('- domain: example.com', "  mx: ['192.0.2.25']"),
      'domains.yml:2:8: [0].mx[0]: "192.0.2.25" is not valid; expected a host name such as mx1.example.com or a wildcard such as *.mail.example.com (no IP addresses, no * inside a label)',
    ],
    [
      'a wildcard inside an mx pattern',
      lines('- domain: example.com', "  mx: ['mx.*.example.com']"),
      'domains.yml:2:8: [0].mx[0]: "mx.*.example.com" is not valid; expected a host name such as mx1.example.com or a wildcard such as *.mail.example.com (no IP addresses, no * inside a label)',
    ],
    [
      'a tlsrpt that is neither a boolean nor a list',
      lines('- domain: example.com', '  tlsrpt: yes'),
      'domains.yml:2:11: [0].tlsrpt: expected true, false, or a list of rua URIs, found "yes"',
    ],
    [
      'an empty tlsrpt list',
      lines('- domain: example.com', '  tlsrpt: []'),
      'domains.yml:2:11: [0].tlsrpt: found an empty list; expected at least one rua URI, or true to require a TLS-RPT record without naming its URIs',
    ],
    [
      'a rua with an unsupported scheme',
      lines('- domain: example.com', "  tlsrpt: ['http://example.com/r']"),
      'domains.yml:2:12: [0].tlsrpt[0]: "http://example.com/r" is not valid; expected a mailto: or https:// URI such as mailto:tlsrpt@example.com (RFC 8460 §3)',
    ],
    [
      'an ignore entry that is not kebab-case',
      lines('- domain: example.com', '  ignore: [Policy_Max_Age]'),
      'domains.yml:2:12: [0].ignore[0]: "Policy_Max_Age" is not valid; expected a finding code in kebab-case such as policy-max-age-short',
    ],
    [
      'an entry that is neither a name nor a mapping',
      lines('- example.com', '- 42'),
      'domains.yml:2:3: [1]: expected a domain name, or a mapping with a "domain" key, found 42',
    ],
    [
      'an entry without a domain key',
      lines('- mode: enforce'),
      'domains.yml:1:3: [0]: missing required key "domain"',
    ],
    [
      'a URL in place of a domain name',
      lines('- https://example.com/'),
      'domains.yml:1:3: [0]: "https://example.com/" is not valid; expected a domain name such as example.com (not an IP address or a URL)',
    ],
    [
      'an IDN whose A-label is longer than 63 characters',
      lines(`- ${'ü'.repeat(60)}.example`),
      `domains.yml:1:3: [0]: "${'ü'.repeat(60)}.example" has a label longer than 63 characters`,
    ],
    [
      'a scalar at the top level',
      lines('example.com'),
      'domains.yml:1:1: expected a list of domain names, or a mapping with a "domains" key, found "example.com"',
    ],
    ['an empty file', '', 'domains.yml:1:1: no domains; the file is empty'],
    ['a file with only comments', '# nothing yet\n', 'domains.yml:1:1: no domains; the file is empty'],
    ['an empty list', lines('[]'), 'domains.yml:1:1: no domains; list at least one domain name'],
    [
      'an empty domains key',
      lines('domains:'),
      'domains.yml:1:9: domains: no domains; list at least one domain name',
    ],
    [
      'an empty domains list',
      lines('domains: []'),
      'domains.yml:1:10: domains: no domains; list at least one domain name',
    ],
    [
      'a mapping with no domains key',
      lines('defaults: {}'),
      'domains.yml:1:1: missing required key "domains"',
    ],
  ])('reports %s', (_name, text, expected) => {
    expect(problems(text)).toStrictEqual([expected]);
  });

  it('names both lines of a domain listed twice under different spellings', () => {
    expect(
      problems(lines('domains:', '  - example.com', '  - example.org', '  - domain: Example.COM.')),
    ).toStrictEqual([
      'domains.yml:4:13: domains[2].domain: "Example.COM." is the same domain as "example.com" on line 2; list each domain once',
    ]);
  });

  it('treats an IDN and its A-label as the same domain', () => {
    expect(problems(lines('- bücher.example', '- xn--bcher-kva.example'))).toStrictEqual([
      'domains.yml:2:3: [1]: "xn--bcher-kva.example" is the same domain as "bücher.example" on line 1; list each domain once',
    ]);
  });

  it('reports a YAML syntax error with its position and the parser message', () => {
    expect(problems(lines('domains:', '  - example.com', '  - [example.org')).at(0)).toBe(
      'domains.yml:4:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
  });

  it('reports a duplicate key by name', () => {
    expect(problems(lines('- domain: example.com', '  mode: enforce', '  mode: testing'))).toStrictEqual([
      'domains.yml:3:3: duplicate key "mode"; each key may appear only once in a mapping',
    ]);
  });

  it('names a quoted duplicate key without its quotes', () => {
    expect(problems(lines('- domain: example.com', "  'mode': enforce", "  'mode': none"))).toStrictEqual([
      'domains.yml:3:3: duplicate key "mode"; each key may appear only once in a mapping',
    ]);
  });

  it('refuses a file with several YAML documents', () => {
    expect(problems(lines('- example.com', '---', '- example.org'))).toStrictEqual([
      'domains.yml:2:1: a second YAML document starts here; keep every setting in one document',
    ]);
  });

  it('reports an unknown tag, which YAML only warns about', () => {
    expect(problems(lines('- !host example.com'))).toStrictEqual(['domains.yml:1:3: Unresolved tag: !host']);
  });

  it('suggests a top-level key and also says the required one is missing', () => {
    expect(problems(lines('domain:', '  - example.com'))).toStrictEqual([
      'domains.yml:1:1: missing required key "domains"',
      'domains.yml:1:1: unknown key "domain"; did you mean "domains"?',
    ]);
  });

  it('collects schema and normalisation errors from one file, sorted by position', () => {
    const text = lines(
      'defaults:',
      '  mode: enfroce',
      'domains:',
      '  - domain: example.com',
      '    mx: [mx.example.com, 10.0.0.1]',
      '  - EXAMPLE.com',
      '  - domain: example.net',
      '    cert_warning_days: -1',
    );
    expect(problems(text)).toStrictEqual([
      'domains.yml:2:9: defaults.mode: "enfroce" is not allowed; expected one of enforce, testing, none',
      'domains.yml:5:26: domains[0].mx[1]: "10.0.0.1" is not valid; expected a host name such as mx1.example.com or a wildcard such as *.mail.example.com (no IP addresses, no * inside a label)',
      'domains.yml:6:5: domains[1]: "EXAMPLE.com" is the same domain as "example.com" on line 4; list each domain once',
      'domains.yml:8:24: domains[2].cert_warning_days: -1 is out of range; expected 0 to 365',
    ]);
  });

  it('reports a misspelt ignore code in a domain, suggesting the nearest finding code', () => {
    const text = lines(
      'defaults:',
      '  mode: enforce',
      'domains:',
      '  - example.com',
      '  - domain: example.org',
      '    ignore: [policy-max-age-short, mx-not-coverd]',
    );
    expect(problems(text)).toStrictEqual([
      'domains.yml:6:36: domains[1].ignore[1]: unknown finding code "mx-not-coverd"; did you mean "mx-not-covered"?',
    ]);
  });

  it('reports an unknown ignore code in defaults, in block style', () => {
    expect(
      problems(lines('defaults:', '  ignore:', '    - tlsrpt-mising', 'domains: [example.com]')),
    ).toStrictEqual([
      'domains.yml:3:7: defaults.ignore[0]: unknown finding code "tlsrpt-mising"; did you mean "tlsrpt-missing"?',
    ]);
  });

  it('gives only a hint for an ignore code with no near match', () => {
    expect(problems(lines('- domain: example.com', '  ignore: [spf-fail]'))).toStrictEqual([
      'domains.yml:2:12: [0].ignore[0]: unknown finding code "spf-fail"; see the Findings table in README.md for the codes',
    ]);
  });

  it('reports an ignore entry the schema rejects once, and still checks the others', () => {
    const text = lines(
      'defaults:',
      '  ignore: [mx-not-coverd]',
      'domains:',
      '  - domain: example.com',
      '    ignore: [Policy_Max_Age, policy-max-age-shrot]',
    );
    expect(problems(text)).toStrictEqual([
      'domains.yml:2:12: defaults.ignore[0]: unknown finding code "mx-not-coverd"; did you mean "mx-not-covered"?',
      'domains.yml:5:14: domains[0].ignore[0]: "Policy_Max_Age" is not valid; expected a finding code in kebab-case such as policy-max-age-short',
      'domains.yml:5:30: domains[0].ignore[1]: unknown finding code "policy-max-age-shrot"; did you mean "policy-max-age-short"?',
    ]);
  });

  it('carries each issue as data for annotations', () => {
    try {
      parseConfig(lines('- domain: example.com', '  mode: enfroce'), 'conf/domains.yml');
      expect.unreachable('parseConfig should have thrown');
    } catch (error) {
      expect((error as ConfigError).issues).toStrictEqual([
        {
          file: 'conf/domains.yml',
          line: 2,
          column: 9,
          path: '[0].mode',
          message: '"enfroce" is not allowed; expected one of enforce, testing, none',
        },
      ]);
    }
  });
});
