/**
 * A network namespace that the suite creates and removes itself (issue #4), and the daemons it runs inside it.
 *
 * Everything started here is started as a direct child (`ip netns exec` execs the command, so the child's PID is
 * the daemon's PID), in the foreground, and stopped by that PID. At the end every process still inside the
 * namespace (`ip netns pids`) is killed, then the namespace and its `/etc/netns/<name>/` overlay are deleted.
 * Nothing listens outside the namespace: its only interface is its own `lo`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Namespaces are named `mtasts-e2e-<pid of the test process>`, so a later run can tell which ones are orphans. */
export const NAMESPACE_PREFIX = 'mtasts-e2e-';

export interface ExecResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly input?: string;
  readonly timeoutMs?: number;
  readonly cwd?: string;
}

/** A minimal environment: daemons and tools must not inherit the test runner's CA bundles or proxies. */
export function baseEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    LANG: 'C.UTF-8',
    HOME: '/root',
    ...extra,
  };
}

/** Run a program to completion; never rejects on a non-zero exit (the caller decides), only on spawn failure. */
export function run(
  command: string,
  args: readonly string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? baseEnv(),
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            err.push(Buffer.from(`\n[e2e] killed after ${options.timeoutMs} ms\n`));
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    if (child.stdin) {
      // A program may exit without reading its input: that is its exit status to report, not an EPIPE crash.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}

/** Like {@link run}, but rejects with the program's output when it exits non-zero. */
export async function runOk(
  command: string,
  args: readonly string[],
  options: ExecOptions = {},
): Promise<string> {
  const r = await run(command, args, options);
  if (r.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${String(r.code)}:\n${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

/** One long-running program inside the namespace. */
export interface Daemon {
  readonly label: string;
  readonly pid: number;
  readonly logFile: string;
  readonly child: ChildProcess;
  exited: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class Namespace {
  private readonly daemons: Daemon[] = [];
  private destroyed = false;

  private constructor(readonly name: string) {}

  /** `ip netns add`, bring `lo` up, and give the namespace its own resolv.conf and hosts. */
  static async create(nameserver: string): Promise<Namespace> {
    await sweepOrphans();
    const ns = new Namespace(`${NAMESPACE_PREFIX}${process.pid}`);
    // The overlay must exist before the first `ip netns exec`, which bind-mounts each file over /etc.
    const etc = join('/etc/netns', ns.name);
    await mkdir(etc, { recursive: true });
    await writeFile(join(etc, 'resolv.conf'), `nameserver ${nameserver}\noptions timeout:2 attempts:2\n`);
    await writeFile(join(etc, 'hosts'), '127.0.0.1 localhost\n');
    await runOk('ip', ['netns', 'add', ns.name]);
    await ns.execOk('ip', ['link', 'set', 'lo', 'up']);
    return ns;
  }

  exec(command: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    return run('ip', ['netns', 'exec', this.name, command, ...args], options);
  }

  execOk(command: string, args: readonly string[], options: ExecOptions = {}): Promise<string> {
    return runOk('ip', ['netns', 'exec', this.name, command, ...args], options);
  }

  /** Start a foreground daemon inside the namespace, its stdout and stderr appended to `logFile`. */
  spawnDaemon(
    label: string,
    command: string,
    args: readonly string[],
    logFile: string,
    env = baseEnv(),
  ): Daemon {
    if (this.destroyed) throw new Error(`namespace ${this.name} is already destroyed`);
    const fd = openSync(logFile, 'a');
    const child = spawn('ip', ['netns', 'exec', this.name, command, ...args], {
      env,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    if (child.pid === undefined) throw new Error(`could not start ${label} (${command})`);
    const daemon: Daemon = { label, pid: child.pid, logFile, child, exited: false };
    child.on('exit', () => {
      daemon.exited = true;
    });
    child.on('error', () => {
      daemon.exited = true;
    });
    this.daemons.push(daemon);
    return daemon;
  }

  /** SIGTERM by PID, then SIGKILL after `graceMs`; resolves when the process is gone. */
  async stopDaemon(daemon: Daemon, graceMs = 3000): Promise<void> {
    const index = this.daemons.indexOf(daemon);
    if (index >= 0) this.daemons.splice(index, 1);
    if (daemon.exited) return;
    const gone = new Promise<void>((resolve) => {
      if (daemon.exited) resolve();
      daemon.child.once('exit', () => resolve());
    });
    try {
      process.kill(daemon.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(daemon.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, graceMs);
    await gone;
    clearTimeout(timer);
  }

  /** Listening sockets inside the namespace, as `tcp 127.0.0.1:25` / `udp 127.0.0.53:53`. */
  async listeners(): Promise<Set<string>> {
    const out = await this.execOk('ss', ['-Hlntu']);
    const set = new Set<string>();
    for (const line of out.split('\n')) {
      const cols = line.trim().split(/\s+/);
      if (cols.length >= 5 && cols[0] && cols[4]) set.add(`${cols[0]} ${cols[4]}`);
    }
    return set;
  }

  /** Wait until every `proto addr:port` in `wanted` is listening, or fail naming the missing ones. */
  async waitForListeners(
    wanted: readonly string[],
    timeoutMs: number,
    diagnose: () => string,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let missing: string[] = [...wanted];
    while (Date.now() < deadline) {
      const have = await this.listeners();
      missing = wanted.filter((w) => !have.has(w));
      if (missing.length === 0) return;
      const dead = this.daemons.filter((d) => d.exited);
      if (dead.length > 0) break;
      await sleep(50);
    }
    const dead = this.daemons.filter((d) => d.exited).map((d) => d.label);
    throw new Error(
      `not listening after ${timeoutMs} ms: ${missing.slice(0, 10).join(', ')}` +
        (dead.length ? `; exited: ${dead.join(', ')}` : '') +
        `\n${diagnose()}`,
    );
  }

  /** Stop every daemon by PID (all at once: they do not depend on each other), kill what is left, delete it. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await Promise.all([...this.daemons].map((daemon) => this.stopDaemon(daemon)));
    await killNamespacePids(this.name);
    await run('ip', ['netns', 'del', this.name]);
    await rm(join('/etc/netns', this.name), { recursive: true, force: true });
  }
}

/** SIGKILL every process still inside namespace `name` (children a daemon left behind), by PID. */
async function killNamespacePids(name: string): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const r = await run('ip', ['netns', 'pids', name]);
    const pids = r.stdout
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
      .filter((p) => Number.isInteger(p) && p > 1 && p !== process.pid);
    const living = pids.filter(alive);
    if (living.length === 0) return;
    for (const pid of living) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // raced with its own exit
      }
    }
    await sleep(50);
  }
}

/**
 * Remove namespaces left by an earlier run that died before its teardown (its PID no longer exists). Only our own
 * prefix is touched.
 */
async function sweepOrphans(): Promise<void> {
  const dir = '/run/netns';
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(NAMESPACE_PREFIX)) continue;
    const owner = Number(name.slice(NAMESPACE_PREFIX.length));
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) continue;
    await killNamespacePids(name);
    await run('ip', ['netns', 'del', name]);
    await rm(join('/etc/netns', name), { recursive: true, force: true });
  }
}
