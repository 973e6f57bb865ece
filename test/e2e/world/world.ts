/**
 * The small internet of the end-to-end suite, built from the scenario table: certificates, configs, the network
 * namespace and its five daemons (NSD, nginx, the MX Postfix, postfix-mta-sts-resolver, the sender Postfix).
 *
 * `World.start` cleans up after itself if any step fails; `stop` is safe to call more than once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expand, type Scenario } from '../scenarios.js';
import { TestCa, type IssuedCert } from './certs.js';
import { NSD, nsdArgs, renderNsdConf, renderZone } from './dns.js';
import {
  DNS_ADDRESS,
  RESOLVER_ADDRESS,
  RESOLVER_PORT,
  planScenarios,
  type MxHostPlan,
  type ScenarioPlan,
} from './layout.js';
import { baseEnv, Namespace, type Daemon } from './namespace.js';
import { NGINX, nginxArgs, policyFiles, renderNginxConf } from './nginx.js';
import {
  createInstance,
  MASTER,
  masterArgs,
  mxMainCf,
  mxMasterCf,
  senderMainCf,
  senderMasterCf,
  type PostfixInstance,
} from './postfix.js';
import { RESOLVER_COMMAND, resolverConfig, resolverEnv, type ResolverOptions } from './resolver.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The last `lines` lines of a log file, for failure messages. */
export function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return `(${file}: missing)`;
  const all = readFileSync(file, 'utf8').trimEnd().split('\n');
  return `--- ${file}\n${all.slice(-lines).join('\n')}`;
}

/** How a test file wants its world beyond the scenarios (every field optional: the defaults are the suite's). */
export interface WorldOptions {
  readonly resolver?: ResolverOptions;
}

export class World {
  private readonly daemons = new Map<string, Daemon>();
  readonly timings: Record<string, number> = {};

  private constructor(
    readonly dir: string,
    readonly plans: readonly ScenarioPlan[],
    readonly ns: Namespace,
    readonly ca: TestCa,
    readonly sender: PostfixInstance,
    readonly mx: PostfixInstance,
  ) {}

