import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../src/core/findings.js';
import { unknownCodeMessage } from '../../src/config/ignore-codes.js';
import { parseConfig } from '../../src/config/load-config.js';

const HINT = 'see the Findings table in README.md for the codes';

describe('unknownCodeMessage', () => {
  it.each([
    ['a missing letter', 'mx-not-coverd', 'mx-not-covered'],
    ['two swapped letters', 'policy-max-age-shrot', 'policy-max-age-short'],
    ['a wrong letter', 'tlsrpt-mising', 'tlsrpt-missing'],
    ['two edits', 'mx-cert-expirng-', 'mx-cert-expiring'],
    ['a short code one edit away', 'drift-ic', 'drift-id'],
  ])('suggests the nearest code for %s', (_name, code, near) => {
    expect(unknownCodeMessage(code)).toBe(
      `unknown finding code ${JSON.stringify(code)}; did you mean ${JSON.stringify(near)}?`,
    );
  });

  it.each([
    ['a made-up code', 'frobnicate'],
    ['a word from another tool', 'spf-fail'],
    ['a far code', 'mx'],
  ])('gives only a hint for %s', (_name, code) => {
    expect(unknownCodeMessage(code)).toBe(`unknown finding code ${JSON.stringify(code)}; ${HINT}`);
  });
});

describe('parseConfig ignore lists', () => {
  it('accepts every code in the finding catalogue', () => {
    const codes = Object.keys(FINDING_CODES);
    const text = `defaults:\n  ignore: [${codes.join(', ')}]\ndomains: [example.com]\n`;
    expect(parseConfig(text, 'domains.yml').domains[0]?.ignore).toStrictEqual(codes);
  });

  it('does not take inherited object keys for codes', () => {
    expect(() => parseConfig('- domain: example.com\n  ignore: [constructor]\n', 'domains.yml')).toThrow(
      `domains.yml:2:12: [0].ignore[0]: unknown finding code "constructor"; ${HINT}`,
    );
  });
});
