/**
 * The peer comparison's second world (issue #9 item 4 names it: "real NSD, nginx and 50 Postfix MX"): the same
 * fleet served by Debian's daemons inside a network namespace of the bench's own, as the end-to-end suite runs
 * them (test/e2e/world). NSD answers every name, nginx serves each policy host with its own certificate on
 * 127.0.9.1:443, and one Postfix listens on port 25 of each MX host's address with that host's certificate. The
 * measured programs run inside the namespace (`ip netns exec`), so nothing outside it is touched.
 *
 * Needs root (a namespace) and the packages of `scripts/e2e/install-deps.sh`.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueCertificate, testCa } from '../test/helpers/test-ca.js';
import { NSD, nsdArgs, quoteTxt, renderNsdConf } from '../test/e2e/world/dns.js';
import {
  NGINX,
  nginxArgs,
  nginxConf,
  POLICY_PATH,
  policyServerBlock,
  webRoot,
} from '../test/e2e/world/nginx.js';
import { mxHostAddress } from '../demo/world.js';
import { baseEnv, Namespace } from '../test/e2e/world/namespace.js';
import { createInstance, MASTER, masterArgs, mxMainCf, mxMasterCf } from '../test/e2e/world/postfix.js';
import { tail } from '../test/e2e/world/world.js';
import type { Fleet } from './fleet-world.js';
import { POLICY_ADDRESS } from './bench-world.js';
import { ROOT } from './measure.js';

const DNS_ADDRESS = '127.0.0.53';
const ZONES = ['bench.example', 'provider.example'] as const;

export interface DaemonWorld {
  /** Prefix of every measured command: `ip netns exec NAME`. */
  readonly exec: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly dnsServer: string;
  /** `node` arguments for `mta-sts-drift check --json` over the whole fleet. */
  readonly checkArgs: readonly string[];
  close(): Promise<void>;
}

/** Why the daemon world cannot start here, or null when it can. */
export function daemonWorldMissing(): string | null {
  if (process.getuid?.() !== 0) return 'needs root, for a network namespace';
  const missing = [NSD, NGINX, MASTER].filter((path) => !existsSync(path));
  return missing.length === 0
    ? null
    : `${missing.join(', ')} not installed (scripts/e2e/install-deps.sh installs them)`;
}

