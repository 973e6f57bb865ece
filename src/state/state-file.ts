/**
 * The id-freshness memory (`--state FILE`): per domain, the last policy's hash, its id and when it was seen, and
 * (version 2, issue #8 item 1) the history of policy versions senders may still hold.
 * A missing or unreadable state only costs the freshness check for one run; it never causes a false alarm.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { getSystemErrorMessage } from 'node:util';
import { MAX_VERSIONS_PER_DOMAIN, type PolicyHistory, type PolicyVersion } from '../core/policy-history.js';
import { MAX_AGE_LIMIT } from '../core/policy.js';
import type { PolicyStateEntry } from '../core/types.js';

/** Version 2 adds `history` to each entry (issue #8 item 1); version 1 is still read and migrated. */
export const STATE_VERSION = 2;

export interface StateFile {
  readonly version: typeof STATE_VERSION;
  readonly domains: Readonly<Record<string, PolicyStateEntry>>;
}

/**
 * A map of domains without a prototype (issue #11 item 8): state comes from an editable issue or file, and a key
 * such as `__proto__` or `constructor` must be a domain like any other, neither a setter nor an inherited value.
 */
export function domainMap(): Record<string, PolicyStateEntry> {
  return Object.create(null) as Record<string, PolicyStateEntry>;
}

export const EMPTY_STATE: StateFile = Object.freeze({
  version: STATE_VERSION,
  domains: Object.freeze(domainMap()),
});

function isEntry(value: unknown): value is PolicyStateEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['id'] === 'string' && typeof v['bodyHash'] === 'string' && typeof v['seenAt'] === 'string';
}

const isMode = (mode: unknown): mode is PolicyVersion['mode'] =>
  mode === 'enforce' || mode === 'testing' || mode === 'none';
/**
 * A time as this program writes it: a four-digit year, so that adding a max_age to it stays a date. State comes
 * from an editable issue or file; `+275760-09-13T00:00:00Z` parses, but a cache end after it is no date and
 * `toISOString` would throw, ending the run.
 */
const isTime = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-/.test(value) && !Number.isNaN(Date.parse(value));
/** max_age as a valid policy can carry it (RFC 8461 §3.2: at most 31557600); anything larger is no policy's. */
const isMaxAge = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_AGE_LIMIT;
const isHostList = (mx: unknown): mx is string[] =>
  Array.isArray(mx) && mx.every((m) => typeof m === 'string');

/** One stored history version, or null when any field is missing or of the wrong type (it is then left out). */
function readVersion(value: unknown): PolicyVersion | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, hash, mode, maxAge, mx, firstSeen, lastSeen, replacedAt } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof hash !== 'string' || !isMode(mode)) return null;
  if (!isMaxAge(maxAge) || !isHostList(mx)) return null;
  if (!isTime(firstSeen) || !isTime(lastSeen)) return null;
  return {
    id,
    hash,
    mode,
    maxAge,
    mx,
    firstSeen,
    lastSeen,
    ...(isTime(replacedAt) ? { replacedAt } : {}),
  };
}

/**
 * Version 1 kept only the latest policy: it becomes a one-version history (issue #8 item 1), nothing lost. An
 * entry written before mode, max_age and mx were kept cannot say what senders hold: its history stays empty.
 */
export function migrateEntry(entry: PolicyStateEntry): PolicyHistory {
  const { id, bodyHash, seenAt, mode, maxAge, mx } = entry;
  if (mode === undefined || maxAge === undefined || mx === undefined || !isTime(seenAt)) return [];
  return [{ id, hash: bodyHash, mode, maxAge, mx, firstSeen: seenAt, lastSeen: seenAt }];
}

/** Keep the required fields and whichever optional ones have the right type. */
function readEntry(entry: PolicyStateEntry, version: 1 | 2): PolicyStateEntry {
  const { id, bodyHash, seenAt, mode, maxAge, mx } = entry;
  const kept: PolicyStateEntry = {
    id,
    bodyHash,
    seenAt,
    ...(isMode(mode) ? { mode } : {}),
    ...(isMaxAge(maxAge) ? { maxAge } : {}),
    ...(isHostList(mx) ? { mx } : {}),
  };
  const raw: unknown = entry.history;
  const history =
    version === 1
      ? migrateEntry(kept)
      : (Array.isArray(raw) ? raw : [])
          .map(readVersion)
          .filter((v): v is PolicyVersion => v !== null)
          .slice(-MAX_VERSIONS_PER_DOMAIN);
  return history.length === 0 ? kept : { ...kept, history };
}

/** Parse state JSON; anything unexpected yields an empty state and a warning, never an exception. */
export function parseState(text: string): { state: StateFile; warning: string | null } {
  try {
    const data = JSON.parse(text) as unknown;
    const version =
      typeof data === 'object' && data !== null ? (data as { version?: unknown }).version : null;
    if (version !== 1 && version !== STATE_VERSION) {
      return { state: EMPTY_STATE, warning: `state is not version 1 or ${STATE_VERSION}; starting afresh` };
    }
    const raw = (data as { domains?: unknown }).domains;
    const domains = domainMap();
    for (const [domain, entry] of Object.entries(typeof raw === 'object' && raw !== null ? raw : {})) {
      if (isEntry(entry)) domains[domain] = readEntry(entry, version);
    }
    return { state: { version: STATE_VERSION, domains }, warning: null };
  } catch (error) {
    return {
      state: EMPTY_STATE,
      warning: `state is not valid JSON (${(error as Error).message}); starting afresh`,
    };
  }
}

/** Why the file system refused, in words a person reads: "it is a folder", "Permission denied (EACCES)". */
function refusal(error: unknown): string {
  const { errno, code, message } = error as NodeJS.ErrnoException;
  if (code === 'EISDIR') return 'it is a folder';
  // mkdir -p says EEXIST when a part of the folder path is a file; a later open says ENOTDIR.
  if (code === 'ENOTDIR' || code === 'EEXIST') return `a part of the path is a file, not a folder (${code})`;
  if (typeof errno !== 'number') return String(message);
  return `${getSystemErrorMessage(errno)}${code === undefined ? '' : ` (${code})`}`;
}

/** Read a state file; a missing file is a normal first run. */
export async function readStateFile(path: string): Promise<{ state: StateFile; warning: string | null }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: EMPTY_STATE, warning: null };
    return {
      state: EMPTY_STATE,
      warning: `cannot read the state from ${path}: ${refusal(error)}; starting afresh`,
    };
  }
  const parsed = parseState(text);
  return { state: parsed.state, warning: parsed.warning === null ? null : `${path}: ${parsed.warning}` };
}

/**
 * Write atomically (temporary file, then rename) so an interrupted run never leaves half a file. The parent
 * folders are created: with actions/cache the folder is missing on the first run (issue #11 item 2).
 *
 * Never throws: losing the state only costs the next run its id-freshness check, so a refused write is returned
 * as a warning (with the path and the reason) for the caller to print after its report, and the temporary file is
 * removed.
 */
export async function writeStateFile(path: string, state: StateFile): Promise<string | null> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
    await rename(temporary, path);
    return null;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    return `cannot save the state to ${path}: ${refusal(error)}; the next run checks id freshness afresh`;
  }
}
