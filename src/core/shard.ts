/**
 * Sharding (issue #9 item 3): `check --shard I/N` checks a stable slice of domains.yml, so N jobs of a GitHub
 * Actions matrix share a fleet and `merge` puts their reports back together.
 *
 * A domain belongs to shard `1 + (H mod N)`, where H is the first 32 bits (big-endian) of the SHA-256 of its
 * normalised name (lower case, A-labels, no trailing dot: the form domains.yml is loaded in). The slice depends on
 * the name alone, so adding or removing a domain never moves any other domain to another shard.
 */
import { createHash } from 'node:crypto';

/** Shard `index` of `count`, both counted from 1. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** More jobs than a matrix can run (GitHub allows 256 per workflow run) gain nothing. */
export const MAX_SHARDS = 256;

/** `I/N` with 1 <= I <= N <= MAX_SHARDS, or why not. */
export function parseShard(text: string): { ok: true; value: Shard } | { ok: false; reason: string } {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (match === null) return { ok: false, reason: 'is not of the form I/N, e.g. 1/4' };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) {
    return { ok: false, reason: `has N = ${count}; expected 1 to ${MAX_SHARDS} shards` };
  }
  if (index < 1 || index > count) return { ok: false, reason: `has I = ${index}; expected 1 to ${count}` };
  return { ok: true, value: { index, count } };
}

/** The shard (1 to `count`) of a normalised domain name. */
export function shardOf(domain: string, count: number): number {
  const hash = createHash('sha256').update(domain, 'utf8').digest();
  return 1 + (hash.readUInt32BE(0) % count);
}

/** The items of `shard`, in their order, with their 0-based positions in `items`. */
export function selectShard<T extends { readonly domain: string }>(
  items: readonly T[],
  shard: Shard,
): { items: T[]; positions: number[] } {
  const positions = items.flatMap((item, i) =>
    shardOf(item.domain, shard.count) === shard.index ? [i] : [],
  );
  return { items: positions.map((i) => items[i] as T), positions };
}

/**
 * A digest of the configuration the shards were checked against: every entry of domains.yml as loaded (inputs
 * such as cert-warning-days included), without its line and column, so that merge refuses shards made from
 * different configs (issue #9 item 3) while a comment added above an entry changes nothing.
 */
export function configDigest(
  expectations: readonly { readonly domain: string; readonly line: number; readonly column: number }[],
): string {
  const entries = expectations.map((e) =>
    Object.fromEntries(Object.entries(e).filter(([key]) => key !== 'line' && key !== 'column')),
  );
  return `sha256:${createHash('sha256').update(JSON.stringify(entries), 'utf8').digest('hex')}`;
}
