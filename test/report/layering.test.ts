import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPORT_DIR = join(import.meta.dirname, '../../src/report');

/** The modules each file of src/report/ imports, from its `import ... from '...'` lines. */
async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(join(REPORT_DIR, file), 'utf8');
  return [...text.matchAll(/^import[^;]*?from '([^']+)'/gms)].map((m) => m[1] ?? '');
}

describe('src/report/ renders and plans only (issue #11 item 21)', () => {
  it('imports nothing from src/action/ and no GitHub client', async () => {
    const files = (await readdir(REPORT_DIR)).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('issues.ts');
    for (const file of files) {
      for (const source of await importsOf(file)) {
        expect(source, `${file} imports ${source}`).not.toMatch(/\/action\/|@actions\/github|@octokit\//);
      }
    }
  });

  it('has no issue executor: GitHub writes live next to the client', async () => {
    const files = await readdir(REPORT_DIR);
    expect(files).not.toContain('issue-executor.ts');
    expect(await readdir(join(REPORT_DIR, '../action'))).toContain('issue-executor.ts');
  });
});
