import { describe, expect, it } from 'vitest';
import { parseSince } from '../../src/core/tlsrpt-window.js';

const NOW = new Date('2026-06-01T12:00:00Z');

describe('parseSince', () => {
  it.each<[string | undefined, string, string]>([
    [undefined, '2026-05-25T12:00:00.000Z', 'the default of 7 days'],
    ['1', '2026-05-31T12:00:00.000Z', 'one day'],
    ['30', '2026-05-02T12:00:00.000Z', 'thirty days'],
    ['2026-05-20', '2026-05-20T00:00:00.000Z', 'a date, from UTC midnight'],
  ])('%s gives a window from %s (%s)', (since, start) => {
    expect(parseSince(since, NOW)).toEqual({ start: new Date(start), end: NOW });
  });

  it.each<[string, string]>([
    ['0', '--since 0: the number of days must be from 1 to 366'],
    ['367', '--since 367: the number of days must be from 1 to 366'],
    ['last week', '--since "last week" is neither a number of days nor a date YYYY-MM-DD'],
    ['2026-02-30', '--since 2026-02-30 is not a calendar date'],
    ['2026-06-02', '--since 2026-06-02 is not in the past'],
    ['2020-01-01', '--since 2020-01-01 is more than 366 days ago'],
  ])('%s is refused', (since, message) => {
    expect(parseSince(since, NOW)).toBe(message);
  });
});
