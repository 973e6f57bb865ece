import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_SHARDS, parseShard, selectShard, shardOf } from '../../src/core/shard.js';

describe('parseShard: I/N with I in 1..N (issue #9 item 3)', () => {
  it.each<[string, { index: number; count: number } | RegExp]>([
    ['1/1', { index: 1, count: 1 }],
    ['3/4', { index: 3, count: 4 }],
    [' 2/3 ', { index: 2, count: 3 }],
    [`${MAX_SHARDS}/${MAX_SHARDS}`, { index: MAX_SHARDS, count: MAX_SHARDS }],
    ['0/4', /has I = 0; expected 1 to 4/],
    ['5/4', /has I = 5; expected 1 to 4/],
    ['1/0', /has N = 0; expected 1 to 256 shards/],
    [`1/${MAX_SHARDS + 1}`, /has N = 257/],
    ['1', /is not of the form I\/N/],
    ['1/4/2', /is not of the form I\/N/],
    ['-1/4', /is not of the form I\/N/],
    ['a/b', /is not of the form I\/N/],
    ['', /is not of the form I\/N/],
  ])('%j', (text, expected) => {
    const parsed = parseShard(text);
    if (expected instanceof RegExp) expect(parsed.ok ? 'accepted' : parsed.reason).toMatch(expected);
    else expect(parsed).toEqual({ ok: true, value: expected });
  });
});

const names = Array.from({ length: 400 }, (_, i) => `d${i}.example`);

describe('shardOf / selectShard', () => {
  it('is 1 + the first 32 bits of SHA-256 of the name mod N (the documented rule)', () => {
    const h = createHash('sha256').update('example.com').digest().readUInt32BE(0);
    expect(shardOf('example.com', 7)).toBe(1 + (h % 7));
  });

  it('puts every domain in exactly one shard, and spreads them', () => {
    const items = names.map((domain) => ({ domain }));
    const slices = [1, 2, 3, 4].map((index) => selectShard(items, { index, count: 4 }));
    const all = slices.flatMap((s) => s.positions).sort((a, b) => a - b);
    expect(all).toEqual(names.map((_, i) => i));
    for (const s of slices) expect(s.items.length).toBeGreaterThan(60);
    expect(slices[1]?.items.map((x) => x.domain)).toEqual(slices[1]?.positions.map((p) => names[p]));
  });

  it('is stable: adding domains moves no other domain to another shard', () => {
    const before = new Map(names.map((d) => [d, shardOf(d, 5)]));
    const grown = [...names, 'new-one.example', 'another.example'];
    for (const d of names) expect(grown.includes(d) && shardOf(d, 5)).toBe(before.get(d));
  });
});
