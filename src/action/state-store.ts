/**
 * The id-freshness state between scheduled runs, kept in a hidden block of one dedicated, closed issue that carries
 * the action's label (issue #3). It needs only `issues: write`, is found by the same label listing that finds the
 * drift issues (no extra read), survives cache eviction, and can be inspected (or deleted) by a person.
 *
 * Losing it is harmless by construction: an empty or unreadable state means "nothing known yet", and the engine
 * raises stale-policy-id only when a remembered id meets a changed policy (src/core/freshness.ts).
 */
import type { PolicyHistory } from '../core/policy-history.js';
import type { PolicyStateEntry } from '../core/types.js';
import type { IssueRecord } from '../report/issues.js';
import { domainMap, EMPTY_STATE, parseState, STATE_VERSION, type StateFile } from '../state/state-file.js';
import { MAX_COMMENT_PAGES, type GitHubApi } from './github-client.js';
import {
  manifestBlock,
  parseManifest,
  planChunkedWrite,
  readChunks,
  type ChunkedWrite,
  type Manifest,
  type StoredLayout,
} from './state-chunks.js';

const STATE_MARKER = '<!-- mta-sts-drift:state -->';
/** The data block: whole lines of its own, the JSON on one line (inertJson has no line break). */
const DATA_BLOCK = /^<!-- mta-sts-drift:state-data\r?\n([^\r\n]*)\r?\n-->\r?$/m;

export const STATE_ISSUE_TITLE = 'mta-sts-drift state (kept by the action; do not edit)';

/** Room left for the data in an issue body (GitHub's limit is 65,536 characters). */
export const MAX_STATE_CHARS = 60_000;

/**
 * Is this the state issue? Its title, and the marker as the whole first line (issue #11 item 5): a drift issue
 * quoting remote text, or a person pasting the marker into another issue, must never have its body taken for the
 * state and overwritten.
 */
export function isStateIssue(issue: IssueRecord): boolean {
  const first = issue.body.split('\n', 1)[0]?.replace(/\r$/, '');
  return issue.title === STATE_ISSUE_TITLE && first === STATE_MARKER;
}

/** The state issue: the lowest numbered one (a race can create a second one; it is ignored). */
export function findStateIssue(issues: readonly IssueRecord[]): IssueRecord | null {
  const found = issues.filter(isStateIssue).sort((a, b) => a.number - b.number);
  return found[0] ?? null;
}

/** Read the state from the listed issues. A missing or damaged block yields an empty state and maybe a warning. */
export function readStateFromIssues(issues: readonly IssueRecord[]): {
  state: StateFile;
  issue: IssueRecord | null;
  warning: string | null;
} {
  const issue = findStateIssue(issues);
  if (issue === null) return { state: EMPTY_STATE, issue, warning: null };
  const data = DATA_BLOCK.exec(issue.body)?.[1];
  if (data === undefined) {
    return {
      state: EMPTY_STATE,
      issue,
      warning: `state issue #${issue.number} has no data block; starting afresh`,
    };
  }
  const parsed = parseState(data);
  const warning = parsed.warning === null ? null : `state issue #${issue.number}: ${parsed.warning}`;
  return { state: parsed.state, issue, warning };
}

