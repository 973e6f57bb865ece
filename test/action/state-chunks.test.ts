/** The chunked state's pure parts (issue #9 item 2): buckets, the manifest, reading chunks, planning a write. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  chunkComment,
  manifestBlock,
  parseManifest,
  planChunkedWrite,
  readChunks,
  sha256,
} from '../../src/action/state-chunks.js';
import {
  loadStateFromIssues,
  planStateWrite,
  renderManifestBody,
  STATE_ISSUE_TITLE,
} from '../../src/action/state-store.js';
import type { PolicyStateEntry } from '../../src/core/types.js';
import { domainMap, type StateFile } from '../../src/state/state-file.js';

const entry = (id: string): PolicyStateEntry => ({
  id,
  bodyHash: sha256(id),
  seenAt: '2026-06-01T00:00:00.000Z',
  mode: 'enforce',
  maxAge: 86400,
  mx: ['mx.example'],
});

function state(n: number, id = (d: string) => `id-${d}`): StateFile {
  const domains = domainMap();
  for (let i = 0; i < n; i++) domains[`d${i}.example`] = entry(id(`d${i}.example`));
  return { version: 2, domains };
}

describe('buckets and the manifest', () => {
  it('a domain keeps its bucket, and doubling the count splits each bucket in two', () => {
    expect(bucketOf('example.com', 64)).toBe(bucketOf('example.com', 64));
    for (const d of ['a.example', 'b.example', 'c.example'])
      expect(bucketOf(d, 128) % 64).toBe(bucketOf(d, 64));
  });

  it('reads back what it writes and refuses anything else', () => {
    const manifest = { buckets: 2, chunks: [{ index: 1, comment: 7, sha256: sha256('x') }] };
    expect(parseManifest(`x\n${manifestBlock(manifest)}`)).toEqual(manifest);
    expect(parseManifest('no manifest')).toBeNull();
    const bad = (json: string) => parseManifest(`<!-- mta-sts-drift:state-manifest\n${json}\n-->`);
    expect(bad('{"buckets":3,"chunks":[]}')).toBe('invalid');
    expect(bad('{"buckets":2,"chunks":[{"index":2,"comment":1,"sha256":"00"}]}')).toBe('invalid');
    expect(bad('not json')).toBe('invalid');
  });
});

describe('readChunks', () => {
  it('a chunk that decompresses past the bound is damage, not a crash', () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)).toString('base64');
    const manifest = { buckets: 1, chunks: [{ index: 0, comment: 5, sha256: sha256(bomb) }] };
    const read = readChunks(manifest, [{ id: 5, body: chunkComment(0, 1, bomb) }]);
    expect(read.domains).toBeNull();
    expect(read.warning).toMatch(/does not decompress/);
  });

  it('a chunk of version 1 entries is migrated like a version 1 body', () => {
    const v1 = gzipSync(
      JSON.stringify({ version: 1, domains: { 'a.example': { ...entry('1'), history: undefined } } }),
    ).toString('base64');
    const manifest = { buckets: 1, chunks: [{ index: 0, comment: 5, sha256: sha256(v1) }] };
    const read = readChunks(manifest, [{ id: 5, body: chunkComment(0, 1, v1) }]);
    expect(read.domains?.['a.example']?.history).toEqual([
      expect.objectContaining({ id: '1', firstSeen: '2026-06-01T00:00:00.000Z' }),
    ]);
  });
});

describe('planStateWrite', () => {
  it('a state that fits stays in the body; a large one is chunked, every chunk under the limit', () => {
    expect(planStateWrite(state(0), state(10)).kind).toBe('body');
    const write = planStateWrite(state(0), state(3000));
    expect(write.kind).toBe('chunks');
    if (write.kind !== 'chunks') return;
    expect(write.create.length).toBe(write.buckets);
    expect(Math.max(...write.create.map((c) => c.data.length))).toBeLessThanOrEqual(60_000);
  });

  it('with a stored layout only the changed bucket is written, and the replaced comment removed', async () => {
    const before = state(3000);
    const first = planChunkedWrite(state(0), before, null, () => true);
    expect(first.buckets).toBeGreaterThan(1);
    const comments = first.create.map((c, i) => ({
      id: 100 + i,
      body: chunkComment(c.index, first.buckets, c.data),
    }));
    const chunks = first.create.map((c, i) => ({ index: c.index, comment: 100 + i, sha256: sha256(c.data) }));
    const body = renderManifestBody({ buckets: first.buckets, chunks });
    const issue = { number: 1, state: 'closed' as const, title: STATE_ISSUE_TITLE, body };
    const loaded = await loadStateFromIssues([issue], { listComments: () => Promise.resolve(comments) });
    expect(loaded.warning).toBeNull();
    expect(loaded.state.domains).toEqual(before.domains);
    const next = state(3000, (d) => (d === 'd7.example' ? 'changed' : `id-${d}`));
    const write = planStateWrite(loaded.state, next);
    if (write.kind !== 'chunks') throw new Error('expected chunks');
    const bucket = bucketOf('d7.example', first.buckets);
    expect(write.create.map((c) => c.index)).toEqual([bucket]);
    expect(write.keep).toHaveLength(first.buckets - 1);
    expect(write.remove).toEqual([chunks.find((c) => c.index === bucket)?.comment]);
  });
});
