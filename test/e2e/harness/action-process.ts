/**
 * The bundled GitHub Action (`node dist/index.js`, as a runner starts it) run inside the namespace, with a GitHub API
 * server of its own there (harness/github-api-process.ts): what a runner gives the Action (GITHUB_* variables,
 * INPUT_* inputs at action.yml's defaults) and what it reads back (annotations and groups on stdout, the outputs
 * file, the job summary). Used by action.e2e.test.ts and action-shard.e2e.test.ts; see test/e2e/README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { nodeBinary, REPO_ROOT } from './engine.js';
import type { GitHubApiDump } from './github-api-process.js';
import { baseEnv, type Daemon } from '../world/namespace.js';
import { tail, type World } from '../world/world.js';

/** The bundled Action; `E2E_ACTION` points the tests at another build of it. */
export const ACTION = process.env.E2E_ACTION
  ? resolve(process.env.E2E_ACTION)
  : join(REPO_ROOT, 'dist', 'index.js');
const API_ENTRY = join(REPO_ROOT, 'test', 'e2e', 'harness', 'github-api-process.ts');
export const OWNER = 'octo';
export const REPO = 'dns';
const TOKEN = 'e2e-action-token';

/** One `::level props::message` workflow command, unescaped as the runner does. */
export interface WorkflowAnnotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

function unescapeCommand(text: string): string {
  return text
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%3A', ':')
    .replaceAll('%2C', ',')
    .replaceAll('%25', '%');
}

export function parseAnnotations(stdout: string): WorkflowAnnotation[] {
  const found: WorkflowAnnotation[] = [];
  for (const match of stdout.matchAll(/^::(error|warning|notice)(?: ([^\n]*?))?::(.*)$/gm)) {
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter((p) => p !== '')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeCommand(pair.slice(eq + 1));
    }
    found.push({
      level: match[1] as WorkflowAnnotation['level'],
      properties,
      message: unescapeCommand(match[3] ?? ''),
    });
  }
  return found;
}

/** The `::group::NAME` and `::endgroup::` lines of the log, in order. */
export function parseGroups(stdout: string): string[] {
  return [...stdout.matchAll(/^::(group::.*|endgroup::)$/gm)].map((m) => `::${m[1] ?? ''}`);
}

/** The `name<<DELIMITER` blocks @actions/core appends to GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    outputs[match[1] ?? ''] = match[3] ?? '';
  return outputs;
}

/** Every input of action.yml at its default, as the runner sets them, with `${{ github.token }}` evaluated. */
function defaultInputs(): Record<string, string> {
  const action = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string | number | boolean }>;
  };
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = String(spec.default ?? '').replace('${{ github.token }}', TOKEN);
    inputs[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return inputs;
}

export interface ApiProcess {
  readonly daemon: Daemon;
  readonly url: string;
  readonly control: string;
  readonly dumpFile: string;
}

/** Start a GitHub API server named `name` inside the namespace and wait for the URLs it prints. */
export async function startApi(w: World, name: string): Promise<ApiProcess> {
  const dir = join(w.dir, name);
  await mkdir(dir, { recursive: true });
  const log = join(dir, 'server.out');
  const dumpFile = join(dir, 'dump.json');
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const daemon = w.ns.spawnDaemon(
    name,
    nodeBinary(),
    ['--import', tsx, API_ENTRY, dumpFile],
    log,
    baseEnv({ E2E_GITHUB_TOKEN: TOKEN, E2E_GITHUB_REPOSITORY: `${OWNER}/${REPO}` }),
  );
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && !daemon.exited) {
    const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
    const url = /^api (\S+)$/m.exec(text)?.[1];
    const control = /^control (\S+)$/m.exec(text)?.[1];
    if (url && control) return { daemon, url, control, dumpFile };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the GitHub API server ${name} did not start\n${tail(log)}`);
}

/** Ask the server (inside the namespace) to write its record, and read it. */
export async function dumpApi(w: World, api: ApiProcess): Promise<GitHubApiDump> {
  const script =
    "const r = await fetch(process.argv[1], { method: 'POST' }); if (!r.ok) process.exit(1); await r.text();";
  await w.ns.execOk(nodeBinary(), ['--input-type=module', '-e', script, `${api.control}/dump`], {
    timeoutMs: 10_000,
  });
  return JSON.parse(await readFile(api.dumpFile, 'utf8')) as GitHubApiDump;
}

export interface ActionRun {
  readonly label: string;
  readonly exitCode: number | null;
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly annotations: readonly WorkflowAnnotation[];
  readonly groups: readonly string[];
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly runnerTemp: string;
}

export interface RunActionOptions {
  readonly label: string;
  readonly api: ApiProcess;
  /** The checkout, with domains.yml. */
  readonly workspace: string;
  /** Inputs beyond action.yml's defaults, by input name (`shard`, `report-file`). */
  readonly inputs?: Readonly<Record<string, string>>;
}

/** `node dist/index.js` inside the namespace, on a schedule event, with a fresh summary, output file and temp. */
export async function runAction(w: World, options: RunActionOptions): Promise<ActionRun> {
  const { label, api, workspace } = options;
  const dir = join(w.dir, 'action', label);
  const runnerTemp = join(dir, 'runner-temp');
  await mkdir(runnerTemp, { recursive: true });
  const summaryFile = join(dir, 'step-summary.md');
  const outputFile = join(dir, 'output.txt');
  const eventFile = join(dir, 'event.json');
  await writeFile(summaryFile, '');
  await writeFile(outputFile, '');
  await writeFile(eventFile, JSON.stringify({ schedule: '17 4 * * *' }));
  const inputs = Object.fromEntries(
    Object.entries(options.inputs ?? {}).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
  const env = baseEnv({
    NODE_EXTRA_CA_CERTS: w.ca.caFile,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_WORKSPACE: workspace,
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: 'https://github.invalid',
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: runnerTemp,
    RUNNER_ENVIRONMENT: 'self-hosted',
    ...defaultInputs(),
    'INPUT_ALLOW-PRIVATE-ADDRESSES': 'true',
    'INPUT_CHECK-MX-TLS': 'true',
    INPUT_TIMEOUT: '5',
    ...inputs,
  });
  const t0 = Date.now();
  const r = await w.ns.exec(nodeBinary(), [ACTION], { env, cwd: workspace, timeoutMs: 60_000 });
  return {
    label,
    exitCode: r.code,
    ms: Date.now() - t0,
    stdout: r.stdout,
    stderr: r.stderr,
    annotations: parseAnnotations(r.stdout),
    groups: parseGroups(r.stdout),
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
    runnerTemp,
  };
}

export function explain(run: ActionRun): string {
  return `--- ${run.label}: exit ${String(run.exitCode)}\n--- stdout:\n${run.stdout.slice(0, 6000)}\n--- stderr:\n${run.stderr.slice(0, 3000)}`;
}