  /** Build everything in a fresh temporary directory and start it inside a fresh namespace. */
  static async start(scenarios: readonly Scenario[], options: WorldOptions = {}): Promise<World> {
    const t0 = Date.now();
    const dir = await mkdtemp(join(tmpdir(), 'mtasts-e2e-'));
    // Postfix daemons run as `postfix` and must reach their queue inside it.
    await chmod(dir, 0o755);
    let ns: Namespace | undefined;
    try {
      const plans = planScenarios(scenarios);
      const ca = await TestCa.create(join(dir, 'ca'));
      const certs = await issueCertificates(ca, plans);
      const certificatesMs = Date.now() - t0;
      const { mx, sender } = await writeConfigs(dir, plans, ca, certs, options);
      ns = await Namespace.create(DNS_ADDRESS);
      const world = new World(dir, plans, ns, ca, sender, mx);
      await world.launch();
      world.timings.certificatesMs = certificatesMs;
      world.timings.startMs = Date.now() - t0;
      return world;
    } catch (error) {
      await ns?.destroy();
      if (!process.env.E2E_KEEP) await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Start the five daemons and wait until every listener is up and the sender's master has started. */
  private async launch(): Promise<void> {
    this.startNsd();
    this.startNginx();
    this.startPostfix(this.mx);
    this.startResolver();
    this.startPostfix(this.sender);
    const listeners = [
      `udp ${DNS_ADDRESS}:53`,
      `tcp ${DNS_ADDRESS}:53`,
      `tcp ${RESOLVER_ADDRESS}:${RESOLVER_PORT}`,
      ...this.plans.filter((p) => p.scenario.policy).map((p) => `tcp ${p.policyAddress}:443`),
      ...this.plans.flatMap((p) => p.hosts).map((h) => `tcp ${h.address}:25`),
    ];
    await this.ns.waitForListeners(listeners, 20_000, () => this.diagnostics());
    await this.waitForLog(this.sender.maillog, /daemon started/g, 10_000);
  }

  private spawn(
    label: string,
    command: string,
    args: string[],
    log: string,
    env: Record<string, string> = {},
  ): void {
    this.daemons.set(label, this.ns.spawnDaemon(label, command, args, log, baseEnv(env)));
  }

  private startNsd(): void {
    const d = join(this.dir, 'dns');
    this.spawn('nsd', NSD, nsdArgs(d), join(d, 'nsd.out'));
  }

  private startNginx(): void {
    const d = join(this.dir, 'web');
    this.spawn('nginx', NGINX, nginxArgs(d), join(d, 'nginx.out'));
  }

  private startPostfix(instance: PostfixInstance): void {
    this.spawn(
      `postfix-${instance.name}`,
      MASTER,
      masterArgs(instance),
      join(dirname(instance.configDir), 'master.out'),
    );
  }

  private startResolver(): void {
    const d = join(this.dir, 'resolver');
    this.spawn(
      'resolver',
      RESOLVER_COMMAND,
      ['-c', join(d, 'mta-sts-daemon.yml'), '-l', join(d, 'resolver.log'), '-v', 'debug'],
      join(d, 'resolver.out'),
      resolverEnv(this.ca.caFile),
    );
  }

  /**
   * Stop a daemon by PID and start it again. Ready means `ready` is logged once more than before: a listener
   * check alone could see a socket the old daemon's children have not closed yet.
   */
  private async restart(label: string, start: () => void, log: string, ready: RegExp): Promise<void> {
    const before = countMatches(log, ready);
    const daemon = this.daemons.get(label);
    if (daemon) await this.ns.stopDaemon(daemon);
    start();
    await this.waitForLog(log, ready, 10_000, before + 1);
  }

  /**
   * Publish phase 2: the new zone (MX records, and TXT records where phase 2 names them) and the new policy bodies
   * (a null policy deletes the file, so the policy host answers 404).
   */
  async publishPhase2(): Promise<void> {
    await writeFile(join(this.dir, 'dns', 'e2e.test.zone'), renderZone(this.plans, 2, 2));
    for (const plan of this.plans) {
      const next = plan.scenario.phase2?.policy;
      if (next === null) {
        for (const file of policyFiles(join(this.dir, 'web'), plan.domain)) await rm(file, { force: true });
      } else if (next !== undefined) await writePolicy(this.dir, plan, next.body);
    }
    await this.restart('nsd', () => this.startNsd(), join(this.dir, 'dns', 'nsd.log'), /nsd started/g);
  }

  /** Drop the sender's policy cache by restarting postfix-mta-sts-resolver. */
  async restartResolver(): Promise<void> {
    const log = join(this.dir, 'resolver', 'resolver.log');
    await this.restart('resolver', () => this.startResolver(), log, /Server started/g);
  }

  /** Wait until `pattern` (a global RegExp) occurs at least `count` times in `file`. */
  async waitForLog(file: string, pattern: RegExp, timeoutMs: number, count = 1): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (countMatches(file, pattern) >= count) return;
      await sleep(50);
    }
    throw new Error(`${pattern} not seen ${count}x in ${file} after ${timeoutMs} ms\n${this.diagnostics()}`);
  }

  /** Tails of every log, for failure messages. */
  diagnostics(): string {
    return [
      join(this.dir, 'dns', 'nsd.log'),
      join(this.dir, 'dns', 'nsd.out'),
      join(this.dir, 'web', 'error.log'),
      join(this.dir, 'web', 'nginx.out'),
      join(this.dir, 'resolver', 'resolver.log'),
      join(this.dir, 'resolver', 'resolver.out'),
      this.mx.maillog,
      join(dirname(this.mx.configDir), 'master.out'),
      this.sender.maillog,
      join(dirname(this.sender.configDir), 'master.out'),
    ]
      .map((f) => tail(f, 15))
      .join('\n');
  }

