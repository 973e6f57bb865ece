/**
 * How `npm run bench` reads what a measured program printed: a program that failed is named with its exit status
 * and its own error line, never reported as "Unexpected end of JSON input".
 */
import { describe, expect, it } from 'vitest';
import { formatRow, jsonOutput } from '../bench/measure.js';

describe('jsonOutput', () => {
  it('returns the JSON a program printed', () => {
    expect(jsonOutput('check', { stdout: '{"domains":[]}\n', stderr: 'BENCH_CPU_MS=5\n', code: 0 })).toEqual({
      domains: [],
    });
  });

  it.each([
    {
      case: 'an uncaught exception: its error line',
      stderr:
        "node:internal/modules/cjs/loader:1210\n  throw err;\n  ^\n\nError: Cannot find module 'mailauth/lib/mta-sts.js'\nRequire stack:\n- /x.mjs\n\nNode.js v24.21.0\n\nBENCH_MAX_RSS_KB=40000\nBENCH_CPU_MS=50\n",
      code: 1,
      message:
        "the mailauth peer printed no JSON (exit code 1): Error: Cannot find module 'mailauth/lib/mta-sts.js'",
    },
    {
      case: 'no exception: the last lines it said',
      stderr: 'one\ntwo\nthree\nfour\nBENCH_CPU_MS=50\n',
      code: 2,
      message: 'the mailauth peer printed no JSON (exit code 2): two | three | four',
    },
    {
      case: 'killed, silent',
      stderr: '',
      code: null,
      message: 'the mailauth peer printed no JSON (exit code null)',
    },
  ])('$case', ({ stderr, code, message }) => {
    expect(() => jsonOutput('the mailauth peer', { stdout: '', stderr, code })).toThrow(message);
  });
});

describe('formatRow', () => {
  const row = { name: 'wall', unit: 's', rule: '<=' } as const;

  it.each([
    { measured: 0.97, bound: 1.0, shown: '0.97 s / 1.00 s = 0.97 (pass; target ≤ 1)' },
    { measured: 1.003, bound: 1.0, shown: '1.00 s / 1.00 s = 1.003 (FAIL; target ≤ 1)' },
    { measured: 0.998, bound: 1.0, shown: '1.00 s / 1.00 s = 0.998 (pass; target ≤ 1)' },
    { measured: 1.2, bound: 1.0, shown: '1.20 s / 1.00 s = 1.20 (FAIL; target ≤ 1)' },
  ])('$measured / $bound: $shown', ({ measured, bound, shown }) => {
    expect(formatRow({ ...row, measured, bound })).toBe(`wall: ${shown}`);
  });

  it('keeps two decimals for a count that must equal its bound', () => {
    expect(formatRow({ name: 'ok', unit: '', rule: '=', measured: 1000, bound: 1000 })).toBe(
      'ok: 1000 / 1000 = 1.00 (pass)',
    );
  });
});
