/**
 * The merge path of the bundled Action end to end (issue #9 item 3): `node dist/index.js` inside the namespace,
 * against real NSD, nginx and Postfix, once unsharded against one GitHub API server, and as two shard jobs
 * (`shard: 1/2`, `shard: 2/2`) plus a merge job (`mode: merge`) against another, the way the README's matrix
 * workflow runs it: each shard writes its report under RUNNER_TEMP, the test copies the reports into the merge
 * job's workspace as actions/download-artifact with merge-multiple does. The sharded run must show the user what the
 * single run shows: the same report, issues, annotations, outputs, summary table and exit status.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/core/shard.js';
import {
  ACTION,
  dumpApi,
  explain,
  OWNER,
  REPO,
  runAction,
  startApi,
  type ActionRun,
  type ApiProcess,
} from './harness/action-process.js';
import type { GitHubApiDump } from './harness/github-api-process.js';
import { assertPrerequisites } from './harness/prerequisites.js';
import { SCENARIOS, domainOf, type Scenario } from './scenarios.js';
import { World } from './world/world.js';

/** Healthy, bouncing and drifting domains, spread over both shards (checked below). */
const IDS = [
  'healthy',
  'mx-not-covered',
  'mx-expired',
  'wildcard-two-labels',
  'two-mx-backup-broken',
  'testing-mode',
] as const;
const CHOSEN: readonly Scenario[] = IDS.map((id) => {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id} in scenarios.ts`);
  return s;
});
const DOMAINS = CHOSEN.map(domainOf);
const CONFIG = `# domains.yml of the sharded Action's e2e test (test/e2e/action-shard.e2e.test.ts)
defaults:
  mode: enforce

domains:
${DOMAINS.map((d) => `  - ${d}\n`).join('')}`;
const ISSUES_PATH = `/repos/${OWNER}/${REPO}/issues`;
const DOMAIN_MARKER = /<!-- mta-sts-drift:domain=([^\s>]+) -->/;
const STATE_MARKER = '<!-- mta-sts-drift:state -->';

/** The phases a check run and a merge run log as collapsible groups, in order (issue #9 item 4). */
const CHECK_GROUPS = [
  'Configuration',
  'State and issues: read',
  'Probes',
  'Evaluation',
  'Issues and state: write',
  'Report: outputs, summary and annotations',
];
const MERGE_GROUPS = [
  'Configuration',
  'Shard reports',
  'State and issues: read',
  'Issues and state: write',
  'Report: outputs, summary and annotations',
];
const grouped = (names: readonly string[]) => names.flatMap((n) => [`::group::${n}`, '::endgroup::']);

let world: World | undefined;
let single: { run: ActionRun; dump: GitHubApiDump } | undefined;
let sharded: { shards: ActionRun[]; merge: ActionRun; dump: GitHubApiDump } | undefined;

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the runs did not happen (see the beforeAll error)');
  return value;
}

async function checkout(w: World, name: string): Promise<string> {
  const workspace = join(w.dir, name);
  await mkdir(workspace, { recursive: true });
  await writeFile(join(workspace, 'domains.yml'), CONFIG);
  return workspace;
}

async function stop(w: World, api: ApiProcess): Promise<GitHubApiDump> {
  const dump = await dumpApi(w, api);
  await w.ns.stopDaemon(api.daemon);
  return dump;
}

beforeAll(async () => {
  assertPrerequisites();
  if (!existsSync(ACTION))
    throw new Error(`${ACTION} does not exist: build the bundle first (npm run build)`);
  world = await World.start(CHOSEN);
  const w = world;

  const apiSingle = await startApi(w, 'github-api-single');
  const run = await runAction(w, { label: 'single', api: apiSingle, workspace: await checkout(w, 'single') });
  single = { run, dump: await stop(w, apiSingle) };

  // The matrix: two shard jobs, each on a checkout of its own, then the merge job on another.
  const apiSharded = await startApi(w, 'github-api-sharded');
  const shards: ActionRun[] = [];
  for (const i of [1, 2]) {
    const workspace = await checkout(w, `shard-${i}`);
    shards.push(
      await runAction(w, { label: `shard-${i}`, api: apiSharded, workspace, inputs: { shard: `${i}/2` } }),
    );
  }
  const mergeWorkspace = await checkout(w, 'merge');
  // actions/download-artifact with merge-multiple: every shard's report file in one folder.
  await mkdir(join(mergeWorkspace, 'shard-reports'), { recursive: true });
  for (const s of shards) {
    const path = s.outputs['report'];
    if (path === undefined) throw new Error(`no output "report"\n${explain(s)}`);
    await copyFile(path, join(mergeWorkspace, 'shard-reports', basename(path)));
  }
  const merge = await runAction(w, {
    label: 'merge',
    api: apiSharded,
    workspace: mergeWorkspace,
    inputs: { mode: 'merge', reports: 'shard-reports' },
  });
  sharded = { shards, merge, dump: await stop(w, apiSharded) };
});

afterAll(async () => {
  await world?.stop();
});

/** The report with every timestamp replaced: two runs a few seconds apart differ in nothing else. */
async function reportOf(run: ActionRun): Promise<unknown> {
  const path = run.outputs['report'];
  if (path === undefined) throw new Error(`no output "report"\n${explain(run)}`);
  const text = await readFile(path, 'utf8');
  return JSON.parse(text.replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z"/g, '"<time>"')) as unknown;
}

/** What the issues of a run say, without the state issue's timestamps: title, state, labels and marked domain. */
function issuesOf(dump: GitHubApiDump): unknown[] {
  return dump.issues.map((i) => ({
    number: i.number,
    title: i.title,
    state: i.state,
    labels: i.labels,
    domain: DOMAIN_MARKER.exec(i.body)?.[1] ?? (i.body.startsWith(STATE_MARKER) ? 'state' : null),
    comments: i.comments.length,
  }));
}

const writes = (dump: GitHubApiDump) =>
  dump.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

/** The job summary's domain table and issue list, which say the same however the run was split. */
function summaryCore(summary: string): string {
  return summary.replace(/\n### Shards\n\n[\s\S]*?\n(?=\n### )/, '').replace(/\n### Details[\s\S]*$/, '');
}

describe('the bundled Action, sharded in two and merged, against one unsharded run', () => {
  it('splits the domains over both shards', () => {
    expect(new Set(DOMAINS.map((d) => shardOf(d, 2)))).toEqual(new Set([1, 2]));
  });

  it('shard jobs: each writes its report with its slice, no issue, no annotation, and passes', async () => {
    const { shards, dump } = need(sharded);
    const slices: string[] = [];
    for (const [i, s] of shards.entries()) {
      expect(s.exitCode, explain(s)).toBe(0);
      expect(s.outputs['report'], explain(s)).toBe(
        join(s.runnerTemp, 'mta-sts-drift', `report-shard-${i + 1}-of-2.json`),
      );
      const report = (await reportOf(s)) as { domains: { domain: string }[]; shard: { index: number } };
      expect(report.shard.index).toBe(i + 1);
      slices.push(...report.domains.map((d) => d.domain));
      expect(s.annotations.filter((a) => a.properties['file'] !== undefined)).toEqual([]);
      expect(s.summary).toMatch(new RegExp(`Shard ${i + 1}/2: \\d of the ${DOMAINS.length} domains`));
      expect(s.groups, explain(s)).toEqual(grouped(CHECK_GROUPS));
    }
    expect(slices.sort()).toEqual([...DOMAINS].sort());
    // The shards only read (one listing each, for the state); every write is the merge job's.
    expect(dump.requests.slice(0, 2).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${ISSUES_PATH}`,
      `GET ${ISSUES_PATH}`,
    ]);
  });

  it('the merged report is the single run report', async () => {
    const { merge } = need(sharded);
    const { run } = need(single);
    expect(await reportOf(merge)).toEqual(await reportOf(run));
    const report = (await reportOf(merge)) as { domains: { domain: string }[] };
    expect(report.domains.map((d) => d.domain)).toEqual(DOMAINS);
  });

  it('the same issues and state issue, written with the same requests', () => {
    const { dump } = need(sharded);
    const one = need(single).dump;
    expect(issuesOf(dump)).toEqual(issuesOf(one));
    expect(issuesOf(one).length).toBeGreaterThan(1);
    expect(dump.issues.filter((i) => i.body.startsWith(STATE_MARKER)).map((i) => i.state)).toEqual([
      'closed',
    ]);
    expect(writes(dump)).toEqual(writes(one));
    expect(writes(one).filter((w) => w === `POST ${ISSUES_PATH}`).length).toBeGreaterThan(1);
  });

  it('the same exit status, annotations, outputs and job summary', () => {
    const { merge } = need(sharded);
    const { run } = need(single);
    expect(merge.exitCode, explain(merge)).toBe(run.exitCode);
    expect(run.exitCode, explain(run)).toBe(1);
    expect(merge.annotations).toEqual(run.annotations);
    expect(merge.annotations.some((a) => a.properties['file'] === 'domains.yml')).toBe(true);
    const { report: a, ...mergeOutputs } = merge.outputs;
    const { report: b, ...singleOutputs } = run.outputs;
    expect(a && b).toBeTruthy();
    expect(mergeOutputs).toEqual(singleOutputs);
    expect(summaryCore(merge.summary)).toBe(summaryCore(run.summary));
    expect(merge.summary).toMatch(
      /Merged from 2 shard reports:\n\n- 1\/2 shard-reports\/report-shard-1-of-2\.json\n- 2\/2 shard-reports\/report-shard-2-of-2\.json/,
    );
  });

  it('logs each phase in a collapsible group', () => {
    expect(need(single).run.groups).toEqual(grouped(CHECK_GROUPS));
    expect(need(sharded).merge.groups).toEqual(grouped(MERGE_GROUPS));
  });
});
