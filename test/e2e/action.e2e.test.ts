/**
 * The bundled GitHub Action (`node dist/index.js`, as a runner starts it) inside the namespace, against a small
 * world of its own, twice, checking what a user sees: the exit status, the annotations on domains.yml, the step
 * outputs and the JSON report, the job summary, and the issues in a GitHub API (test/helpers/github-api-server.ts,
 * run in the namespace by harness/github-api-process.ts). The second run, against an unchanged world, must write
 * nothing. See test/e2e/README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedApiRequest } from '../helpers/github-api-server.js';
import {
  ACTION,
  dumpApi,
  explain,
  OWNER,
  REPO,
  runAction,
  startApi,
  type ActionRun as ProcessRun,
  type ApiProcess,
  type WorkflowAnnotation,
} from './harness/action-process.js';
import type { GitHubApiDump } from './harness/github-api-process.js';
import { assertPrerequisites } from './harness/prerequisites.js';
import { SCENARIOS, domainOf, type Scenario } from './scenarios.js';
import { World } from './world/world.js';
import { durationParts, timeInto, type Durations } from './harness/durations.js';

const LABEL = 'mta-sts-drift';
const ISSUES_PATH = `/repos/${OWNER}/${REPO}/issues`;
const DOMAIN_MARKER = /<!-- mta-sts-drift:domain=([^\s>]+) -->/;
const STATE_MARKER = '<!-- mta-sts-drift:state -->';

/** One healthy domain, two that bounce, one that drifts (a broken backup MX) while mail still flows. */
const IDS = ['healthy', 'mx-not-covered', 'mx-expired', 'two-mx-backup-broken'] as const;
const CHOSEN: readonly Scenario[] = IDS.map((id) => {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id} in scenarios.ts`);
  return s;
});
const DOMAINS = CHOSEN.map(domainOf);
const HEALTHY = domainOf(CHOSEN[0]!);
const DRIFTING = DOMAINS.filter((d) => d !== HEALTHY).sort();
const BOUNCING = CHOSEN.filter((s) => s.expect.bounces)
  .map(domainOf)
  .sort();

/** The committed intent, with comments and both entry forms, so that each domain sits on a line of its own. */
const CONFIG = `# domains.yml of the Action's e2e test (test/e2e/action.e2e.test.ts)
defaults:
  mode: enforce

domains:
  - ${DOMAINS[0]}
  # the policy lists mail.<domain>, the MX is mx1.<domain>
  - ${DOMAINS[1]}
  - domain: ${DOMAINS[2]}
    mx: [mx1.${DOMAINS[2]}]
  - ${DOMAINS[3]}
`;

/** The 1-based line of a domain's entry in CONFIG. */
function lineOf(domain: string): number {
  const lines = CONFIG.split('\n');
  const index = lines.findIndex((l) => new RegExp(`^\\s*-\\s+(?:domain:\\s*)?${domain}\\s*$`).test(l));
  if (index < 0) throw new Error(`${domain} is not in the config`);
  return index + 1;
}

const suiteStart = Date.now();
const durations: Durations = {};

function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  return timeInto(durations, label, step);
}

/** The parts of the JSON report (output `report`) the test reads. */
interface ReportFile {
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly bouncing: readonly string[];
  };
  readonly domains: readonly {
    readonly domain: string;
    readonly status: string;
    readonly bounces: boolean | null;
    readonly findings: readonly { readonly code: string; readonly severity: string }[];
  }[];
}

/** A run of the bundle, with the API requests it made (from the server's record). */
type ActionRun = ProcessRun & { requests: readonly RecordedApiRequest[] };

let world: World | undefined;
let api: ApiProcess | undefined;
let workspace = '';
let run1: ActionRun | undefined;
let run2: ActionRun | undefined;
let dump1: GitHubApiDump | undefined;
let dump2: GitHubApiDump | undefined;

function requireRun(run: ActionRun | undefined): ActionRun {
  if (!run) throw new Error('the run did not happen (see the beforeAll error)');
  return run;
}

function requireDump(dump: GitHubApiDump | undefined): GitHubApiDump {
  if (!dump) throw new Error('the GitHub API server left no record (see the beforeAll error)');
  return dump;
}

/** `node dist/index.js` inside the namespace on a schedule event, against this file's API server and checkout. */
async function runBundle(w: World, label: string): Promise<ActionRun> {
  if (!api) throw new Error('the GitHub API server is not running');
  return { ...(await runAction(w, { label, api, workspace })), requests: [] };
}

beforeAll(async () => {
  assertPrerequisites();
  if (!existsSync(ACTION))
    throw new Error(`${ACTION} does not exist: build the bundle first (npm run build)`);
  world = await timed('world start', () => World.start(CHOSEN));
  const w = world;
  api = await timed('API server start', () => startApi(w, 'github-api'));
  workspace = join(w.dir, 'workspace');
  await mkdir(workspace, { recursive: true });
  await writeFile(join(workspace, 'domains.yml'), CONFIG);

  run1 = await timed('run 1', () => runBundle(w, 'run1'));
  dump1 = await dumpApi(w, api);
  run1.requests = dump1.requests;
  run2 = await timed('run 2', () => runBundle(w, 'run2'));
  // The last record is the one the server writes on SIGTERM.
  const { daemon, dumpFile } = api;
  await w.ns.stopDaemon(daemon);
  dump2 = JSON.parse(await readFile(dumpFile, 'utf8')) as GitHubApiDump;
  if (dump2.sequence !== dump1.sequence + 1) throw new Error('the server wrote no record on SIGTERM');
  run2.requests = dump2.requests.slice(dump1.requests.length);
});

afterAll(async () => {
  await timed('teardown', async () => world?.stop());
  const total = Date.now() - suiteStart;
  console.log(
    `e2e action duration: ${(total / 1000).toFixed(1)} s (${durationParts(durations)}); ${DOMAINS.length} domains`,
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Shared checks

const writesOf = (requests: readonly RecordedApiRequest[]) => requests.filter((r) => r.method !== 'GET');
const readsOf = (requests: readonly RecordedApiRequest[]) => requests.filter((r) => r.method === 'GET');

/** The domain an issue-creating request is for, from the hidden marker; null for anything else. */
function createdFor(request: RecordedApiRequest): string | null {
  if (request.method !== 'POST' || request.path !== ISSUES_PATH) return null;
  const body = (request.body as { body?: string } | null)?.body ?? '';
  return DOMAIN_MARKER.exec(body)?.[1] ?? null;
}

/** The Markdown table of domains at the top of the job summary: first cell to the row's cells. */
function summaryTable(summary: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  const lines = summary.split('\n');
  const start = lines.findIndex((l) => l.startsWith('| Domain | Status |'));
  if (start < 0) return rows;
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\) \| /)
      .map((c) => c.trim().replaceAll('\\', '').replaceAll('\u200d', ''));
    rows.set(cells[0] ?? '', cells);
  }
  return rows;
}

/** The `GitHub API requests: R reads, W writes.` line of the summary's Issues section. */
function summaryRequestCount(summary: string): { reads: number; writes: number } | null {
  const m = /GitHub API requests: (\d+) reads, (\d+) writes\./.exec(summary);
  return m ? { reads: Number(m[1]), writes: Number(m[2]) } : null;
}

function readReport(run: ActionRun): ReportFile {
  const path = run.outputs['report'];
  if (path === undefined) throw new Error(`no output "report"\n${explain(run)}`);
  return JSON.parse(readFileSync(path, 'utf8')) as ReportFile;
}

/** What every run shows against this world; both runs must show it. */
function expectUserView(run: ActionRun): void {
  const why = explain(run);
  // fail-on: error is reached by the findings, and by nothing else (a GitHub API problem would fail the run too).
  expect(run.exitCode, why).toBe(1);
  const failure = run.annotations.filter(
    (a) => a.level === 'error' && Object.keys(a.properties).length === 0,
  );
  expect(failure.map((a) => a.message).join('\n'), why).toMatch(/error\(s\) reach fail-on: error/);
  expect(failure.map((a) => a.message).join('\n'), why).not.toMatch(/GitHub API|issues cannot be managed/);
  for (const d of BOUNCING) expect(failure[0]?.message, why).toContain(d);

  // Annotations: on domains.yml, at the line of the domain named in the title; errors on every drifting domain.
  const placed = run.annotations.filter((a) => a.properties['file'] !== undefined);
  for (const a of placed) {
    expect(a.properties['file'], why).toBe('domains.yml');
    const domain = DOMAINS.find((d) => (a.properties['title'] ?? '').includes(`: ${d}`));
    expect(domain, `annotation title ${a.properties['title'] ?? ''}\n${why}`).toBeDefined();
    expect(Number(a.properties['line']), `${a.properties['title'] ?? ''}\n${why}`).toBe(lineOf(domain ?? ''));
  }
  for (const d of DRIFTING) {
    const errors = placed.filter((a) => a.level === 'error' && Number(a.properties['line']) === lineOf(d));
    expect(errors.length, `error annotations at line ${lineOf(d)} (${d})\n${why}`).toBeGreaterThan(0);
  }
  for (const s of CHOSEN) {
    for (const code of s.expect.findings ?? []) {
      const title = `${code}: ${domainOf(s)}`;
      expect(
        placed.some((a) => (a.properties['title'] ?? '').startsWith(title)),
        `annotation ${title}\n${why}`,
      ).toBe(true);
    }
  }
  const onHealthy = placed.filter(
    (a) => a.level !== 'notice' && Number(a.properties['line']) === lineOf(HEALTHY),
  );
  expect(onHealthy, why).toEqual([]);

  // Outputs, and the JSON report they point at.
  expect(run.outputs['drift'], why).toBe('true');
  const bouncing = JSON.parse(run.outputs['bouncing-domains'] ?? 'null') as string[] | null;
  expect(Array.isArray(bouncing) ? [...bouncing].sort() : bouncing, why).toEqual(BOUNCING);
  const report = readReport(run);
  expect(run.outputs['report'], why).toBe(join(run.runnerTemp, 'mta-sts-drift', 'report.json'));
  expect(report.domains.map((d) => d.domain).sort(), why).toEqual([...DOMAINS].sort());
  for (const s of CHOSEN) {
    const d = report.domains.find((x) => x.domain === domainOf(s));
    expect(d?.bounces, `${domainOf(s)} bounces`).toBe(s.expect.bounces);
    expect(d?.status, `${domainOf(s)} status`).toBe(domainOf(s) === HEALTHY ? 'ok' : 'error');
  }
  expect([...report.summary.bouncing].sort(), why).toEqual(BOUNCING);
  expect(run.outputs['errors'], why).toBe(String(report.summary.errors));
  expect(run.outputs['warnings'], why).toBe(String(report.summary.warnings));

  // The job summary: one row per domain, with the verdict of enforcing senders.
  const table = summaryTable(run.summary);
  expect([...table.keys()].sort(), run.summary).toEqual([...DOMAINS].sort());
  for (const s of CHOSEN) {
    const row = table.get(domainOf(s)) ?? [];
    expect(row[1], `${domainOf(s)} status cell\n${run.summary}`).toBe(
      domainOf(s) === HEALTHY ? '✅ ok' : '❌ error',
    );
    expect(row[2] === '**bounces**', `${domainOf(s)} verdict cell\n${run.summary}`).toBe(s.expect.bounces);
  }
  expect(run.summary, run.summary).toContain(`This run fails: `);

  // The request count the summary states is the one the server saw.
  expect(summaryRequestCount(run.summary), run.summary).toEqual({
    reads: readsOf(run.requests).length,
    writes: writesOf(run.requests).length,
  });
}

// ---------------------------------------------------------------------------------------------------------------

describe('the bundled Action (dist/index.js) on a schedule, twice, against the same world', () => {
  describe('run 1: a first scheduled run', () => {
    it('fails on the errors, annotates domains.yml, sets the outputs and writes the summary', () => {
      expectUserView(requireRun(run1));
    });

    it('opens exactly one issue per drifting domain, none for the healthy one', () => {
      const run = requireRun(run1);
      const created = run.requests.map(createdFor).filter((d) => d !== null);
      expect(created.sort(), run.summary).toEqual(DRIFTING);
      for (const r of run.requests.filter((x) => createdFor(x) !== null)) {
        const body = r.body as { title?: string; labels?: string[] };
        expect(body.labels, body.title).toContain(LABEL);
        // A title names the refusing senders after a colon when mail bounces (issue #7 item 4), e.g.
        // "MTA-STS drift on d: Gmail and … refuse mx1.d"; otherwise it is the bare domain title.
        const base = `MTA-STS drift on ${createdFor(r) ?? ''}`;
        expect(
          body.title === base || (body.title?.startsWith(`${base}: `) && / refuses? /.test(body.title)),
          body.title,
        ).toBe(true);
      }
      const issues = requireDump(dump1).issues;
      const open = issues
        .filter((i) => i.state === 'open')
        .map((i) => DOMAIN_MARKER.exec(i.body)?.[1] ?? `#${i.number} without a marker`);
      expect(open.sort()).toEqual(DRIFTING);
      expect(issues.some((i) => i.body.includes(`mta-sts-drift:domain=${HEALTHY} `))).toBe(false);
    });

    it('writes nothing else than those issues and the state issue (created, then closed)', () => {
      const run = requireRun(run1);
      const issues = requireDump(dump1).issues;
      const state = issues.filter((i) => i.body.includes(STATE_MARKER));
      expect(state.map((i) => i.state)).toEqual(['closed']);
      const stateNumber = state[0]?.number ?? -1;
      const other = writesOf(run.requests).filter(
        (r) =>
          createdFor(r) === null &&
          !(r.method === 'POST' && r.path === ISSUES_PATH && JSON.stringify(r.body).includes(STATE_MARKER)) &&
          !(r.method === 'PATCH' && r.path === `${ISSUES_PATH}/${stateNumber}`),
      );
      expect(other).toEqual([]);
      expect(writesOf(run.requests).length).toBe(DRIFTING.length + 2);
    });
  });

  describe('run 2: the world has not changed', () => {
    it('shows the user the same, with the same exit status', () => {
      const run = requireRun(run2);
      expectUserView(run);
      expect(run.exitCode).toBe(requireRun(run1).exitCode);
      const key = (a: WorkflowAnnotation) => `${a.level} ${JSON.stringify(a.properties)}`;
      expect(run.annotations.map(key).sort()).toEqual(requireRun(run1).annotations.map(key).sort());
      expect(readReport(run).domains.flatMap((d) => d.findings.map((f) => f.code))).not.toContain(
        'stale-policy-id',
      );
    });

    it('makes no write request to the GitHub API, only the listing', () => {
      const run = requireRun(run2);
      expect(writesOf(run.requests), run.summary).toEqual([]);
      expect(readsOf(run.requests).length, run.summary).toBeGreaterThan(0);
      expect(readsOf(run.requests).every((r) => r.path === ISSUES_PATH)).toBe(true);
      expect(run.summary).toContain('Nothing changed, nothing written.');
      expect(requireDump(dump2).issues).toEqual(requireDump(dump1).issues);
    });
  });

  it('takes a few seconds per run', () => {
    const runs = [requireRun(run1), requireRun(run2)];
    console.log(`action runs: ${runs.map((r) => `${r.label} ${(r.ms / 1000).toFixed(1)} s`).join(', ')}`);
    for (const r of runs) expect(r.ms).toBeLessThan(30_000);
  });
});
