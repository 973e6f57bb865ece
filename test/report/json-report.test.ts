/** Issue #9 item 4: the JSON report is written in pieces, and the pieces are exactly JSON.stringify's text. */
import { describe, expect, it } from 'vitest';
import { jsonReportPieces } from '../../src/report/json-report.js';

const whole = (report: { domains: readonly unknown[] }): string => `${JSON.stringify(report, null, 2)}\n`;
const joined = (report: { domains: readonly unknown[] }): string => [...jsonReportPieces(report)].join('');

function domain(i: number): object {
  return {
    domain: `d${i}.example`,
    status: i % 3 === 0 ? 'error' : 'ok',
    findings:
      i % 3 === 0 ? [{ code: 'x', message: 'a "quoted"\nline\u0000', nested: { deep: [1, [2, {}]] } }] : [],
    empty: {},
    list: [],
    skipped: undefined,
  };
}

describe('jsonReportPieces', () => {
  it.each([0, 1, 2, 3, 2000])('joins to JSON.stringify(report, null, 2) with %i domains', (n) => {
    const report = {
      version: 1,
      notices: ['a', 'b'],
      summary: { domains: n, bouncing: [] },
      domains: Array.from({ length: n }, (_, i) => domain(i)),
      after: { shard: 1 },
    };
    expect(joined(report)).toBe(whole(report));
  });

  it('keeps the key order when domains is not the last key, and undefined items as null', () => {
    const report = { domains: [undefined, { a: 1 }], causes: [{ key: 'k' }] } as unknown as {
      domains: unknown[];
    };
    expect(joined(report)).toBe(whole(report));
  });

  it('cuts a large report into pieces of about 64 KiB, none holding the whole text', () => {
    const report = { version: 1, domains: Array.from({ length: 2000 }, (_, i) => domain(i)) };
    const pieces = [...jsonReportPieces(report)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(70 * 1024);
  });
});
