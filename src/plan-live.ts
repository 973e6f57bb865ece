/**
 * `plan` live mode (issue #8 item 3): read what the domain publishes now with the probes `check` uses (the same
 * timeouts, size bounds and address guard), the TTLs of its `_mta-sts` TXT and MX records, and the policy history
 * `check --state` keeps. Only gathers: src/core/plan-live.ts turns the reading into the planner's inputs.
 */
import { access } from 'node:fs/promises';
import { Resolver } from 'node:dns/promises';
import type { PolicyHistory } from './core/policy-history.js';
import type { LiveReading, TtlReading } from './core/plan-live.js';
import { createObserveDeps } from './probe-deps.js';
import { createDnsWireClient } from './probes/dns-wire.js';
import { readTtl } from './probes/dns-ttl.js';
import { observeDomains } from './probes/observe.js';
import { readStateFile } from './state/state-file.js';

/** DNS look-ups get at most this long per try, as in probe-deps.ts: a slow resolver is itself worth knowing. */
const MAX_DNS_TIMEOUT_MS = 5000;

export interface LiveOptions {
  readonly domain: string;
  /** `IP[:PORT]`; empty means the system resolver. */
  readonly dnsServers: readonly string[];
  readonly timeoutMs: number;
  readonly httpsPort?: number;
  readonly allowPrivateAddresses: boolean;
  /** Extra trusted roots (the tests' CA). */
  readonly ca?: string;
  readonly now: () => Date;
  /** `--state FILE`: the policy history `check --state` keeps; absent: none. */
  readonly statePath?: string;
}

/** The history of one domain from the state file; warnings say what could not be used (it is never fatal). */
async function readHistory(
  path: string,
  domain: string,
): Promise<{ history: PolicyHistory; warnings: string[] }> {
  const missing = await access(path).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
  );
  if (missing)
    return { history: [], warnings: [`--state ${path} does not exist: planning without a policy history`] };
  const read = await readStateFile(path);
  const history = read.state.domains[domain]?.history ?? [];
  const warnings = read.warning === null ? [] : [read.warning];
  if (read.warning === null && history.length === 0)
    warnings.push(`--state ${path} holds no policy history for ${domain}: run check --state on it first`);
  return { history, warnings };
}

/** The resolver the TTLs are asked of: the first --dns-server, else the system's first one. */
function ttlServer(servers: readonly string[]): string | null {
  return servers[0] ?? new Resolver().getServers()[0] ?? null;
}

async function readTtls(options: LiveOptions): Promise<{ txt: TtlReading; mx: TtlReading }> {
  const server = ttlServer(options.dnsServers);
  if (server === null) {
    const none: TtlReading = { status: 'unknown', reason: 'no DNS server is configured' };
    return { txt: none, mx: none };
  }
  const wire = createDnsWireClient({ server, timeoutMs: Math.min(options.timeoutMs, MAX_DNS_TIMEOUT_MS) });
  const [txt, mx] = await Promise.all([
    readTtl(wire, `_mta-sts.${options.domain}`, 'TXT'),
    readTtl(wire, options.domain, 'MX'),
  ]);
  return { txt, mx };
}

/** Read the live domain and the history. Never throws for anything a remote server does. */
export async function readLive(options: LiveOptions): Promise<{ reading: LiveReading; warnings: string[] }> {
  const deps = createObserveDeps({
    timeoutMs: options.timeoutMs,
    dnsServers: options.dnsServers,
    ...(options.httpsPort === undefined ? {} : { httpsPort: options.httpsPort }),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
    now: options.now,
  });
  // MX TLS is not needed to plan: the policy, the id and the MX host names are (port 25 is often blocked, too).
  const [observed, ttls, state] = await Promise.all([
    observeDomains([options.domain], deps, {
      concurrency: 1,
      checkMxTls: 'false',
      allowPrivateAddresses: options.allowPrivateAddresses,
    }),
    readTtls(options),
    options.statePath === undefined ? null : readHistory(options.statePath, options.domain),
  ]);
  const observation = observed.observations[0];
  if (observation === undefined) throw new Error(`internal: no observation for ${options.domain}`);
  return {
    reading: {
      observation,
      txtTtl: ttls.txt,
      mxTtl: ttls.mx,
      history: state === null ? null : state.history,
      now: options.now(),
    },
    warnings: state?.warnings ?? [],
  };
}