/**
 * JSON that cannot end the HTML comment around it: `<`, `>` and `&` become \u escapes, which JSON reads back
 * unchanged.
 */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Per-domain bounds tried in turn when the histories do not fit: the oldest versions go first (issue #8 item 1). */
const HISTORY_BOUNDS = [Infinity, 10, 5, 3, 2, 1, 0];

/** Each domain's history cut to its `bound` most recently first seen versions. */
function boundHistories(
  entries: readonly [string, PolicyStateEntry][],
  bound: number,
): { entries: [string, PolicyStateEntry][]; trimmed: number } {
  let trimmed = 0;
  const cut = entries.map(([domain, entry]): [string, PolicyStateEntry] => {
    const history = entry.history ?? [];
    if (history.length <= bound) return [domain, entry];
    trimmed += history.length - bound;
    const { id, bodyHash, seenAt, mode, maxAge, mx } = entry;
    const rest: PolicyStateEntry = {
      id,
      bodyHash,
      seenAt,
      ...(mode === undefined ? {} : { mode }),
      ...(maxAge === undefined ? {} : { maxAge }),
      ...(mx === undefined ? {} : { mx }),
    };
    return [domain, bound === 0 ? rest : { ...rest, history: history.slice(-bound) }];
  });
  return { entries: cut, trimmed };
}

/**
 * Keep what fits. First the policy histories shrink, oldest versions first, down to none (a version left out only
 * shortens what the cache-aware verdict knows, issue #8); then the least recently seen domains are left out, which
 * only skips their freshness check until they are seen again: the documented cost of losing state.
 */
function fitting(state: StateFile): { state: StateFile; dropped: number; trimmed: number } {
  const sorted = Object.entries(state.domains).sort((a, b) =>
    a[1].seenAt < b[1].seenAt ? 1 : a[1].seenAt > b[1].seenAt ? -1 : 0,
  );
  const sizeOf = (list: readonly [string, PolicyStateEntry][]): number =>
    list.reduce((size, [domain, entry]) => size + inertJson({ [domain]: entry }).length, 100);
  let bounded = boundHistories(sorted, 0);
  for (const bound of HISTORY_BOUNDS) {
    const candidate = boundHistories(sorted, bound);
    if (sizeOf(candidate.entries) <= MAX_STATE_CHARS || bound === 0) {
      bounded = candidate;
      break;
    }
  }
  const kept = domainMap();
  let size = 100;
  for (const [domain, entry] of bounded.entries) {
    size += inertJson({ [domain]: entry }).length;
    if (size > MAX_STATE_CHARS) break;
    kept[domain] = entry;
  }
  return {
    state: { version: STATE_VERSION, domains: kept },
    dropped: sorted.length - Object.keys(kept).length,
    trimmed: bounded.trimmed,
  };
}

const EXPLANATION =
  'This issue holds the memory of the mta-sts-drift action between scheduled runs: for each domain, ' +
  'the last MTA-STS policy id and a hash of what the policy says, to detect a policy changed without a new id ' +
  '(RFC 8461 §3.1), and the policy versions senders may still hold in their caches (§3.2). The action keeps ' +
  'it closed and rewrites it; deleting it only skips those checks for one run.';

/** The state issue body: an explanation for people, the data for the action. */
export function renderStateBody(state: StateFile): { body: string; dropped: number; trimmed: number } {
  const fit = fitting(state);
  const body = [
    STATE_MARKER,
    EXPLANATION,
    '',
    `<!-- mta-sts-drift:state-data\n${inertJson(fit.state)}\n-->`,
  ].join('\n');
  return { body, dropped: fit.dropped, trimmed: fit.trimmed };
}

/** The body of a chunked state (issue #9 item 2): the manifest; the data is in the comments it names. */
export function renderManifestBody(manifest: Manifest): string {
  const note =
    'The state is too large for this description: it is kept, compressed, in the comments of this issue that the ' +
    'manifest below names. Do not edit or delete them; if one is damaged, the next run starts afresh and rewrites ' +
    'them all.';
  return [STATE_MARKER, EXPLANATION, '', note, '', manifestBlock(manifest)].join('\n');
}

/** A state issue just created, before its chunks are written: marker and explanation, no data. */
export function placeholderStateBody(): string {
  return [STATE_MARKER, EXPLANATION].join('\n');
}

/** How each loaded state was stored (a chunked layout), for the write that follows; see state-chunks.ts. */
const layouts = new WeakMap<StateFile, StoredLayout>();

/**
 * Read the state from the listed issues, with the comments of a chunked state (1 read per 100 comments). A
 * missing or damaged block or chunk yields an empty state and one warning; it never throws for the data.
 */
export async function loadStateFromIssues(
  issues: readonly IssueRecord[],
  api: Pick<GitHubApi, 'listComments'>,
): Promise<{ state: StateFile; issue: IssueRecord | null; warning: string | null }> {
  const issue = findStateIssue(issues);
  const manifest = issue === null ? null : parseManifest(issue.body);
  if (issue === null || manifest === null) return readStateFromIssues(issues);
  const empty = (warning: string, layout: StoredLayout) => {
    // A fresh object, not EMPTY_STATE, so that the layout (what to delete) goes with it.
    const state: StateFile = { version: STATE_VERSION, domains: domainMap() };
    layouts.set(state, layout);
    return { state, issue, warning: `state issue #${issue.number}: ${warning}; starting afresh` };
  };
  if (manifest === 'invalid') return empty('the manifest is damaged', { manifest: null, orphans: [] });
  const comments = await api.listComments(issue.number);
  const read = readChunks(manifest, comments);
  if (read.domains === null) {
    const flooded =
      comments.length >= MAX_COMMENT_PAGES * 100
        ? ` (only the first ${comments.length} comments are read: delete the comments the action did not write)`
        : '';
    return empty(`${read.warning ?? 'unreadable'}${flooded}`, { manifest, orphans: read.orphans });
  }
  const state: StateFile = { version: STATE_VERSION, domains: read.domains };
  layouts.set(state, { manifest, orphans: read.orphans });
  return { state, issue, warning: null };
}

/**
 * Has a history changed enough to write? A version added, pruned or replaced, or a version's last sighting moved
 * by more than a tenth of its max_age: how long senders hold it counts from that sighting (RFC 8461 §3.2), so the
 * stored one may lag by at most that much, without a write every night (issue #8 item 1).
 */
function historyChanged(before: PolicyHistory, after: PolicyHistory): boolean {
  if (before.length !== after.length) return true;
  return after.some((v, i) => {
    const old = before[i];
    if (old === undefined || old.id !== v.id || old.hash !== v.hash || old.replacedAt !== v.replacedAt)
      return true;
    return Date.parse(v.lastSeen) - Date.parse(old.lastSeen) > (v.maxAge * 1000) / 10;
  });
}

/** Has this domain's entry changed enough to write: its id or policy hash, its presence, or its history (above)? */
export function domainChanged(before: StateFile, after: StateFile, d: string): boolean {
  const a = before.domains[d];
  const b = after.domains[d];
  return a?.id !== b?.id || a?.bodyHash !== b?.bodyHash || historyChanged(a?.history ?? [], b?.history ?? []);
}

/**
 * Does the state need writing? Only when a domain's id or policy hash changed, appeared or went away, or its
 * history changed (above): refreshing `seenAt` alone would write every night for nothing.
 */
export function stateChanged(before: StateFile, after: StateFile): boolean {
  const names = new Set([...Object.keys(before.domains), ...Object.keys(after.domains)]);
  return [...names].some((d) => domainChanged(before, after, d));
}

/** Does the whole state fit the body? Stops counting at the limit. */
function fitsBody(state: StateFile): boolean {
  let size = 100;
  for (const [domain, entry] of Object.entries(state.domains)) {
    size += inertJson({ [domain]: entry }).length;
    if (size > MAX_STATE_CHARS) return false;
  }
  return true;
}

/** How the next state is written: whole in the body when it fits, else chunked (issue #9 item 2). */
export type StateWrite =
  | { readonly kind: 'body'; readonly body: string; readonly remove: readonly number[] }
  | ({ readonly kind: 'chunks' } & ChunkedWrite);

/**
 * Plan the write of `next` over `previous` (as loaded by loadStateFromIssues). In the body when it fits whole
 * (the chunks of an earlier, larger state are then deleted); else in chunks, writing only the buckets that changed.
 */
export function planStateWrite(previous: StateFile, next: StateFile): StateWrite {
  const layout = layouts.get(previous) ?? null;
  // Counting stops at the limit: a large state is not serialised whole, nor tried at every history bound.
  const plain = fitsBody(next) ? renderStateBody(next) : null;
  if (plain !== null && plain.dropped === 0 && plain.trimmed === 0) {
    const remove = [...(layout?.manifest?.chunks ?? []).map((c) => c.comment), ...(layout?.orphans ?? [])];
    return { kind: 'body', body: plain.body, remove };
  }
  const write = planChunkedWrite(previous, next, layout, (d) => domainChanged(previous, next, d));
  return { kind: 'chunks', ...write };
}
