/**
 * `state: file:PATH` (with actions/cache) through run(): a missing folder is created on the first run, and a path
 * that cannot take the file (a folder) costs only a warning, never the report (issue #11 item 2).
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { createHarness, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

let world: ActionWorld;
let server: TestGitHubApiServer;
let harness: Harness;

beforeAll(async () => {
  world = await startActionWorld([
    { name: 'alpha.test', id: 'a1', policy: policy('enforce', ['mx.alpha.test']) },
  ]);
  server = await startGitHubApiServer();
  harness = await createHarness(server, world.probes);
  await harness.writeConfig('domains:\n  - domain: alpha.test\n    mx: [mx.alpha.test]\n');
});
afterAll(async () => {
  await Promise.all([world.close(), server.close(), harness.close()]);
});

describe('state: file:PATH', () => {
  it('creates the missing cache folder on the first run and saves the state', async () => {
    const path = join(harness.dir, '.cache', 'mta-sts-drift', 'state.json');
    await harness.environment({ state: `file:${path}`, issues: 'false' });
    const run = await harness.runAction();
    expect(run.result.exitCode).toBe(0);
    expect(run.logs.filter((l) => l.startsWith('warning:'))).toEqual([]);
    const saved = JSON.parse(await readFile(path, 'utf8')) as { domains: Record<string, { id: string }> };
    expect(saved.domains['alpha.test']?.id).toBe('a1');
  });

  it('warns with the path and the reason when the path is a folder, and still reports', async () => {
    const path = join(harness.dir, 'state-is-a-folder');
    await mkdir(path);
    await harness.environment({ state: `file:${path}`, issues: 'false' });
    const run = await harness.runAction();
    expect(run.result.exitCode).toBe(0);
    expect(run.result.report?.domains.map((d) => d.domain)).toEqual(['alpha.test']);
    expect(run.summary).toContain('## MTA-STS drift report');
    expect(run.logs).toContain(
      `warning: cannot save the state to ${path}: it is a folder; the next run checks id freshness afresh`,
    );
    expect((await readdir(harness.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
