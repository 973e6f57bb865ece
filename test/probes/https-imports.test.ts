/**
 * The policy fetch loads undici's Client and request alone, not the package's index with fetch, WebSocket and
 * cookies: 30 ms and 15 MB of every start (issue #9 item 4).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('src/probes/https.ts', () => {
  it("loads undici's Client without undici's index or its fetch", async () => {
    const script = [
      "await import('./src/probes/https.ts');",
      "const { createRequire } = await import('node:module');",
      'const loaded = Object.keys(createRequire(import.meta.url).cache);',
      "console.log(JSON.stringify(loaded.filter((p) => p.includes('/node_modules/undici/'))));",
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    const loaded = (JSON.parse(stdout) as string[]).map((p) => p.replace(/^.*\/node_modules\/undici\//, ''));
    expect(loaded).toContain('lib/dispatcher/client.js');
    expect(loaded).toContain('lib/api/api-request.js');
    expect(loaded).not.toContain('index.js');
    expect(loaded.filter((p) => p.startsWith('lib/web/'))).toEqual([]);
  });
});
