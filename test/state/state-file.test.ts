/**
 * Saving the id-freshness state (`--state FILE`, `state: file:PATH`) must never lose a run (issue #11 item 2): a
 * missing folder is created, and a place that cannot take the file gives a warning naming the path and the reason,
 * with no temporary file left behind.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStateFile, STATE_VERSION, writeStateFile, type StateFile } from '../../src/state/state-file.js';

const STATE: StateFile = {
  version: STATE_VERSION,
  domains: { 'example.com': { id: '20260101', bodyHash: 'abc', seenAt: '2026-01-01T00:00:00.000Z' } },
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-state-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under a folder, to prove no `*.tmp` is left behind. */
async function filesUnder(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true })).map(String).sort();
}

describe('writeStateFile', () => {
  it('creates missing parent folders (the first run with actions/cache)', async () => {
    const path = join(dir, 'cache', 'deeper', 'state.json');
    expect(await writeStateFile(path, STATE)).toBeNull();
    expect((await readStateFile(path)).state).toEqual(STATE);
    expect(await filesUnder(join(dir, 'cache'))).toEqual(['deeper', join('deeper', 'state.json')]);
  });

  it('replaces an existing state file', async () => {
    const path = join(dir, 'replace.json');
    await writeFile(path, '{"version":1,"domains":{}}');
    expect(await writeStateFile(path, STATE)).toBeNull();
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(STATE);
  });

  it('warns, naming the path and the reason, when the path is a folder, and removes its temporary file', async () => {
    const path = join(dir, 'is-a-folder');
    await mkdir(path);
    const warning = await writeStateFile(path, STATE);
    expect(warning).toBe(
      `cannot save the state to ${path}: it is a folder; the next run checks id freshness afresh`,
    );
    expect(await filesUnder(dir)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
  });

  it('warns when a part of the path is a file, not a folder', async () => {
    const file = join(dir, 'plain-file');
    await writeFile(file, 'x');
    const path = join(file, 'state.json');
    expect(await writeStateFile(path, STATE)).toBe(
      `cannot save the state to ${path}: a part of the path is a file, not a folder (EEXIST); ` +
        'the next run checks id freshness afresh',
    );
  });

  it('warns when the folder is not writable, and leaves nothing behind', async () => {
    const folder = join(dir, 'read-only');
    await mkdir(folder);
    await chmod(folder, 0o555);
    await chmod(dir, 0o755);
    const path = join(folder, 'state.json');
    // Root ignores file modes, so the write runs as an unprivileged user (nobody) there.
    const script = `import { writeStateFile } from ${JSON.stringify(join(process.cwd(), 'src/state/state-file.ts'))};
      process.stdout.write(String(await writeStateFile(${JSON.stringify(path)}, { version: 1, domains: {} })));`;
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      ...asNobody,
    });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe(
      `cannot save the state to ${path}: permission denied (EACCES); the next run checks id freshness afresh`,
    );
    expect(await filesUnder(folder)).toEqual([]);
  });
});
