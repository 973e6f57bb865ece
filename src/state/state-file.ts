/**
 * The id-freshness memory (`--state FILE`): per domain, the last policy's hash, its id and when it was seen.
 * A missing or unreadable state only costs the freshness check for one run; it never causes a false alarm.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
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

/** Read a state file; a missing file is a normal first run. */
export async function readStateFile(path: string): Promise<{ state: StateFile; warning: string | null }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: EMPTY_STATE, warning: null };
    return {
      state: EMPTY_STATE,
      warning: `cannot read state ${path} (${(error as Error).message}); starting afresh`,
    };
  }
  const parsed = parseState(text);
  return { state: parsed.state, warning: parsed.warning === null ? null : `${path}: ${parsed.warning}` };
}

/** Write atomically (temporary file, then rename) so an interrupted run never leaves half a file. */
export async function writeStateFile(path: string, state: StateFile): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
  await rename(temporary, path);
}
