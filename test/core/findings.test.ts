import { describe, expect, it } from 'vitest';
import {
  FINDING_CODES,
  type FindingCode,
  isFindingCode,
  makeFinding,
  UNKNOWN_CODES,
} from '../../src/core/findings.js';

const ALL_CODES = Object.keys(FINDING_CODES) as FindingCode[];

describe('FINDING_CODES', () => {
  it.each(ALL_CODES)('%s has a one-sentence fix and a severity', (code) => {
    const info = FINDING_CODES[code];
    expect(info.fix.trim().length).toBeGreaterThan(10);
    expect(info.fix).toMatch(/[.)]$/);
    expect(['error', 'warning', 'notice']).toContain(info.severity);
  });

  it('codes are kebab-case', () => {
    for (const code of ALL_CODES) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each([...UNKNOWN_CODES])('unknown code %s is a notice, never an error', (code) => {
    expect(FINDING_CODES[code].severity).toBe('notice');
  });

  it.each([
    ['mx-not-covered', true],
    ['stale-policy-id', true],
    ['no-such-code', false],
    ['toString', false],
    ['__proto__', false],
  ])('isFindingCode(%j) is %s', (code, expected) => {
    expect(isFindingCode(code)).toBe(expected);
  });
});

describe('makeFinding', () => {
  it('fills every <domain> placeholder of the fix', () => {
    const f = makeFinding('sts-record-missing', 'mail.example.org', 'No record.');
    expect(f.fix).toBe('Publish a TXT record `v=STSv1; id=<new id>` at `_mta-sts.mail.example.org`.');
    expect(f.fix).not.toContain('<domain>');
  });

  it.each(ALL_CODES)('%s: no <domain> placeholder is left', (code) => {
    expect(makeFinding(code, 'example.org', 'm').fix).not.toContain('<domain>');
  });

  it('takes the catalogue severity and leaves absent details out', () => {
    expect(makeFinding('policy-duplicate-key', 'example.org', 'Twice.')).toStrictEqual({
      code: 'policy-duplicate-key',
      severity: 'warning',
      domain: 'example.org',
      message: 'Twice.',
      fix: 'Keep each key once (only mx may repeat).',
    });
  });

  it('keeps host, expected, observed and an overriding severity', () => {
    const f = makeFinding('mx-not-covered', 'example.org', 'Not covered.', {
      host: 'mx.example.org',
      expected: '*.example.net',
      observed: 'mx.example.org',
      severity: 'warning',
    });
    expect(f).toMatchObject({
      severity: 'warning',
      host: 'mx.example.org',
      expected: '*.example.net',
      observed: 'mx.example.org',
    });
    expect(f.unknown).toBeUndefined();
  });

  it.each([
    ['mx-timeout', true],
    ['sts-record-unknown', true],
    ['mx-tls-not-checked', undefined],
    ['mail-bounces', undefined],
  ] as const)('%s has unknown %s', (code, unknown) => {
    expect(makeFinding(code, 'example.org', 'm').unknown).toBe(unknown);
  });
});
