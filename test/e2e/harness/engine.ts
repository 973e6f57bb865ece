/**
 * Run the bundled CLI (`dist/cli/index.js`) inside the namespace, the way a user runs it, and parse its JSON report.
 * The test CA reaches Node through NODE_EXTRA_CA_CERTS and nothing else of the runner's environment leaks in.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DNS_ADDRESS } from '../world/layout.js';
import { baseEnv, type Namespace } from '../world/namespace.js';
import type { World } from '../world/world.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
/** The bundled CLI; `E2E_CLI` points the suite at another build of it (for example one made from a work tree). */
export const CLI = process.env.E2E_CLI
  ? resolve(process.env.E2E_CLI)
  : join(REPO_ROOT, 'dist', 'cli', 'index.js');

/** The Node 24 the project pins (devDependency `node`), else the one running the tests. */
export function nodeBinary(): string {
  const pinned = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
  return existsSync(pinned) ? pinned : process.execPath;
}

/** The parts of the JSON report (the CLI's contract) the suite reads. */
export interface EngineMx {
  readonly host: string;
  readonly preference: number;
  readonly matched: boolean | null;
  readonly tls: string;
  readonly notAfter: string | null;
  readonly enforceOk: boolean | null;
}

export interface EngineDomain {
  readonly domain: string;
  readonly status: 'ok' | 'warning' | 'error' | 'unknown';
  readonly bounces: boolean | null;
  readonly bouncesIfEnforced: boolean | null;
  readonly policy: {
    readonly status: string;
    readonly id: string | null;
    readonly mode: string | null;
    readonly mx: readonly string[];
  };
  readonly mx: readonly EngineMx[];
  readonly findings: readonly {
    readonly code: string;
    readonly severity: string;
    readonly message: string;
    readonly host?: string;
  }[];
}

export interface EngineRun<D extends EngineDomain = EngineDomain> {
  readonly exitCode: number | null;
  readonly ms: number;
  readonly stderr: string;
  readonly domains: ReadonlyMap<string, D>;
}

/** Where a check runs: a world's namespace, its temporary directory, and the CA its servers' certificates chain to. */
export interface EngineTarget {
  readonly ns: Namespace;
  readonly dir: string;
  readonly caFile: string;
}

/** Run `check` once over `domains`, with `stateFile` kept between runs (the id-freshness check needs it). */
export function runEngine(
  world: World,
  domains: readonly string[],
  stateFile: string,
  label: string,
): Promise<EngineRun> {
  const target = { ns: world.ns, dir: world.dir, caFile: world.ca.caFile };
  return runCheckIn<EngineDomain>(target, domains, label, [
    '--state',
    stateFile,
    '--dns-server',
    DNS_ADDRESS,
  ]);
}

/**
 * Run `check --json` once over `domains` inside `target`'s namespace, with `options` beyond the config (always with
 * private addresses allowed and a 5 s timeout), and index the report's domains by name.
 */
export async function runCheckIn<D extends EngineDomain>(
  target: EngineTarget,
  domains: readonly string[],
  label: string,
  options: readonly string[],
): Promise<EngineRun<D>> {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} does not exist: build the bundle first (npm run build)`);
  }
  const config = join(target.dir, `domains-${label}.yml`);
  await writeFile(config, `# mta-sts-drift e2e (${label})\n${domains.map((d) => `- ${d}`).join('\n')}\n`);
  const args = [
    CLI,
    'check',
    '--config',
    config,
    '--json',
    ...options,
    '--allow-private-addresses',
    '--timeout',
    '5',
  ];
  const t0 = Date.now();
  const r = await target.ns.exec(nodeBinary(), args, {
    env: baseEnv({ NODE_EXTRA_CA_CERTS: target.caFile, NO_COLOR: '1' }),
    cwd: REPO_ROOT,
    timeoutMs: 120_000,
  });
  const ms = Date.now() - t0;
  // 0: below the fail-on level, 1: findings reached it. Anything else is a usage error or a crash.
  if (r.code !== 0 && r.code !== 1) {
    throw new Error(`engine (${label}) exited ${String(r.code)}:\n${r.stderr}\n${r.stdout.slice(0, 2000)}`);
  }
  let parsed: { domains?: D[] };
  try {
    parsed = JSON.parse(r.stdout) as { domains?: D[] };
  } catch (error) {
    throw new Error(
      `engine (${label}) printed no JSON report (${String(error)}):\n${r.stdout.slice(0, 2000)}\n${r.stderr}`,
      { cause: error },
    );
  }
  const byDomain = new Map<string, D>();
  for (const d of parsed.domains ?? []) byDomain.set(d.domain.toLowerCase(), d);
  return { exitCode: r.code, ms, stderr: r.stderr, domains: byDomain };
}
