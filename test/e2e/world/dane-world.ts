/**
 * The DNSSEC world of the DANE referee (issue #7 item 5), in its own namespace `mtasts-e2e-<pid>` (the test file
 * runs in its own forked worker). Daemons, all direct children of the test process, stopped by PID:
 *
 *   127.0.0.53:53       NSD: the signed test root, test., dane.test. (signed) and unsigned.test.
 *   127.0.0.2:53        Unbound: validating, the test root's DS as its only trust anchor; the namespace's resolver
 *   127.0.0.1:8461      postfix-mta-sts-resolver, for sender B
 *   127.1.<n>.1:443     nginx: `mta-sts.<domain>` of scenario n, when the scenario publishes a policy
 *   127.2.<n>.<k>:25    Postfix smtpd: MX host k of scenario n, with its own key and certificate
 *   no listener         sender A (DANE) and sender B (DANE + the MTA-STS resolver), two Postfix instances
 */
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { daneHostName, domainOfDane, type DaneMxSpec, type DaneScenario } from '../dane-scenarios.js';
import { DaneCertificates, tlsaRdata } from './dane-certs.js';
import {
  delegation,
  makeKeys,
  renderDaneNsdConf,
  signZone,
  zoneFile,
  zoneHeader,
  type SignatureFault,
  type ZoneKey,
  type ZoneName,
} from './dnssec.js';
import { baseEnv, Namespace, type Daemon } from './namespace.js';
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
import { RESOLVER_COMMAND, resolverConfig, resolverEnv } from './resolver.js';
import { renderRootHints, renderUnboundConf, UNBOUND_COMMAND } from './unbound.js';
import { tail } from './world.js';
import { NSD, nsdArgs } from './dns.js';
import { NGINX, nginxArgs, nginxConf, policyServerBlock } from './nginx.js';
import { RESOLVER_ADDRESS, RESOLVER_PORT } from './layout.js';

export const DANE_NSD_ADDRESS = '127.0.0.53';
export const UNBOUND_ADDRESS = '127.0.0.2';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface DaneHostPlan {
  readonly spec: DaneMxSpec;
  readonly fqdn: string;
  readonly address: string;
  /** `<fqdn>` key, certificate (leaf, then the CA when the chain is served); null for no STARTTLS. */
  readonly keyFile: string;
  readonly certFiles: readonly string[];
}

export interface DanePlan {
  readonly scenario: DaneScenario;
  readonly index: number;
  readonly domain: string;
  readonly policyAddress: string;
  readonly hosts: readonly DaneHostPlan[];
}

export function planDane(scenarios: readonly DaneScenario[], certDir: string): DanePlan[] {
  return scenarios.map((scenario, i) => {
    const index = i + 1;
    const hosts = scenario.mx.map((spec, k): DaneHostPlan => {
      const fqdn = daneHostName(scenario, spec);
      return {
        spec,
        fqdn,
        address: `127.2.${index}.${k + 1}`,
        keyFile: join(certDir, `${fqdn}.key`),
        certFiles: [join(certDir, `${fqdn}.pem`), ...(spec.chain ? [join(certDir, 'ca.pem')] : [])],
      };
    });
    return {
      scenario,
      index,
      domain: domainOfDane(scenario),
      policyAddress: `127.1.${index}.1`,
      hosts,
    };
  });
}

/** The zone a fully qualified name belongs to (the longest suffix among the world's zones). */
function zoneOf(fqdn: string): ZoneName {
  if (fqdn.endsWith('.dane.test')) return 'dane.test.';
  if (fqdn.endsWith('.unsigned.test')) return 'unsigned.test.';
  throw new Error(`${fqdn} is in no zone of the DANE world`);
}

