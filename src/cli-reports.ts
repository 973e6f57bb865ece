/**
 * `mta-sts-drift reports --from SOURCE... [--since DAYS|YYYY-MM-DD] [--json]` (issue #10 item 1): read TLS-RPT
 * reports and sum them per policy domain. Kept apart from cli.ts, which only dispatches to it.
 */
import { parseCommand, renderCommandHelp, UsageError, wantsHelp, wholeNumber } from './cli-help.js';
import { REPORTS_HELP } from './cli-help-text.js';
import { DEFAULT_CERT_WARNING_DAYS } from './config/load-config.js';
import { normalizeDomain } from './config/normalize-domain.js';
import { assessPolicy } from './core/assess-policy.js';
import type { Policy } from './core/policy.js';
import { aggregateReports, type SourcedReport } from './core/tlsrpt-aggregate.js';
import { livePolicy } from './core/tlsrpt-ties.js';
import { parseSince } from './core/tlsrpt-window.js';
import { createObserveDeps } from './probe-deps.js';
import { parseDnsServer } from './probes/dns.js';
import { observeDomains } from './probes/observe.js';
import { collectSources } from './probes/tlsrpt-sources.js';
import { painterFor } from './report/terminal.js';
import { renderReportsText } from './report/tlsrpt-terminal.js';

/** What `reports` needs from the CLI's environment (a subset of CliEnvironment). */
export interface ReportsEnvironment {
  readonly stdout: NodeJS.WritableStream;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  readonly ca?: string;
}

export const REPORTS_USAGE = [
  '  mta-sts-drift reports --from DIR|FILE|imaps://HOST/MAILBOX[?move=FOLDER]...',
  '                        [--since DAYS|YYYY-MM-DD] [--timeout SECONDS] [--json]',
  '                        [--live [--dns-server IP[:PORT]]... [--allow-private-addresses]]',
].join('\n');

/** With --live, the policies of at most this many domains are fetched: the domain names come from the reports. */
export const MAX_LIVE_DOMAINS = 100;

/** A bad argument of `reports`: a usage error that points at `reports --help` (exit 2). */
export class ReportsUsageError extends UsageError {
  constructor(message: string) {
    super(message, 'reports');
  }
}

export const REPORTS_OPTIONS = {
  from: { type: 'string', multiple: true },
  since: { type: 'string' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  live: { type: 'boolean' },
  'dns-server': { type: 'string', multiple: true },
  'allow-private-addresses': { type: 'boolean' },
  'https-port': { type: 'string' },
} as const;

interface LiveSettings {
  readonly timeoutMs: number;
  readonly dnsServers: readonly string[];
  readonly allowPrivateAddresses: boolean;
  readonly httpsPort: number;
  readonly now: Date;
  readonly ca?: string;
}

/**
 * Fetch the policy published now for each domain the reports name (DNS TXT and HTTPS only, no port 25), so that
 * `current` can be filled in and senders on an old policy shown (issue #10 item 1).
 */
async function fetchLivePolicies(
  reports: readonly SourcedReport[],
  s: LiveSettings,
): Promise<Map<string, Policy | null>> {
  const names = [...new Set(reports.flatMap((r) => r.report.policies.map((p) => p.policyDomain)))];
  const domains = names.flatMap((n) => {
    const d = normalizeDomain(n);
    return d.ok ? [d.value] : [];
  });
  const deps = createObserveDeps({
    timeoutMs: s.timeoutMs,
    dnsServers: s.dnsServers,
    httpsPort: s.httpsPort,
    now: () => s.now,
    ...(s.ca === undefined ? {} : { ca: s.ca }),
  });
  const observed = await observeDomains(domains.slice(0, MAX_LIVE_DOMAINS), deps, {
    concurrency: 16,
    checkMxTls: 'false',
    allowPrivateAddresses: s.allowPrivateAddresses,
  });
  const live = new Map<string, Policy | null>();
  for (const obs of observed.observations) {
    const assessed = assessPolicy(obs, s.now, DEFAULT_CERT_WARNING_DAYS);
    const policy = livePolicy(assessed.summary.status, assessed.policy);
    if (policy !== undefined) live.set(obs.domain, policy);
  }
  return live;
}

export async function reportsCommand(args: string[], io: ReportsEnvironment): Promise<number> {
  if (wantsHelp(args)) {
    io.stdout.write(renderCommandHelp(REPORTS_HELP));
    return 0;
  }
  const { values } = parseCommand('reports', args, REPORTS_OPTIONS, false);
  const from = values.from ?? [];
  if (from.length === 0) throw new ReportsUsageError('needs at least one --from SOURCE');
  const now = io.now?.() ?? new Date();
  const window = parseSince(values.since, now);
  if (typeof window === 'string') throw new ReportsUsageError(window);
  const timeout = wholeNumber('reports', 'timeout', values.timeout, 1, 300) ?? 10;
  // Every usage error before any source is read: reading a mailbox with ?move= moves its messages away.
  const httpsPort = values['https-port'] ?? '443';
  if (!/^[0-9]{1,5}$/.test(httpsPort) || Number(httpsPort) < 1 || Number(httpsPort) > 65535) {
    throw new ReportsUsageError(`--https-port ${JSON.stringify(httpsPort)} is not a port number`);
  }
  if (
    values.live !== true &&
    (values['dns-server'] !== undefined || values['allow-private-addresses'] === true)
  ) {
    throw new ReportsUsageError('--dns-server and --allow-private-addresses apply to reports --live only');
  }
  const dnsServers = (values['dns-server'] ?? []).map(parseDnsServer);
  const collected = await collectSources(from, {
    env: io.env ?? process.env,
    timeoutMs: timeout * 1000,
    since: window.start,
    ...(io.ca === undefined ? {} : { ca: io.ca }),
  });
  const live =
    values.live === true
      ? await fetchLivePolicies(collected.reports, {
          timeoutMs: timeout * 1000,
          dnsServers,
          allowPrivateAddresses: values['allow-private-addresses'] === true,
          httpsPort: Number(httpsPort),
          now,
          ...(io.ca === undefined ? {} : { ca: io.ca }),
        })
      : new Map<string, Policy | null>();
  const summary = aggregateReports(collected.reports, collected.rejected, window, live);
  const full = { ...summary, ignored: [...collected.ignored, ...summary.ignored] };
  io.stdout.write(
    values.json === true
      ? `${JSON.stringify(full, null, 2)}\n`
      : renderReportsText(full, painterFor(io.stdout, io.env)),
  );
  return 0;
}
