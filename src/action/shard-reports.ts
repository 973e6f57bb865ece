/**
 * The Action's merge mode (issue #9 item 3): find and read the shard reports that actions/download-artifact put in
 * the workspace. Each line of the input `reports` is a file, a folder (its `.json` files) or `FOLDER/PATTERN` with
 * `*` and `?` in the last part only, relative to the workspace. Every problem is a MergeError naming the source or
 * the file, so the run says what to fix instead of merging less than every shard.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { MergeError, type ReportFile } from '../merge.js';

/**
 * Far above a shard's report (a domain takes a few KB, so 10,000 domains take tens of MB), low enough that a wrong
 * path (a log, an image) is refused before it is read into memory.
 */
export const MAX_REPORT_FILE_BYTES = 256 * 1024 * 1024;

const isPattern = (name: string): boolean => /[*?]/.test(name);

/** `*` and `?` of a file-name pattern as a regular expression; everything else literal. */
function patternRegExp(pattern: string): RegExp {
  const body = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

async function filesIn(folder: string, source: string, match: (name: string) => boolean): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
    throw new MergeError(
      `reports: ${source}: the folder ${folder} ${why} (did actions/download-artifact run with this path?)`,
    );
  }
  return entries
    .filter((e) => e.isFile() && match(e.name))
    .map((e) => join(folder, e.name))
    .sort();
}

/** The files one line of `reports` stands for; at least one. */
async function expand(source: string, workspace: string): Promise<string[]> {
  const path = resolve(workspace, source);
  if (isPattern(basename(path))) {
    if (isPattern(dirname(path)))
      throw new MergeError(`reports: ${source}: only the file name may hold * or ?, not the folders`);
    const regexp = patternRegExp(basename(path));
    const found = await filesIn(dirname(path), source, (name) => regexp.test(name));
    if (found.length === 0) throw new MergeError(`reports: ${source} matches no file`);
    return found;
  }
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MergeError(
      code === 'ENOENT'
        ? `reports: ${source} does not exist (did actions/download-artifact run with this path?)`
        : `reports: ${source} cannot be read (${(error as Error).message})`,
    );
  }
  if (!info.isDirectory()) return [path];
  const found = await filesIn(path, source, (name) => name.endsWith('.json'));
  if (found.length === 0) throw new MergeError(`reports: the folder ${source} holds no .json file`);
  return found;
}

async function readOne(path: string, workspace: string): Promise<ReportFile> {
  const file = relative(workspace, path) || path;
  try {
    const { size } = await stat(path);
    if (size > MAX_REPORT_FILE_BYTES) {
      throw new MergeError(
        `${file}: ${size} bytes, more than the ${MAX_REPORT_FILE_BYTES} a shard report may have: is it one?`,
      );
    }
    return { file, text: await readFile(path, 'utf8') };
  } catch (error) {
    if (error instanceof MergeError) throw error;
    throw new MergeError(`${file}: cannot be read (${(error as Error).message})`);
  }
}

/** Read every shard report the sources name, each file once, in a stable order. */
export async function readShardReportFiles(
  sources: readonly string[],
  workspace: string,
): Promise<ReportFile[]> {
  const paths = new Set<string>();
  for (const source of sources) for (const path of await expand(source, workspace)) paths.add(path);
  return Promise.all([...paths].map((p) => readOne(p, workspace)));
}
