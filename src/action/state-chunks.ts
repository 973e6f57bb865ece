/**
 * State at any size (issue #9 item 2): when the id-freshness state no longer fits the state issue's body (about
 * 60,000 characters, a few hundred domains with their policy histories), it is split into buckets by a hash of the
 * domain name, each bucket gzip-compressed, base64-encoded and kept in one comment of the state issue, and the body
 * holds a manifest: the bucket count and, per bucket, the comment's id and the SHA-256 of its data.
 *
 * - **Nothing lost.** Every domain and every policy version is kept, up to MAX_BUCKETS comments (about 15 MB of
 *   compressed state, far beyond 10,000 domains); only past that are the oldest entries of a full bucket left out.
 * - **A partial write keeps the previous state.** Changed buckets are written as new comments first, the manifest
 *   last, and the replaced comments are deleted after it: until the body is rewritten, it points at the old,
 *   complete set. A run that stops half way leaves only unreferenced comments, deleted by the next write.
 * - **Only what changed is written.** A bucket none of whose domains changed (src/action/state-store.ts
 *   domainChanged) keeps its comment; one changed domain costs a new comment, the body and a delete: 3 writes.
 * - **Damage is harmless.** A missing comment, a hash that does not match, data that does not decompress (bounded,
 *   so a bomb fails at the limit) or parse: the state is empty for this run, said once, and the next write
 *   replaces every bucket.
 * - **Forgery-proof.** Anyone who can comment on the issue can add a comment that looks like a chunk; only those
 *   whose ids the manifest names, with the data that hashes to what it says, are read.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { PolicyStateEntry } from '../core/types.js';
import { domainMap, parseState, STATE_VERSION, type StateFile } from '../state/state-file.js';

/** Base64 characters per comment: under GitHub's 65,536 with the marker lines around them. */
export const MAX_CHUNK_CHARS = 60_000;
/** At most this many comments; a power of two, as bucket counts are. */
export const MAX_BUCKETS = 256;
/** Decompressed size allowed per chunk: a damaged or hostile comment fails here, not in memory. */
const MAX_CHUNK_BYTES = 32 * 1024 * 1024;

const MANIFEST_BLOCK = /^<!-- mta-sts-drift:state-manifest\r?\n([^\r\n]*)\r?\n-->\r?$/m;
const CHUNK = /^<!-- mta-sts-drift:state-chunk=(\d+)\/(\d+)\r?\n([A-Za-z0-9+/=]*)\r?\n-->\s*$/;

/** One stored bucket: its index, the comment that holds it, the SHA-256 (hex) of its base64 data. */
export interface ChunkRef {
  readonly index: number;
  readonly comment: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly buckets: number;
  readonly chunks: readonly ChunkRef[];
}

