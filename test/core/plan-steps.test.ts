import { describe, expect, it } from 'vitest';
import { endSeconds, samePolicy, type PlanPolicy } from '../../src/core/plan-steps.js';

const policy = (mx: string[], mode: PlanPolicy['mode'] = 'enforce', maxAge = 604800): PlanPolicy => ({
  mode,
  maxAge,
  mx,
});

describe('samePolicy: what senders act on, so mx is a set (RFC 8461 §3.2, §4.1; issue #8)', () => {
  it.each<[string, PlanPolicy, PlanPolicy, boolean]>([
    ['the same lines', policy(['a.example', 'b.example']), policy(['a.example', 'b.example']), true],
    ['mx in another order', policy(['a.example', 'b.example']), policy(['b.example', 'a.example']), true],
    [
      'an mx listed twice',
      policy(['a.example', 'a.example', 'b.example']),
      policy(['b.example', 'a.example']),
      true,
    ],
    ['mx in another case, with a trailing dot', policy(['MX1.Example.']), policy(['mx1.example']), true],
    ['a wildcard and its exact host differ', policy(['*.example']), policy(['a.example']), false],
    ['one mx more', policy(['a.example']), policy(['a.example', 'b.example']), false],
    ['another mode', policy(['a.example'], 'testing'), policy(['a.example']), false],
    ['another max_age', policy(['a.example'], 'enforce', 86400), policy(['a.example']), false],
    ['no mx at all on both sides', policy([], 'none'), policy([], 'none'), true],
  ])('%s', (_name, a, b, same) => {
    expect(samePolicy(a, b)).toBe(same);
    expect(samePolicy(b, a)).toBe(same);
  });
});

describe('endSeconds: the end of a cache in whole seconds (issue #8)', () => {
  it.each([
    ['2026-12-06T12:00:00.000Z', '2026-12-06T12:00:00Z'],
    ['2026-12-06T12:00:00.001Z', '2026-12-06T12:00:01Z'],
    ['2026-12-06T12:00:59.999Z', '2026-12-06T12:01:00Z'],
  ])('%s ends at %s, never earlier', (iso, end) => {
    expect(endSeconds(iso)).toBe(end);
  });
});
