/**
 * mergeReports on shard reports as data (issue #9 item 3): what the loopback test cannot show, such as run-level
 * findings and notices said by every shard, and a "shard" field that is not what check --shard writes.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, type CheckReport } from '../src/check.js';
import { makeFinding } from '../src/core/findings.js';
import { mergeReports, mergeShardReports } from '../src/merge.js';
import { finding, report } from './fixtures/action/reports.js';

function shard(
  index: number,
  names: string[],
  positions: number[],
  extra: { notices?: string[]; runCode?: 'dns-unavailable' | 'smtp-proxy-failed'; at?: string } = {},
): CheckReport {
  const run = extra.runCode === undefined ? [] : [makeFinding(extra.runCode, '', `shard ${index} says so`)];
  const base = buildReport(
    names.map((n) => report(n, [finding('tlsrpt-missing', 'notice')])),
    extra.notices ?? [],
    new Date(extra.at ?? '2026-11-29T04:00:00.000Z'),
    run,
  );
  return { ...base, shard: { index, count: 2, total: 3, positions } };
}

const file = (name: string, r: unknown) => ({ file: name, text: JSON.stringify(r) });

describe('mergeReports', () => {
  it('says run-level findings once per code and notices once, keeps the latest time, drops "shard"', () => {
    const merged = mergeReports([
      file(
        'b.json',
        shard(2, ['b.example'], [1], { notices: ['port 25 blocked'], runCode: 'dns-unavailable' }),
      ),
      file(
        'a.json',
        shard(1, ['c.example', 'a.example'], [2, 0], {
          notices: ['port 25 blocked', 'other'],
          runCode: 'dns-unavailable',
          at: '2026-11-29T04:05:00.000Z',
        }),
      ),
    ]);
    expect(merged.domains.map((d) => d.domain)).toEqual(['a.example', 'b.example', 'c.example']);
    expect(merged.runFindings.map((f) => [f.code, f.message])).toEqual([
      ['dns-unavailable', 'shard 1 says so'],
    ]);
    expect(merged.notices).toEqual(['port 25 blocked', 'other']);
    expect(merged.generatedAt).toBe('2026-11-29T04:05:00.000Z');
    expect(merged.summary).toMatchObject({ domains: 3, errors: 1, notices: 3 });
    expect(merged.causes.map((c) => c.key)).toEqual([
      'tlsrpt-missing/domain:a.example',
      'tlsrpt-missing/domain:b.example',
      'tlsrpt-missing/domain:c.example',
    ]);
    expect('shard' in merged).toBe(false);
  });

  it.each<[string, (r: CheckReport) => unknown, RegExp]>([
    [
      'a position beyond domains.yml',
      (r) => ({ ...r, shard: { ...r.shard, positions: [7] } }),
      /^b\.json: its "shard" is not \{index, count, total, positions\}/,
    ],
    [
      'positions that do not match the domains',
      (r) => ({ ...r, shard: { ...r.shard, positions: [] } }),
      /^b\.json: its "shard" is not/,
    ],
    [
      'an index beyond the count',
      (r) => ({ ...r, shard: { ...r.shard, index: 3 } }),
      /^b\.json: its "shard" is not/,
    ],
    [
      'a domain entry without findings',
      (r) => ({ ...r, domains: [{ domain: 'b.example' }] }),
      /^b\.json: not a JSON report of mta-sts-drift check --json \(generatedAt, notices, runFindings or domains/,
    ],
    ['an unreadable time', (r) => ({ ...r, generatedAt: 'yesterday' }), /^b\.json: not a JSON report/],
    [
      'two domains at the same position',
      (r) => ({ ...r, shard: { ...r.shard, positions: [0] } }),
      /^b\.json: position 0 of domains\.yml is also in a\.json/,
    ],
  ])('refuses %s, naming the file', (_name, spoil, message) => {
    const good = shard(2, ['b.example'], [1]);
    expect(() =>
      mergeReports([
        file('a.json', shard(1, ['c.example', 'a.example'], [2, 0])),
        file('b.json', spoil(good)),
      ]),
    ).toThrow(message);
  });

  it('refuses shards that hold fewer domains than domains.yml', () => {
    const one = { ...shard(1, ['a.example'], [0]), shard: { index: 1, count: 1, total: 3, positions: [0] } };
    expect(() => mergeReports([file('a.json', one)])).toThrow(
      'the shards hold 1 of the 3 domains of domains.yml',
    );
  });
});

describe('mergeShardReports (the Action merge mode)', () => {
  const entry = (id: string) => ({ id, bodyHash: 'a'.repeat(64), seenAt: '2026-11-29T04:00:00.000Z' });
  const withState = (r: CheckReport, domains: Record<string, unknown>, config = 'sha256:c1') => ({
    ...r,
    shard: { ...r.shard, config, state: { version: 2, domains } },
  });

  it("combines each shard's state for its own domains and keeps the config digest", () => {
    const merged = mergeShardReports([
      // A shard's state for a domain of another shard is not its to give: left out.
      file(
        'a.json',
        withState(shard(1, ['c.example', 'a.example'], [2, 0]), {
          'a.example': entry('a1'),
          'b.example': entry('x'),
        }),
      ),
      file('b.json', withState(shard(2, ['b.example'], [1]), { 'b.example': entry('b1') })),
    ]);
    expect(merged.config).toBe('sha256:c1');
    expect(Object.entries(merged.state?.domains ?? {}).map(([d, e]) => [d, e.id])).toEqual([
      ['a.example', 'a1'],
      ['b.example', 'b1'],
    ]);
    expect(merged.shards).toEqual(['1/2 a.json', '2/2 b.json']);
  });

  it('has no state when no shard carried one', () => {
    const merged = mergeShardReports([
      file('a.json', shard(1, ['c.example', 'a.example'], [2, 0])),
      file('b.json', shard(2, ['b.example'], [1])),
    ]);
    expect([merged.state, merged.config]).toEqual([null, null]);
  });

  it.each<[string, (r: CheckReport) => unknown, RegExp]>([
    [
      'a config digest of another domains.yml',
      (r) => withState(r, {}, 'sha256:c2'),
      /^b\.json: made from another domains\.yml than a\.json \(config sha256:c2, not sha256:c1\)/,
    ],
    [
      'a config digest that is not a string',
      (r) => ({ ...r, shard: { ...r.shard, config: 7 } }),
      /^b\.json: its "shard\.config" is not the digest/,
    ],
    [
      'a state that is not an object',
      (r) => ({ ...r, shard: { ...r.shard, config: 'sha256:c1', state: [] } }),
      /^b\.json: its "shard\.state" is not an id-freshness state/,
    ],
    [
      'a state of an unknown version',
      (r) => ({ ...r, shard: { ...r.shard, config: 'sha256:c1', state: { version: 9, domains: {} } } }),
      /^b\.json: its "shard\.state" cannot be read: state is not version 1 or 2/,
    ],
  ])('refuses %s, naming the file', (_name, spoil, message) => {
    expect(() =>
      mergeShardReports([
        file('a.json', withState(shard(1, ['c.example', 'a.example'], [2, 0]), {})),
        file('b.json', spoil(shard(2, ['b.example'], [1]))),
      ]),
    ).toThrow(message);
  });
});
