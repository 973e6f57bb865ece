/**
 * Sharding on the Action side (issue #9 item 3): three shard runs (`shard: I/3`) and one merge run (`mode: merge`)
 * against one GitHub API server make the same issue and state writes, the same job summary, outputs and report as
 * one unsharded run against another, over the same loopback world and clock, in two rounds (the second one needs
 * the state the first round wrote through the shards). The shard runs write nothing; merge-mode input errors stop
 * the run before any API request, naming the file and what is wrong.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/core/shard.js';
import { PHASES } from '../../src/main.js';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { createHarness, type ActionRun, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'theta'].map((n) => `${n}.test`);
const CONFIG = `domains:\n${NAMES.map((d) => `  - domain: ${d}\n    mode: enforce\n    mx: [mx.${d}]\n`).join('')}`;
/** One clock for every run (the test certificates are valid from the real now on). */
const NOW = new Date(Date.now() + 60_000);
const now = () => NOW;
const run = promisify(execFile);

let world: ActionWorld;
let single: { server: TestGitHubApiServer; harness: Harness };
let sharded: { server: TestGitHubApiServer; harness: Harness };

async function side(): Promise<{ server: TestGitHubApiServer; harness: Harness }> {
  const server = await startGitHubApiServer();
  const harness = await createHarness(server, world.probes);
  await harness.writeConfig(CONFIG);
  return { server, harness };
}

beforeAll(async () => {
  world = await startActionWorld(
    // gamma's and epsilon's policies lack the MX that domains.yml expects: drift-mx, one issue each.
    NAMES.map((name) => ({
      name,
      id: `${name.split('.')[0]}1`,
      policy: policy('enforce', name === 'gamma.test' || name === 'epsilon.test' ? [] : [`mx.${name}`]),
    })),
  );
  single = await side();
  sharded = await side();
});
afterAll(async () => {
  await Promise.all([
    world.close(),
    ...[single, sharded].flatMap((s) => [s.server.close(), s.harness.close()]),
  ]);
});

/** A write as the server saw it; issue numbers are the same on both servers, as both start empty. */
const writesOf = (run: ActionRun) =>
  run.requests
    .filter((r) => r.method !== 'GET')
    .map((r) => ({ method: r.method, path: r.path, body: r.body }));