/** Zone lines per zone, and the signature faults to make, for every scenario. */
async function scenarioRecords(
  plans: readonly DanePlan[],
  certs: DaneCertificates,
): Promise<{ records: Map<ZoneName, string[]>; faults: SignatureFault[] }> {
  const records = new Map<ZoneName, string[]>([
    ['dane.test.', []],
    ['unsigned.test.', []],
  ]);
  const add = (fqdn: string, line: string) => records.get(zoneOf(fqdn))?.push(line);
  const faults: SignatureFault[] = [];
  const caPem = readFileSync(certs.caFile, 'utf8');
  for (const plan of plans) {
    const s = plan.scenario;
    const d = plan.domain;
    add(d, `; ${s.id}: ${s.title}`);
    plan.hosts.forEach((h, k) => add(d, `${d}. IN MX ${h.spec.preference ?? 10 * (k + 1)} ${h.fqdn}.`));
    if (s.sts) {
      add(d, `_mta-sts.${d}. IN TXT "v=STSv1; id=dane1"`);
      add(d, `mta-sts.${d}. IN A ${plan.policyAddress}`);
      add(d, `_smtp._tls.${d}. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@dane.test"`);
    }
    for (const h of plan.hosts) {
      add(h.fqdn, `${h.fqdn}. IN A ${h.address}`);
      const tlsaOwner = h.spec.tlsaCname ? `tlsa.${h.fqdn}.` : `_25._tcp.${h.fqdn}.`;
      if (h.spec.tlsaCname) add(h.fqdn, `_25._tcp.${h.fqdn}. IN CNAME ${tlsaOwner}`);
      const leafFile = h.certFiles[0] ?? '';
      const leafPem = h.spec.tls === 'no-starttls' ? caPem : readFileSync(leafFile, 'utf8');
      const spare = (which: 'old' | 'next') => certs.key(`${h.fqdn}.${which}`);
      for (const spec of h.spec.tlsa) {
        if (h.spec.tls === 'no-starttls' && spec.endsWith(' leaf'))
          throw new Error(`${s.id}: a host without STARTTLS has no leaf for ${spec}`);
        add(h.fqdn, `${tlsaOwner} IN TLSA ${await tlsaRdata(spec, { leafPem, caPem, spare })}`);
      }
    }
    const first = plan.hosts[0];
    if (s.dnssecFault && first) {
      const fault: Record<NonNullable<DaneScenario['dnssecFault']>, SignatureFault> = {
        'tlsa-altered': { owner: `_25._tcp.${first.fqdn}.`, type: 'TLSA', kind: 'altered-data' },
        'tlsa-expired': { owner: `_25._tcp.${first.fqdn}.`, type: 'TLSA', kind: 'expired-rrsig' },
        'mx-expired': { owner: `${d}.`, type: 'MX', kind: 'expired-rrsig' },
        'address-expired': { owner: `${first.fqdn}.`, type: 'A', kind: 'expired-rrsig' },
      };
      faults.push(fault[s.dnssecFault]);
    }
  }
  return { records, faults };
}

/** Write and sign every zone: keys first (the parents carry the children's DS), then all zones at once. */
async function writeZones(dir: string, plans: readonly DanePlan[], certs: DaneCertificates): Promise<string> {
  await mkdir(join(dir, 'xfr'), { recursive: true });
  const keys = await makeKeys(dir);
  const key = (z: ZoneName): ZoneKey => {
    const k = keys.get(z);
    if (!k) throw new Error(`no key for ${z}`);
    return k;
  };
  const { records, faults } = await scenarioRecords(plans, certs);
  const content: Record<ZoneName, string[]> = {
    '.': [...zoneHeader('.', DANE_NSD_ADDRESS), ...delegation('test.', key('test.'))],
    'test.': [
      ...zoneHeader('test.', DANE_NSD_ADDRESS),
      ...delegation('dane.test.', key('dane.test.')),
      ...delegation('unsigned.test.', undefined),
    ],
    'dane.test.': [...zoneHeader('dane.test.', DANE_NSD_ADDRESS), ...(records.get('dane.test.') ?? [])],
    'unsigned.test.': [
      ...zoneHeader('unsigned.test.', DANE_NSD_ADDRESS),
      ...(records.get('unsigned.test.') ?? []),
    ],
  };
  for (const [zone, lines] of Object.entries(content) as [ZoneName, string[]][])
    await writeFile(zoneFile(dir, zone), `${lines.join('\n')}\n`);
  await Promise.all(
    (['.', 'test.', 'dane.test.'] as const).map((z) =>
      signZone(dir, z, key(z), z === 'dane.test.' ? faults : []),
    ),
  );
  await writeFile(join(dir, 'nsd.conf'), renderDaneNsdConf(dir, DANE_NSD_ADDRESS));
  return key('.').ds.replace(/\s+/g, ' ');
}

/** A DANE sender: the MTA-STS world's sender with DNSSEC lookups and the `dane` level, optionally the resolver. */
function daneSenderMainCf(base: string, withStsResolver: boolean): string {
  const overridden = /^(smtp_dns_support_level|smtp_tls_security_level|smtp_tls_policy_maps)\s*=/;
  const lines = base.split('\n').filter((l) => !overridden.test(l));
  return `${lines.join('\n')}
# DANE (issue #7 item 5): DNSSEC-validated lookups through the namespace's resolver (Unbound), and TLSA applied.
smtp_dns_support_level = dnssec
smtp_tls_security_level = dane
${withStsResolver ? `smtp_tls_policy_maps = socketmap:inet:${RESOLVER_ADDRESS}:${RESOLVER_PORT}:postfix\n` : ''}`;
}