/** How the state read by this run was stored, for the next write to reuse and clean up. */
export interface StoredLayout {
  readonly manifest: Manifest | null;
  /** Chunk comments the manifest does not name: left by an interrupted write, deleted by the next one. */
  readonly orphans: readonly number[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;

/** The bucket of a domain: the first 32 bits of its SHA-256, modulo the bucket count (a power of two). */
export function bucketOf(domain: string, buckets: number): number {
  return createHash('sha256').update(domain).digest().readUInt32BE(0) % buckets;
}

/** The manifest in a state issue body; null when there is none, 'invalid' when there is one that does not parse. */
export function parseManifest(body: string): Manifest | null | 'invalid' {
  const raw = MANIFEST_BLOCK.exec(body)?.[1];
  if (raw === undefined) return null;
  try {
    const data = JSON.parse(raw) as { version?: unknown; buckets?: unknown; chunks?: unknown };
    const { buckets, chunks } = data;
    if (typeof buckets !== 'number' || !isPowerOfTwo(buckets) || buckets > MAX_BUCKETS) return 'invalid';
    if (!Array.isArray(chunks)) return 'invalid';
    const refs = chunks.map((c: unknown): ChunkRef | null => {
      const { index, comment, sha256: hash } = (c ?? {}) as Record<string, unknown>;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= buckets) return null;
      if (typeof comment !== 'number' || !Number.isSafeInteger(comment)) return null;
      if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return null;
      return { index, comment, sha256: hash };
    });
    if (refs.some((r) => r === null)) return 'invalid';
    return { buckets, chunks: refs as ChunkRef[] };
  } catch {
    return 'invalid';
  }
}

/** The manifest block of the body. Plain JSON of numbers and hex: nothing in it can end the comment. */
export function manifestBlock(manifest: Manifest): string {
  const chunks = [...manifest.chunks].sort((a, b) => a.index - b.index);
  return `<!-- mta-sts-drift:state-manifest\n${JSON.stringify({ version: 3, buckets: manifest.buckets, chunks })}\n-->`;
}

/** One bucket's entries as base64 of gzip of state JSON (version 2, so parseState validates it on the way back). */
export function encodeBucket(entries: readonly [string, PolicyStateEntry][]): string {
  const domains = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return gzipSync(Buffer.from(JSON.stringify({ version: STATE_VERSION, domains }), 'utf8')).toString(
    'base64',
  );
}

export function chunkComment(index: number, buckets: number, data: string): string {
  return `<!-- mta-sts-drift:state-chunk=${index}/${buckets}\n${data}\n-->`;
}

/** The chunk a comment holds, or null when it is no chunk comment. */
function parseChunk(body: string): { index: number; buckets: number; data: string } | null {
  const match = CHUNK.exec(body);
  if (match === null) return null;
  return { index: Number(match[1]), buckets: Number(match[2]), data: match[3] ?? '' };
}

/** Read a chunked state from the manifest and the comments. Never throws. */
export function readChunks(
  manifest: Manifest,
  comments: readonly { id: number; body: string }[],
): { domains: Record<string, PolicyStateEntry> | null; warning: string | null; orphans: number[] } {
  const byId = new Map(comments.map((c) => [c.id, c.body]));
  const named = new Set(manifest.chunks.map((c) => c.comment));
  const orphans = comments.filter((c) => !named.has(c.id) && parseChunk(c.body) !== null).map((c) => c.id);
  const domains = domainMap();
  for (const ref of manifest.chunks) {
    const where = `chunk ${ref.index + 1} of ${manifest.buckets} (comment ${ref.comment})`;
    const chunk = parseChunk(byId.get(ref.comment) ?? '');
    if (chunk === null) return { domains: null, warning: `${where} is missing`, orphans };
    if (chunk.index !== ref.index || chunk.buckets !== manifest.buckets || sha256(chunk.data) !== ref.sha256)
      return {
        domains: null,
        warning: `${where} does not match the manifest (edited or half written)`,
        orphans,
      };
    let text: string;
    try {
      text = gunzipSync(Buffer.from(chunk.data, 'base64'), { maxOutputLength: MAX_CHUNK_BYTES }).toString(
        'utf8',
      );
    } catch (error) {
      return {
        domains: null,
        warning: `${where} does not decompress (${(error as Error).message})`,
        orphans,
      };
    }
    const parsed = parseState(text);
    if (parsed.warning !== null) return { domains: null, warning: `${where}: ${parsed.warning}`, orphans };
    Object.assign(domains, parsed.state.domains);
  }
  return { domains, warning: null, orphans };
}

/** What a chunked write does: buckets kept as they are, new comments, comments deleted after the manifest. */
export interface ChunkedWrite {
  readonly buckets: number;
  readonly keep: readonly ChunkRef[];
  readonly create: readonly { readonly index: number; readonly data: string }[];
  readonly remove: readonly number[];
  /** Entries left out because a bucket was full at MAX_BUCKETS. */
  readonly dropped: number;
}

/** The smallest power of two with room for `chars` of data (a quarter spare, as buckets are uneven). */
function bucketsFor(chars: number): number {
  let buckets = 1;
  while (buckets < MAX_BUCKETS && buckets * MAX_CHUNK_CHARS < chars * 1.25) buckets *= 2;
  return buckets;
}

/** Split `entries` by bucket. */
function split(
  entries: readonly [string, PolicyStateEntry][],
  buckets: number,
): [string, PolicyStateEntry][][] {
  const parts: [string, PolicyStateEntry][][] = Array.from({ length: buckets }, () => []);
  for (const entry of entries) parts[bucketOf(entry[0], buckets)]?.push(entry);
  return parts;
}

/** A full bucket at MAX_BUCKETS: the least recently seen entries go until it fits. */
function squeeze(entries: [string, PolicyStateEntry][]): { data: string; dropped: number } {
  const sorted = [...entries].sort((a, b) =>
    a[1].seenAt < b[1].seenAt ? 1 : a[1].seenAt > b[1].seenAt ? -1 : 0,
  );
  let kept = sorted.length;
  let data = encodeBucket(sorted);
  while (data.length > MAX_CHUNK_CHARS && kept > 0) {
    kept = Math.floor(kept * 0.9);
    data = encodeBucket(sorted.slice(0, kept));
  }
  return { data, dropped: sorted.length - kept };
}

/**
 * Plan a chunked write of `next`. A bucket is kept when the stored layout has it, `previous` (read from it) has
 * domains in it, and none of its domains changed; otherwise it is encoded anew. When a new bucket does not fit a
 * comment, the bucket count doubles and every bucket is written again (rare: the count only grows with the fleet).
 */
export function planChunkedWrite(
  previous: StateFile,
  next: StateFile,
  layout: StoredLayout | null,
  changed: (domain: string) => boolean,
): ChunkedWrite {
  const entries = Object.entries(next.domains);
  const stored = layout?.manifest ?? null;
  let buckets = stored?.buckets ?? bucketsFor(encodeBucket(entries).length);
  for (;;) {
    const reuse = stored !== null && stored.buckets === buckets;
    const before = split(Object.entries(previous.domains), buckets);
    const after = split(entries, buckets);
    const keep: ChunkRef[] = [];
    const create: { index: number; data: string }[] = [];
    let dropped = 0;
    let overflow = false;
    for (let index = 0; index < buckets; index++) {
      const old = before[index] ?? [];
      const now = after[index] ?? [];
      const ref = reuse ? stored.chunks.find((c) => c.index === index) : undefined;
      const same = old.length > 0 && ![...old, ...now].some(([d]) => changed(d));
      if (ref !== undefined && same) {
        keep.push(ref);
        continue;
      }
      if (now.length === 0) continue;
      let data = encodeBucket(now);
      if (data.length > MAX_CHUNK_CHARS && buckets < MAX_BUCKETS) {
        overflow = true;
        break;
      }
      if (data.length > MAX_CHUNK_CHARS) {
        const squeezed = squeeze(now);
        data = squeezed.data;
        dropped += squeezed.dropped;
      }
      create.push({ index, data });
    }
    if (overflow) {
      buckets *= 2;
      continue;
    }
    const kept = new Set(keep.map((k) => k.comment));
    const remove = [
      ...(stored?.chunks ?? []).map((c) => c.comment).filter((id) => !kept.has(id)),
      ...(layout?.orphans ?? []),
    ];
    return { buckets, keep, create, remove, dropped };
  }
}