/** The summary without the merge run's note on its shards, which the single run has not. */
const withoutShards = (summary: string) => summary.replace(/\n### Shards\n\n[\s\S]*?\n(?=\n### )/, '');

async function runSingle(): Promise<ActionRun> {
  await single.harness.environment({ state: 'issue' });
  return single.harness.runAction({ now });
}

/** Three shard runs, each with its report in shards/, then the merge run over that folder. */
async function runSharded(): Promise<{ shards: ActionRun[]; merge: ActionRun }> {
  const { harness } = sharded;
  await rm(join(harness.dir, 'shards'), { recursive: true, force: true });
  const shards: ActionRun[] = [];
  for (const i of [1, 2, 3]) {
    await harness.environment({ shard: `${i}/3`, 'report-file': `shards/report-${i}.json` });
    shards.push(await harness.runAction({ now }));
  }
  await harness.environment({ mode: 'merge', reports: 'shards' });
  return { shards, merge: await harness.runAction({ now }) };
}

describe('three shards and a merge against one unsharded run', () => {
  it('splits the six domains over all three shards', () => {
    expect(new Set(NAMES.map((d) => shardOf(d, 3)))).toEqual(new Set([1, 2, 3]));
  });

  for (const round of ['first', 'second, after a policy changed under the same id'] as const) {
    it(`the same writes, summary, outputs, report and state: ${round} round`, async () => {
      if (round !== 'first')
        world.setDomain({
          name: 'beta.test',
          id: 'beta1',
          policy: policy('enforce', ['mx.beta.test'], 86400 * 14),
        });
      const one = await runSingle();
      const { shards, merge } = await runSharded();

      // The shard runs read the state (one listing each) and write nothing; none fails on the drift it sees.
      for (const s of shards) {
        expect(s.writes, s.summary).toBe(0);
        expect(s.reads).toBe(1);
        expect(s.result.exitCode, s.failed.join('\n')).toBe(0);
        expect(s.annotations).toEqual([]);
        expect(s.summary).toMatch(/### Shards\n\nShard \d\/3: \d of the 6 domains/);
        expect(s.summary).toContain(
          'A shard job writes no issue and no state: the merge job \\(mode: merge\\) does',
        );
      }
      const slices = shards.map((s) => s.result.report?.domains.map((d) => d.domain) ?? []);
      expect(slices.flat().sort()).toEqual([...NAMES].sort());

      // The merge run does what the single run does, request for request.
      expect(writesOf(merge)).toEqual(writesOf(one));
      expect(merge.reads).toBe(one.reads);
      expect(writesOf(one).length).toBeGreaterThan(0);
      expect(merge.result.exitCode).toBe(one.result.exitCode);
      expect(merge.failed).toEqual(one.failed);
      expect(merge.annotations).toEqual(one.annotations);
      expect(withoutShards(merge.summary)).toBe(one.summary);
      expect(merge.summary).toContain('Merged from 3 shard reports:\n\n- 1/3 shards/report-1.json');
      const { report: mergedPath, ...mergedOutputs } = merge.outputs;
      const { report: singlePath, ...singleOutputs } = one.outputs;
      expect(mergedOutputs).toEqual(singleOutputs);
      expect(JSON.parse(await readFile(mergedPath ?? '', 'utf8'))).toEqual(
        JSON.parse(await readFile(singlePath ?? '', 'utf8')),
      );
      const stateIssue = (s: TestGitHubApiServer) =>
        [...s.issues.values()].find((i) => i.body.includes('mta-sts-drift:state'))?.body;
      expect(stateIssue(sharded.server)).toBeDefined();
      expect(stateIssue(sharded.server)).toBe(stateIssue(single.server));
      if (round !== 'first') {
        const codes = merge.result.report?.domains.find((d) => d.domain === 'beta.test')?.findings;
        expect(codes?.map((f) => f.code)).toContain('stale-policy-id');
      }
    });
  }

  it('says so when the shards kept no state, and leaves the state issue as it was', async () => {
    const { harness } = sharded;
    for (const i of [1, 2, 3]) {
      await harness.environment({ shard: `${i}/3`, state: 'none', 'report-file': `stateless/${i}.json` });
      await harness.runAction({ now });
    }
    await harness.environment({ mode: 'merge', reports: 'stateless/*.json' });
    const merge = await harness.runAction({ now: () => new Date(NOW.getTime() + 86_400_000) });
    expect(merge.logs).toContain(
      'warning: the shard reports carry no id-freshness state (made with state: none, or by the CLI), so state: issue is left as it was',
    );
    const state = [...sharded.server.issues.values()].find((i) => i.body.includes('mta-sts-drift:state'));
    expect(state).toBeDefined();
    expect(
      merge.requests.filter((r) => r.method !== 'GET' && r.path.endsWith(`/issues/${state?.number}`)),
    ).toEqual([]);
  });

  it('logs each phase of a merge run in a collapsible group, in order', async () => {
    await sharded.harness.environment({ mode: 'merge', reports: 'shards' });
    const merge = await sharded.harness.runAction({ now });
    expect(merge.logs.filter((l) => l.startsWith('::'))).toEqual(
      [PHASES.config, PHASES.shards, PHASES.read, PHASES.write, PHASES.report].flatMap((g) => [
        `::group::${g}`,
        '::endgroup::',
      ]),
    );
  });

  it('writes the groups as workflow commands on stdout: src/index.ts in a process of its own', async () => {
    const { harness, server } = sharded;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'] ?? '',
      GITHUB_REPOSITORY: 'octo/dns',
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_EVENT_PATH: join(harness.dir, 'event.json'),
      GITHUB_WORKSPACE: harness.dir,
      GITHUB_API_URL: server.url,
      GITHUB_STEP_SUMMARY: harness.summaryFile,
      GITHUB_OUTPUT: harness.outputFile,
      RUNNER_TEMP: harness.dir,
      'INPUT_GITHUB-TOKEN': 'test-token',
      INPUT_MODE: 'merge',
      INPUT_REPORTS: 'shards',
    };
    // Exit 1: the merged report has errors (fail-on: error), so execFile rejects with the output attached.
    const failed = (await run(process.execPath, ['--import', 'tsx', 'src/index.ts'], { env }).then(
      () => null,
      (error: unknown) => error,
    )) as { code?: number; stdout?: string } | null;
    expect(failed?.code).toBe(1);
    const stdout = failed?.stdout ?? '';
    const groups = stdout.split('\n').filter((l) => /^::(group|endgroup)::/.test(l));
    expect(groups).toEqual(
      [PHASES.config, PHASES.shards, PHASES.read, PHASES.write, PHASES.report].flatMap((g) => [
        `::group::${g}`,
        '::endgroup::',
      ]),
    );
    // The exit status comes last, outside every group.
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^::error::\d+ error\(s\) reach fail-on: error/);
  });

  it('logs each phase of a check run in a collapsible group, in order', async () => {
    const one = await runSingle();
    expect(one.logs.filter((l) => l.startsWith('::'))).toEqual(
      [PHASES.config, PHASES.read, PHASES.probes, PHASES.evaluation, PHASES.write, PHASES.report].flatMap(
        (g) => [`::group::${g}`, '::endgroup::'],
      ),
    );
  });
});