/** Starts the world in a temporary directory of its own, which `close` removes. */
export async function startDaemonWorld(fleet: Fleet): Promise<DaemonWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-bench-daemons-'));
  const world: { ns?: Namespace } = {};
  const cleanUp = async (): Promise<void> => {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await world.ns?.destroy();
    await rm(dir, { recursive: true, force: true });
  };
  // An interrupted bench stops the daemons, removes the namespace and the files, then exits.
  const interrupted = (signal: NodeJS.Signals): void => {
    void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return { ...(await startIn(dir, fleet, world)), close: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function startIn(
  dir: string,
  fleet: Fleet,
  world: { ns?: Namespace },
): Promise<Omit<DaemonWorld, 'close'>> {
  // Postfix's daemons run as `postfix` and must reach their queue inside it.
  await chmod(dir, 0o755);
  const hosts = fleet.mxHosts.map((m, i) => ({ fqdn: m.host, address: mxHostAddress(i) }));
  const certFiles = async (name: string, sub: string) => {
    const issued = issueCertificate({ names: [name], notAfter: new Date(Date.now() + 90 * 86_400_000) });
    const certFile = join(dir, sub, `${name}.crt`);
    const keyFile = join(dir, sub, `${name}.key`);
    await writeFile(certFile, issued.cert);
    await writeFile(keyFile, issued.key, { mode: 0o600 });
    return { certFile, keyFile };
  };

  // DNS: one zone file per zone, no rate limiting (NSD's default drops bursts of like answers to one client).
  const dnsDir = join(dir, 'dns');
  await mkdir(dnsDir, { recursive: true });
  const zone = (origin: string, lines: string[]) =>
    [
      '$TTL 300',
      `${origin}. IN SOA ns.${origin}. hostmaster.${origin}. ( 1 60 60 3600 60 )`,
      `${origin}. IN NS ns.${origin}.`,
      `ns.${origin}. IN A ${DNS_ADDRESS}`,
      ...lines,
      '',
    ].join('\n');
  await writeFile(
    join(dnsDir, 'provider.example.zone'),
    zone(
      'provider.example',
      hosts.map((h) => `${h.fqdn}. IN A ${h.address}`),
    ),
  );
  await writeFile(
    join(dnsDir, 'bench.example.zone'),
    zone(
      'bench.example',
      fleet.domains.flatMap((d) => [
        ...d.sts.map((t) => `_mta-sts.${d.name}. IN TXT ${quoteTxt(t)}`),
        ...(d.tlsrpt ?? []).map((t) => `_smtp._tls.${d.name}. IN TXT ${quoteTxt(t)}`),
        ...d.mx.map((m) => `${d.name}. IN MX ${m.preference} ${m.host}.`),
        `mta-sts.${d.name}. IN A ${POLICY_ADDRESS}`,
      ]),
    ),
  );
  await writeFile(
    join(dnsDir, 'nsd.conf'),
    renderNsdConf(
      dnsDir,
      ZONES.map((name) => ({ name, file: join(dnsDir, `${name}.zone`) })),
      DNS_ADDRESS,
    ),
  );

  // HTTPS: one server block and certificate per policy host, the policy served from a file.
  const webDir = join(dir, 'web');
  await mkdir(join(webDir, 'certs'), { recursive: true });
  const servers: string[] = [];
  for (const d of fleet.domains) {
    if (d.policy.kind !== 'body') throw new Error(`bench: ${d.name}: only a policy body can be served here`);
    const host = `mta-sts.${d.name}`;
    const root = webRoot(webDir, d.name);
    await mkdir(join(root, '.well-known'), { recursive: true });
    await writeFile(join(root, POLICY_PATH), d.policy.body);
    const cert = await certFiles(host, 'web/certs');
    servers.push(policyServerBlock({ address: POLICY_ADDRESS, host, ...cert, root }));
  }
  await mkdir(join(webDir, 'tmp'), { recursive: true });
  await writeFile(
    join(webDir, 'nginx.conf'),
    nginxConf(webDir, servers, { title: 'bench policy hosts', workerConnections: 1024, accessLog: false }),
  );

  // SMTP: one Postfix, one listener per MX host address, each with its host's certificate.
  await mkdir(join(dir, 'mx-certs'), { recursive: true });
  const mxCerts = new Map<string, { certFile: string; keyFile: string }>();
  for (const h of hosts) mxCerts.set(h.fqdn, await certFiles(h.fqdn, 'mx-certs'));
  const mx = await createInstance(
    dir,
    'mx',
    mxMainCf,
    mxMasterCf(hosts, (h) => {
      const cert = mxCerts.get(h.fqdn);
      return cert === undefined ? null : [cert.keyFile, cert.certFile];
    }),
  );
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, testCa.certPem);

  const ns = await Namespace.create(DNS_ADDRESS);
  // From here on, startDaemonWorld destroys the namespace if anything fails.
  world.ns = ns;
  ns.spawnDaemon('nsd', NSD, nsdArgs(dnsDir), join(dnsDir, 'nsd.out'));
  ns.spawnDaemon('nginx', NGINX, nginxArgs(webDir), join(webDir, 'nginx.out'));
  ns.spawnDaemon('postfix', MASTER, masterArgs(mx), join(dir, 'mx', 'master.out'), baseEnv());
  await ns.waitForListeners(
    [`udp ${DNS_ADDRESS}:53`, `tcp ${POLICY_ADDRESS}:443`, ...hosts.map((h) => `tcp ${h.address}:25`)],
    30_000,
    () =>
      [join(dnsDir, 'nsd.out'), join(webDir, 'error.log'), join(dir, 'mx', 'master.out'), mx.maillog]
        .map((file) => tail(file, 5))
        .join('\n'),
  );
  const config = join(dir, 'domains.yml');
  await writeFile(config, fleet.domains.map((d) => `- ${d.name}`).join('\n'));
  return {
    exec: ['ip', 'netns', 'exec', ns.name],
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
    dnsServer: DNS_ADDRESS,
    checkArgs: [
      join(ROOT, 'dist/cli/index.js'),
      'check',
      '--json',
      '--config',
      config,
      '--dns-server',
      DNS_ADDRESS,
      '--allow-private-addresses',
    ],
  };
}
