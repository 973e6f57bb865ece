/**
 * The folder source of `reports --from` (issue #10 item 1): `.json`, `.json.gz` and `.eml` files in one folder
 * (not its subfolders), or one such file. Bounded in file size and number of files.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decodeMessage,
  decodeReport,
  emptyCollected,
  SOURCE_LIMITS,
  type Collected,
} from './tlsrpt-decode.js';

/** A source that cannot be read at all (no such folder): an operational error, not a rejected report. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}

type Kind = 'report' | 'message';

/** RFC 8460 §5.3 names report files `...json` or `...json.gz`; `.eml` holds one saved message. */
function kindOf(name: string): Kind | null {
  if (/\.json(\.gz)?$/i.test(name)) return 'report';
  if (/\.eml$/i.test(name)) return 'message';
  return null;
}

/** Read at most `limit` bytes; more than that is refused without reading the rest. */
async function readBounded(path: string, limit: number): Promise<Buffer | string> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    if (size > limit) return `file is ${size} bytes; at most ${limit} are read`;
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readOne(path: string, kind: Kind, out: Collected, limits: FolderLimits): Promise<void> {
  let data: Buffer | string;
  try {
    data = await readBounded(path, limits.maxInputBytes);
  } catch (error) {
    out.rejected.push({ source: path, reason: `cannot read: ${(error as Error).message}` });
    return;
  }
  if (typeof data === 'string') out.rejected.push({ source: path, reason: data });
  else if (kind === 'report') decodeReport(data, path, out);
  else await decodeMessage(data, path, out);
}

export interface FolderLimits {
  readonly maxInputBytes: number;
  readonly maxFiles: number;
}

/** Notes about skipped files, one per file up to this many, then one line for the rest. */
const MAX_SKIP_NOTES = 50;

function noteSkipped(out: Collected, dir: string, names: readonly string[], reason: string): void {
  for (const name of names.slice(0, MAX_SKIP_NOTES)) out.ignored.push({ source: join(dir, name), reason });
  if (names.length > MAX_SKIP_NOTES) {
    out.ignored.push({ source: dir, reason: `${names.length - MAX_SKIP_NOTES} more files: ${reason}` });
  }
}

/** Collect the reports of a folder, or of a single file. */
export async function collectFolder(path: string, limits: FolderLimits = SOURCE_LIMITS): Promise<Collected> {
  const out = emptyCollected();
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new SourceError(
      `cannot read the report source ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (info.isFile()) {
    const kind = kindOf(path);
    if (kind === null) throw new SourceError(`${path} is not a .json, .json.gz or .eml file`);
    await readOne(path, kind, out, limits);
    return out;
  }
  if (!info.isDirectory()) throw new SourceError(`${path} is neither a folder nor a file`);
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.'));
  const wanted = files.filter((e) => kindOf(e.name) !== null);
  const others = files.filter((f) => kindOf(f.name) === null).map((f) => f.name);
  noteSkipped(out, path, others, 'not a .json, .json.gz or .eml file');
  const over = wanted.slice(limits.maxFiles).map((f) => f.name);
  noteSkipped(out, path, over, `over the bound of ${limits.maxFiles} files per folder; not read`);
  for (const e of wanted.slice(0, limits.maxFiles)) {
    await readOne(join(path, e.name), kindOf(e.name) ?? 'report', out, limits);
  }
  return out;
}