  /** Stop every daemon by PID, delete the namespace and (unless E2E_KEEP is set) the temporary directory. */
  async stop(): Promise<void> {
    await this.ns.destroy();
    if (!process.env.E2E_KEEP) await rm(this.dir, { recursive: true, force: true });
  }
}

function countMatches(file: string, pattern: RegExp): number {
  return existsSync(file) ? (readFileSync(file, 'utf8').match(pattern) ?? []).length : 0;
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('internal: missing certificate');
  return value;
}

async function issueMxCert(ca: TestCa, plan: ScenarioPlan, host: MxHostPlan): Promise<IssuedCert | null> {
  const tls = host.tls;
  if (tls === 'no-starttls') return null;
  if (typeof tls === 'string') return ca.issue({ fault: tls, names: [host.fqdn] });
  const names = tls.names.map((n) => (n === '@' ? plan.domain : `${n}.${plan.domain}`));
  return ca.issue({ fault: 'valid', names });
}

async function writePolicy(dir: string, plan: ScenarioPlan, body: string): Promise<void> {
  for (const file of policyFiles(join(dir, 'web'), plan.domain)) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, expand(plan.scenario, body));
  }
}

interface Certificates {
  readonly policy: ReadonlyMap<ScenarioPlan, IssuedCert>;
  /** null: the MX offers no STARTTLS. */
  readonly mx: ReadonlyMap<MxHostPlan, IssuedCert | null>;
}

async function issueCertificates(ca: TestCa, plans: readonly ScenarioPlan[]): Promise<Certificates> {
  const policy = new Map<ScenarioPlan, IssuedCert>();
  const mx = new Map<MxHostPlan, IssuedCert | null>();
  for (const plan of plans) {
    const spec = plan.scenario.policy;
    if (spec) policy.set(plan, await ca.issue({ fault: spec.cert ?? 'valid', names: [plan.policyHost] }));
    for (const host of plan.hosts) mx.set(host, await issueMxCert(ca, plan, host));
  }
  return { policy, mx };
}

/** Zone and NSD config, web root and nginx config, both Postfix instances, the resolver's config. */
async function writeConfigs(
  dir: string,
  plans: readonly ScenarioPlan[],
  ca: TestCa,
  certs: Certificates,
  options: WorldOptions,
): Promise<{ mx: PostfixInstance; sender: PostfixInstance }> {
  await mkdir(join(dir, 'dns', 'xfr'), { recursive: true });
  await writeFile(join(dir, 'dns', 'nsd.conf'), renderNsdConf(join(dir, 'dns')));
  await writeFile(join(dir, 'dns', 'e2e.test.zone'), renderZone(plans, 1, 1));

  for (const plan of plans) {
    if (plan.scenario.policy) await writePolicy(dir, plan, plan.scenario.policy.body);
  }
  for (const t of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    await mkdir(join(dir, 'web', 'tmp', t), { recursive: true });
  }
  const policyCert = (p: ScenarioPlan) => required(certs.policy.get(p));
  await writeFile(join(dir, 'web', 'nginx.conf'), renderNginxConf(join(dir, 'web'), plans, policyCert));

  const hosts = plans.flatMap((p) => p.hosts);
  const mx = await createInstance(
    dir,
    'mx',
    mxMainCf,
    mxMasterCf(hosts, (h) => {
      const cert = certs.mx.get(h) ?? null;
      return cert === null ? null : [cert.keyFile, cert.certFile];
    }),
  );
  const senderMain = (i: PostfixInstance, data: string) => senderMainCf(i, data, ca.caFile);
  const sender = await createInstance(dir, 'sender', senderMain, senderMasterCf());

  await mkdir(join(dir, 'resolver'));
  await writeFile(join(dir, 'resolver', 'mta-sts-daemon.yml'), resolverConfig(options.resolver));
  return { mx, sender };
}