function renderNginx(dir: string, plans: readonly DanePlan[], cert: (p: DanePlan) => string[]): string {
  const servers = plans
    .filter((p) => p.scenario.sts)
    .map((p) => {
      const [keyFile = '', certFile = ''] = cert(p);
      return policyServerBlock({
        address: p.policyAddress,
        host: `mta-sts.${p.domain}`,
        certFile,
        keyFile,
        root: join(dir, 'www', p.domain),
      });
    });
  return nginxConf(dir, servers, { title: 'e2e DANE world policy hosts', workerConnections: 64 });
}

export class DaneWorld {
  private readonly daemons: Daemon[] = [];
  readonly timings: Record<string, number> = {};

  private constructor(
    readonly dir: string,
    readonly plans: readonly DanePlan[],
    readonly ns: Namespace,
    readonly caFile: string,
    readonly mx: PostfixInstance,
    readonly senderA: PostfixInstance,
    readonly senderB: PostfixInstance,
  ) {}

  static async start(scenarios: readonly DaneScenario[]): Promise<DaneWorld> {
    const t0 = Date.now();
    const dir = await mkdtemp(join(tmpdir(), 'mtasts-dane-e2e-'));
    await chmod(dir, 0o755);
    let ns: Namespace | undefined;
    try {
      const certDir = join(dir, 'certs');
      const certs = await DaneCertificates.create(certDir);
      const plans = planDane(scenarios, certDir);
      await Promise.all(
        plans.flatMap((p) =>
          p.hosts.flatMap((h) => (h.spec.tls === 'no-starttls' ? [] : [certs.leaf(h.fqdn, h.spec.tls)])),
        ),
      );
      const policyCerts = new Map<DanePlan, string[]>();
      for (const p of plans.filter((x) => x.scenario.sts)) {
        const c = await certs.leaf(`mta-sts.${p.domain}`, 'ca');
        policyCerts.set(p, [c.keyFile, c.certFile]);
      }
      const t1 = Date.now();
      const rootDs = await writeZones(join(dir, 'dns'), plans, certs);
      const t2 = Date.now();

      const unboundDir = join(dir, 'unbound');
      await mkdir(unboundDir);
      await writeFile(join(unboundDir, 'root.hints'), renderRootHints(DANE_NSD_ADDRESS));
      await writeFile(
        join(unboundDir, 'unbound.conf'),
        renderUnboundConf(unboundDir, UNBOUND_ADDRESS, rootDs),
      );

      const web = join(dir, 'web');
      for (const t of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
        await mkdir(join(web, 'tmp', t), { recursive: true });
      for (const p of plans) {
        const patterns = p.scenario.sts;
        if (!patterns) continue;
        const body = [
          'version: STSv1',
          'mode: enforce',
          ...patterns.map((m) => `mx: ${m}`),
          'max_age: 86400',
          '',
        ]
          .join('\n')
          .replaceAll('{d}', p.domain);
        const file = join(web, 'www', p.domain, '.well-known', 'mta-sts.txt');
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, body);
      }
      await writeFile(
        join(web, 'nginx.conf'),
        renderNginx(web, plans, (p) => policyCerts.get(p) ?? []),
      );

      const mx = await createInstance(
        dir,
        'mx',
        mxMainCf,
        mxMasterCf(
          plans.flatMap((p) => p.hosts),
          (h) => (h.spec.tls === 'no-starttls' ? null : [h.keyFile, ...h.certFiles]),
        ),
      );
      const sender = (name: string, sts: boolean) =>
        createInstance(
          dir,
          name,
          (i, data) => daneSenderMainCf(senderMainCf(i, data, certs.caFile), sts),
          senderMasterCf(),
        );
      const senderA = await sender('sender-a', false);
      const senderB = await sender('sender-b', true);
      await mkdir(join(dir, 'resolver'));
      await writeFile(join(dir, 'resolver', 'mta-sts-daemon.yml'), resolverConfig());

      ns = await Namespace.create(UNBOUND_ADDRESS);
      // glibc (2.31+) clears the AD bit unless told to trust the nameserver; Postfix's DANE needs it.
      await writeFile(
        join('/etc/netns', ns.name, 'resolv.conf'),
        `nameserver ${UNBOUND_ADDRESS}\noptions trust-ad timeout:2 attempts:2\n`,
      );
      const world = new DaneWorld(dir, plans, ns, certs.caFile, mx, senderA, senderB);
      await world.launch();
      world.timings.certificatesMs = t1 - t0;
      world.timings.signingMs = t2 - t1;
      world.timings.startMs = Date.now() - t0;
      return world;
    } catch (error) {
      await ns?.destroy();
      if (!process.env.E2E_KEEP) await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private spawn(
    label: string,
    command: string,
    args: string[],
    log: string,
    env: Record<string, string> = {},
  ) {
    this.daemons.push(this.ns.spawnDaemon(label, command, args, log, baseEnv(env)));
  }

  private async launch(): Promise<void> {
    const dns = join(this.dir, 'dns');
    const unbound = join(this.dir, 'unbound');
    const web = join(this.dir, 'web');
    this.spawn('nsd', NSD, nsdArgs(dns), join(dns, 'nsd.out'));
    this.spawn(
      'unbound',
      UNBOUND_COMMAND,
      ['-d', '-c', join(unbound, 'unbound.conf')],
      join(unbound, 'unbound.out'),
    );
    if (this.plans.some((p) => p.scenario.sts)) {
      this.spawn('nginx', NGINX, nginxArgs(web), join(web, 'nginx.out'));
    }
    const resolverDir = join(this.dir, 'resolver');
    this.spawn(
      'resolver',
      RESOLVER_COMMAND,
      ['-c', join(resolverDir, 'mta-sts-daemon.yml'), '-l', join(resolverDir, 'resolver.log'), '-v', 'debug'],
      join(resolverDir, 'resolver.out'),
      resolverEnv(this.caFile),
    );
    for (const i of [this.mx, this.senderA, this.senderB])
      this.spawn(`postfix-${i.name}`, MASTER, masterArgs(i), join(dirname(i.configDir), 'master.out'));
    const listeners = [
      `udp ${DANE_NSD_ADDRESS}:53`,
      `udp ${UNBOUND_ADDRESS}:53`,
      `tcp ${UNBOUND_ADDRESS}:53`,
      `tcp ${RESOLVER_ADDRESS}:${RESOLVER_PORT}`,
      ...this.plans.filter((p) => p.scenario.sts).map((p) => `tcp ${p.policyAddress}:443`),
      ...this.plans.flatMap((p) => p.hosts).map((h) => `tcp ${h.address}:25`),
    ];
    await this.ns.waitForListeners(listeners, 20_000, () => this.diagnostics());
    await Promise.all([
      this.waitForLog(this.senderA.maillog, /daemon started/g, 10_000),
      this.waitForLog(this.senderB.maillog, /daemon started/g, 10_000),
      this.waitForValidation(10_000),
    ]);
  }

  /** The world is only useful once Unbound validates the test root: the AD bit on `. SOA`. */
  private async waitForValidation(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      const r = await this.ns.exec('drill', ['-D', '.', 'SOA', `@${UNBOUND_ADDRESS}`], { timeoutMs: 5000 });
      last = r.stdout + r.stderr;
      if (/flags:[^;]*\bad\b/.test(last) && /rcode: NOERROR/.test(last)) return;
      await sleep(100);
    }
    throw new Error(
      `Unbound does not validate the test root after ${timeoutMs} ms:\n${last}\n${this.diagnostics()}`,
    );
  }

  async waitForLog(file: string, pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        if ((readFileSync(file, 'utf8').match(pattern) ?? []).length > 0) return;
      } catch {
        // not written yet
      }
      await sleep(50);
    }
    throw new Error(`${pattern} not seen in ${file} after ${timeoutMs} ms\n${this.diagnostics()}`);
  }

  diagnostics(): string {
    return [
      join(this.dir, 'dns', 'nsd.log'),
      join(this.dir, 'dns', 'nsd.out'),
      join(this.dir, 'unbound', 'unbound.log'),
      join(this.dir, 'unbound', 'unbound.out'),
      join(this.dir, 'web', 'error.log'),
      join(this.dir, 'resolver', 'resolver.log'),
      this.mx.maillog,
      this.senderA.maillog,
      this.senderB.maillog,
    ]
      .map((f) => tail(f, 15))
      .join('\n');
  }

  async stop(): Promise<void> {
    await this.ns.destroy();
    if (!process.env.E2E_KEEP) await rm(this.dir, { recursive: true, force: true });
  }
}
