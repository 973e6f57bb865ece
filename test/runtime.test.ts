/**
 * The Node releases (issue #11 item 3). The action runs on node24. The CLI runs on every release still maintained
 * upstream (22 from 22.13, and 24) and refuses older ones with one line naming the version needed, before loading
 * anything that an old Node cannot parse or run.
 *
 * The bundle is built here with ncc into a temporary folder (not dist/). Which Node binaries are tried:
 * - older: /usr/bin/node when it is older than 22 (Node 20 on the development machine), plus any listed in
 *   MTA_STS_DRIFT_OLD_NODES;
 * - supported: this Node (24), plus any listed in MTA_STS_DRIFT_NODES.
 * scripts/check-node-versions.sh installs Node 18, 20, 22.13.0 and the latest 22 from the npm registry into a
 * temporary prefix and sets both lists; CI runs it.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAINS, DEMO_MX } from '../demo/domains.js';
import { startWorld, type World } from '../demo/world.js';
import type { CheckReport } from '../src/check.js';
import { isSupportedNode, unsupportedNodeMessage } from '../src/node-support.js';

const run = promisify(execFile);

describe('runtime', () => {
  it('runs the tests on Node 24, as GitHub runs the action (runs.using: node24)', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(24);
  });
});

describe('isSupportedNode', () => {
  it.each([
    ['16.20.2', false],
    ['18.19.0', false],
    ['20.20.2', false],
    ['22.12.0', false], // no util.getSystemErrorMessage before 22.12, no styleText validateStream before 22.13
    ['22.13.0', true],
    ['22.23.3', true],
    ['23.11.0', false], // no longer maintained upstream
    ['24.0.0', true],
    ['26.1.0', true],
    ['not-a-version', false],
  ])('%s: %s', (version, supported) => {
    expect(isSupportedNode(version)).toBe(supported);
  });

  it('names the version needed and the version found, on one line', () => {
    expect(unsupportedNodeMessage('20.20.2')).toBe(
      'mta-sts-drift: needs Node.js 22.13 or later (the 22 or 24 LTS lines); this is Node.js 20.20.2\n',
    );
  });
});

/** A Node binary and the version it reports. */
function versionOf(node: string): string {
  return spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
}

function listed(variable: string): string[] {
  return (process.env[variable] ?? '').split(delimiter).filter((p) => p !== '');
}

const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].filter(
  (p) => existsSync(p) && !isSupportedNode(versionOf(p)),
);
const olderNodes = [...new Set([...systemNode, ...listed('MTA_STS_DRIFT_OLD_NODES')])];
const supportedNodes = [process.execPath, ...listed('MTA_STS_DRIFT_NODES')];

let bundle: string;
let world: World;
let caFile: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-bundle-'));
  // --transpile-only: the types are checked by `npm run typecheck`; this keeps the build to a few seconds.
  await run(process.execPath, [
    'node_modules/@vercel/ncc/dist/ncc/cli.js',
    'build',
    'src/cli-entry.ts',
    '-o',
    dir,
    '-q',
    '-t',
  ]);
  bundle = join(dir, 'index.js');
  world = await startWorld(DEMO_DOMAINS, DEMO_MX);
  caFile = join(dir, 'test-ca.pem');
  await writeFile(caFile, world.caPem);
}, 120_000);
afterAll(async () => {
  await world?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Run the bundle asynchronously: the demo world answers from this very process. */
async function cli(node: string, args: readonly string[]) {
  try {
    const { stdout, stderr } = await run(node, [bundle, ...args], {
      env: { PATH: process.env['PATH'] ?? '', NODE_EXTRA_CA_CERTS: caFile },
      timeout: 60_000,
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { status: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the built CLI bundle', () => {
  // Said in the test list rather than passed silently; scripts/check-node-versions.sh (run by CI) always has some.
  if (olderNodes.length === 0) {
    it.skip(
      'refuses an older Node: none found here (no /usr/bin/node older than 22, no MTA_STS_DRIFT_OLD_NODES)',
    );
  }

  it.each(olderNodes.map((n) => [versionOf(n), n]))(
    'refuses Node %s (%s) with one line naming the version needed, exit 2',
    async (version, node) => {
      const result = await cli(node, ['check', '--domain', 'healthy.example']);
      expect(result.stderr).toBe(unsupportedNodeMessage(version));
      expect(result.stdout).toBe('');
      expect(result.status).toBe(2);
    },
  );

  it.each(supportedNodes.map((n) => [versionOf(n), n]))(
    'runs on Node %s (%s): --version, lint and a check of the demo world',
    async (_version, node) => {
      expect(await cli(node, ['--version'])).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(/^mta-sts-drift \d/),
      });
      const lint = await cli(node, ['lint', 'sts-record', 'v=STSv1; id=20261123T1200']);
      expect(lint).toMatchObject({ status: 0, stderr: '' });
      // A missing config file is a clear configuration error, whatever the Node (the Node 20 crash was here).
      const missing = await cli(node, ['check', '--config', join(dir, 'absent.yml')]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/absent\.yml/);
      expect(missing.stderr).not.toMatch(/internal error/);
      const check = await cli(node, ['check', ...world.checkArgs, '--config', 'demo/domains.yml', '--json']);
      expect(check.stderr).toBe('');
      expect(check.status).toBe(1);
      const report = JSON.parse(check.stdout) as CheckReport;
      expect(report.summary.bouncing).toEqual(['expired-mx.example']);
      expect(report.domains.find((d) => d.domain === 'healthy.example')).toMatchObject({ status: 'ok' });
      // The DANE chain is read with getPeerX509Certificate() (issue #7 defect 1), on every supported Node.
      const dane = report.domains.find((d) => d.domain === 'dane.example');
      expect(dane?.mx.map((m) => m.dane?.verdict)).toEqual(['dane-ok', 'dane-fail']);
    },
  );

  it('caches compiled code in node-compile-cache under os.tmpdir(), and runs the same when it cannot (issue #9 item 4)', async () => {
    const temp = join(dir, 'tmp');
    await mkdir(temp);
    const env = { PATH: process.env['PATH'] ?? '', TMPDIR: temp };
    const first = await run(process.execPath, [bundle, '--version'], { env });
    const cached = await readdir(join(temp, 'node-compile-cache'), { recursive: true });
    expect(cached.length).toBeGreaterThan(0);
    // Warm: read from the cache, same answer.
    expect((await run(process.execPath, [bundle, '--version'], { env })).stdout).toBe(first.stdout);
    // A temporary folder that is a file: no cache, no warning, same answer.
    const notDir = join(dir, 'not-a-dir');
    await writeFile(notDir, '');
    const without = await run(process.execPath, [bundle, '--version'], { env: { ...env, TMPDIR: notDir } });
    expect(without).toEqual({ stdout: first.stdout, stderr: '' });
  });
});
