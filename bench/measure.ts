/**
 * How `npm run bench` measures: each measured program runs in a child process of its own, with
 * bench/rss-on-exit.mjs preloaded so that it reports its peak resident set size when it exits; the wall time is
 * taken around the child, start-up included.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Measured {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly wallMs: number;
  /** Peak RSS of the child, in MB (MiB). */
  readonly rssMb: number;
  /** CPU time of the child, user and system, in ms: steadier than the wall time on a busy machine. */
  readonly cpuMs: number;
}

/**
 * Runs `node --import rss-on-exit.mjs ...args` and measures it; with `prefix` (`ip netns exec NAME`), through that
 * command, whose own start is then inside the wall time.
 */
export async function runMeasured(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  prefix: readonly string[] = [],
): Promise<Measured> {
  const started = performance.now();
  const command = [...prefix, process.execPath, '--import', join(ROOT, 'bench/rss-on-exit.mjs'), ...args];
  const { stdout, stderr, code } = await run(command[0] ?? process.execPath, command.slice(1), env);
  const wallMs = performance.now() - started;
  const rssMb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
  const cpuMs = Number(/BENCH_CPU_MS=(\d+)/.exec(stderr)?.[1] ?? NaN);
  return { stdout, stderr, code, wallMs, rssMb, cpuMs };
}

/**
 * The JSON a measured program printed, or an error that names it, its exit status and the end of its stderr: a
 * program that failed (a missing `npm ci`, a port in use) must not surface as "Unexpected end of JSON input".
 */
export function jsonOutput<T>(program: string, measured: Pick<Measured, 'stdout' | 'stderr' | 'code'>): T {
  try {
    return JSON.parse(measured.stdout) as T;
  } catch {
    const lines = measured.stderr
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('BENCH_'));
    // An uncaught exception's own line (`Error: Cannot find module ...`), else the last lines said.
    const said = lines.find((line) => /^[A-Za-z]*Error\b/.test(line)) ?? lines.slice(-3).join(' | ');
    throw new Error(
      `${program} printed no JSON (exit code ${String(measured.code)})${said === '' ? '' : `: ${said}`}`,
    );
  }
}

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

/** One line of the bench's output: `name: measured / bound = ratio (pass|FAIL)`. */
export interface Row {
  readonly name: string;
  readonly measured: number;
  readonly bound: number;
  /** `s` (shown with two decimals), `MB`, or `''` for a count. */
  readonly unit: string;
  /**
   * `=`: the measured value must equal the bound; `<`: the ratio must be under `ratio`; `<=`: at most `ratio`.
   * `ratio` defaults to 1.
   */
  readonly rule: '=' | '<' | '<=';
  readonly ratio?: number;
  /** Said after the verdict: how the bound is reached, a second figure. */
  readonly note?: string;
}

export function passes(row: Row): boolean {
  if (!Number.isFinite(row.measured) || !Number.isFinite(row.bound)) return false;
  if (row.rule === '=') return row.measured === row.bound;
  const ratio = row.measured / row.bound;
  const limit = row.ratio ?? 1;
  return row.rule === '<' ? ratio < limit : ratio <= limit;
}

export function formatRow(row: Row): string {
  const digits = row.unit === 's' ? 2 : 0;
  const value = (n: number): string => `${n.toFixed(digits)}${row.unit === '' ? '' : ` ${row.unit}`}`;
  const ratio = row.measured / row.bound;
  // Two decimals, or three when two would show the limit itself: "1.00 (FAIL)" reads as a contradiction.
  const onTheLimit = row.rule !== '=' && ratio.toFixed(2) === (row.ratio ?? 1).toFixed(2);
  const shown = onTheLimit ? ratio.toFixed(3) : ratio.toFixed(2);
  const target = row.rule === '=' ? '' : `; target ${row.rule === '<' ? '<' : '≤'} ${row.ratio ?? 1}`;
  const verdict = `(${passes(row) ? 'pass' : 'FAIL'}${target})`;
  const note = row.note === undefined ? '' : `  [${row.note}]`;
  return `${row.name}: ${value(row.measured)} / ${value(row.bound)} = ${shown} ${verdict}${note}`;
}

/** The middle value (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
