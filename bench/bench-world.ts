/**
 * A fleet served by the loopback world of demo/world.ts (the repo's test DNS, HTTPS and SMTP servers), running in
 * the bench's own process, apart from the measured ones. The policy hosts are served on port 443 of 127.0.9.1,
 * as mailauth fetches on 443 only; that needs root or CAP_NET_BIND_SERVICE.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startWorld, type World } from '../demo/world.js';
import type { Fleet } from './fleet-world.js';
import { ROOT } from './measure.js';

export const POLICY_ADDRESS = '127.0.9.1';

export interface BenchWorld {
  readonly world: World;
  /** The environment of the measured children: the test CA trusted through NODE_EXTRA_CA_CERTS. */
  readonly env: NodeJS.ProcessEnv;
  /** `node` arguments for `mta-sts-drift check --json` over the whole fleet, pointed at this world. */
  readonly checkArgs: readonly string[];
  /** SMTP connections accepted by all MX hosts so far. */
  smtpConnections(): number;
  close(): Promise<void>;
}

/** What the bench reads from a JSON report. */
export interface CheckReportSummary {
  readonly domains: readonly { readonly status: string }[];
}

/** Starts the servers and writes the CA and domains.yml into `dir` (a fresh directory per world). */
export async function startBenchWorld(fleet: Fleet, delayMs: number, dir: string): Promise<BenchWorld> {
  await mkdir(dir, { recursive: true });
  const world = await startWorld(fleet.domains, fleet.mxHosts, delayMs, {
    https: 443,
    httpsAddress: POLICY_ADDRESS,
  }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code !== 'EACCES' && code !== 'EADDRINUSE') throw error;
    const why =
      code === 'EACCES' ? 'needs root or CAP_NET_BIND_SERVICE' : 'the port is in use (another bench?)';
    throw new Error(`bench: cannot serve the policy hosts on ${POLICY_ADDRESS}:443: ${why}`, {
      cause: error,
    });
  });
  const caFile = join(dir, 'ca.pem');
  const config = join(dir, 'domains.yml');
  await writeFile(caFile, world.caPem);
  await writeFile(config, fleet.domains.map((d) => `- ${d.name}`).join('\n'));
  return {
    world,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
    checkArgs: [join(ROOT, 'dist/cli/index.js'), 'check', '--json', '--config', config, ...world.checkArgs],
    smtpConnections: () => world.smtp.reduce((sum, s) => sum + s.connections, 0),
    close: () => world.close(),
  };
}
