import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../src/config/suggest.js';

const KEYS = ['domain', 'mode', 'mx', 'max_age', 'id', 'tlsrpt', 'cert_warning_days', 'ignore'];

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['mode', 'mode', 0],
    ['mode', 'mdoe', 1],
    ['mode', 'mod', 1],
    ['mode', 'modes', 1],
    ['mode', 'node', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['ca', 'abc', 3],
  ])('between %j and %j is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('suggest', () => {
  it.each([
    ['max-age', 'max_age'],
    ['Max_Age', 'max_age'],
    ['maxage', 'max_age'],
    ['mdoe', 'mode'],
    ['tls_rpt', 'tlsrpt'],
    ['tlsrtp', 'tlsrpt'],
    ['cert-warning-days', 'cert_warning_days'],
    ['cert_warning_day', 'cert_warning_days'],
    ['igonre', 'ignore'],
    ['domian', 'domain'],
    ['mxs', 'mx'],
  ])('suggests %j for %j', (input, expected) => {
    expect(suggest(input, KEYS)).toBe(expected);
  });

  it.each(['colour', 'policy', 'xyz', 'a', 'enforce'])('suggests nothing for %j', (input) => {
    expect(suggest(input, KEYS)).toBeUndefined();
  });

  it('prefers the closest candidate over the first one listed', () => {
    expect(suggest('modes', ['mod', 'modes'])).toBe('modes');
    expect(suggest('mode_', ['mod', 'mode'])).toBe('mode');
  });
});