describe('merge mode refuses what it cannot merge, before any API request', () => {
  const dir = () => sharded.harness.dir;

  /** Fresh shard reports 1/3 to 3/3 in shards/. */
  async function freshShards(): Promise<void> {
    await runSharded();
  }

  async function refused(inputs: Record<string, string>): Promise<string> {
    const before = sharded.server.requests.length;
    await sharded.harness.environment(inputs);
    const run = await sharded.harness.runAction({ now });
    expect(run.result.exitCode).toBe(1);
    expect(sharded.server.requests.length).toBe(before);
    expect(run.failed).toHaveLength(1);
    expect(run.summary).toContain('The action could not run: ');
    // An expected refusal, not a bug: no stack trace in the log.
    expect(run.logs.join('\n')).not.toMatch(/\n\s+at /);
    return run.failed[0] ?? '';
  }

  beforeAll(freshShards);

  it.each<[string, Record<string, string>, string]>([
    [
      'a folder that does not exist',
      { mode: 'merge', reports: 'downloaded' },
      'reports: downloaded does not exist (did actions/download-artifact run with this path?)',
    ],
    [
      'a pattern that matches nothing',
      { mode: 'merge', reports: 'shards/*.txt' },
      'reports: shards/*.txt matches no file',
    ],
    [
      'a shard missing',
      { mode: 'merge', reports: 'shards/report-1.json\nshards/report-3.json' },
      'shard 2/3 missing',
    ],
    [
      'mode merge without reports',
      { mode: 'merge' },
      'Input "reports" has the value ""; allowed: with mode: merge, the shard reports',
    ],
    [
      'a shard together with mode merge',
      { mode: 'merge', shard: '1/3', reports: 'shards' },
      'Input "shard" has the value "1/3"; allowed: empty with mode: merge',
    ],
    [
      'a shard beyond N',
      { shard: '5/4' },
      'Input "shard" has the value "5/4"; allowed: I/N with 1 <= I <= N <= 256',
    ],
    ['a shard that is not I/N', { shard: 'half' }, 'is not of the form I/N, e.g. 1/4'],
    ['an unknown mode', { mode: 'combine' }, 'Input "mode" has the value "combine"; allowed: check, merge'],
  ])('%s', async (_name, inputs, message) => {
    expect(await refused(inputs)).toContain(message);
  });

  it('a shard twice', async () => {
    await mkdir(join(dir(), 'twice'), { recursive: true });
    for (const f of ['report-1.json', 'report-2.json', 'report-3.json'])
      await copyFile(join(dir(), 'shards', f), join(dir(), 'twice', f));
    await copyFile(join(dir(), 'shards', 'report-2.json'), join(dir(), 'twice', 'report-2-again.json'));
    expect(await refused({ mode: 'merge', reports: 'twice' })).toMatch(
      /^twice\/report-2\.json: shard 2\/3 again \(also twice\/report-2-again\.json\)|^twice\/report-2-again\.json: shard 2\/3 again/,
    );
  });

  it('a file that is not JSON, naming it', async () => {
    await mkdir(join(dir(), 'broken'), { recursive: true });
    await writeFile(join(dir(), 'broken', 'report-1.json'), '{"version": 1, "domains": [');
    expect(await refused({ mode: 'merge', reports: 'broken/report-*.json' })).toMatch(
      /^broken\/report-1\.json: not JSON \(/,
    );
  });

  it('a report without a shard, naming it', async () => {
    await mkdir(join(dir(), 'whole'), { recursive: true });
    const one = JSON.parse(await readFile(join(dir(), 'shards', 'report-1.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete one['shard'];
    await writeFile(join(dir(), 'whole', 'report.json'), JSON.stringify(one));
    expect(await refused({ mode: 'merge', reports: 'whole' })).toBe(
      'whole/report.json: not a shard report (made without check --shard I/N)',
    );
  });

  it('shard reports made from another domains.yml than the merge job has', async () => {
    await sharded.harness.writeConfig(
      CONFIG.replace('mx: [mx.alpha.test]', 'mx: [mx.alpha.test, mx2.alpha.test]'),
    );
    try {
      expect(await refused({ mode: 'merge', reports: 'shards' })).toMatch(
        /^the shard reports were made from another domains\.yml than this job's \(config sha256:[0-9a-f]{64}, here sha256:[0-9a-f]{64}\)/,
      );
    } finally {
      await sharded.harness.writeConfig(CONFIG);
    }
  });

  it('shard reports of different configs, naming the file', async () => {
    await mkdir(join(dir(), 'mixed'), { recursive: true });
    for (const i of [1, 2, 3]) {
      const r = JSON.parse(await readFile(join(dir(), 'shards', `report-${i}.json`), 'utf8')) as {
        shard: { config: string };
      };
      if (i === 3) r.shard.config = `sha256:${'0'.repeat(64)}`;
      await writeFile(join(dir(), 'mixed', `report-${i}.json`), JSON.stringify(r));
    }
    expect(await refused({ mode: 'merge', reports: 'mixed' })).toMatch(
      /^mixed\/report-3\.json: made from another domains\.yml than mixed\/report-1\.json/,
    );
  });
});
