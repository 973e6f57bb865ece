/**
 * The id-freshness memory (`--state FILE`): per domain, the last policy's hash, its id and when it was seen.
 * A missing or unreadable state only costs the freshness check for one run; it never causes a false alarm.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { getSystemErrorMessage } from 'node:util';
import type { PolicyStateEntry } from '../core/types.js';

export const STATE_VERSION = 1;

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

/** Keep the required fields and whichever optional ones have the right type. */
function readEntry(entry: PolicyStateEntry): PolicyStateEntry {
  const { id, bodyHash, seenAt, mode, maxAge, mx } = entry;
  return {
    id,
    bodyHash,
    seenAt,
    ...(mode === 'enforce' || mode === 'testing' || mode === 'none' ? { mode } : {}),
    ...(typeof maxAge === 'number' ? { maxAge } : {}),
    ...(Array.isArray(mx) && mx.every((m) => typeof m === 'string') ? { mx } : {}),
  };
}

/** Parse state JSON; anything unexpected yields an empty state and a warning, never an exception. */
export function parseState(text: string): { state: StateFile; warning: string | null } {
  try {
    const data = JSON.parse(text) as unknown;
    if (
      typeof data !== 'object' ||
      data === null ||
      (data as { version?: unknown }).version !== STATE_VERSION
    ) {
      return { state: EMPTY_STATE, warning: `state is not version ${STATE_VERSION}; starting afresh` };
    }
    const raw = (data as { domains?: unknown }).domains;
    const domains = domainMap();
    for (const [domain, entry] of Object.entries(typeof raw === 'object' && raw !== null ? raw : {})) {
      if (isEntry(entry)) domains[domain] = readEntry(entry);
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
