/**
 * The command line: `mta-sts-drift check` and `mta-sts-drift lint ...`. Exit codes: 0 nothing reaches the fail-on
 * level (or the lint passed), 1 something does (or the lint failed), 2 usage or config error, 3 internal error.
 * The help texts are in src/cli-help-text.ts, the argument layer (parsing, usage errors) in src/cli-help.ts.
 */
import { readFile } from 'node:fs/promises';
import { reachesFailLevel, runCheck, shardReport, type CheckReport, type FailOn } from './check.js';
import {
  didYouMean,
  oneOf,
  parseCommand,
  renderCommandHelp,
  renderUsageError,
  UsageError,
  wantsHelp,
  wholeNumber,
  type CommandHelp,
} from './cli-help.js';
import {
  CHECK_HELP,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_SECONDS,
  LINT_HELP,
  LINT_TARGETS,
  type LintTarget,
} from './cli-help-text.js';
import { merge } from './cli-merge.js';
import { ConfigError } from './config/config-error.js';
import { loadConfig } from './config/load-config.js';
import { DEFAULT_CERT_WARNING_DAYS } from './config/load-config.js';
import { normalizeDomain } from './config/normalize-domain.js';
import { parseShard, selectShard, type Shard } from './core/shard.js';
import type { DomainExpectation } from './core/types.js';
import { REPORTS_USAGE, reportsCommand } from './cli-reports.js';
import {
  lintPolicy,
  lintStsRecords,
  lintTlsRptRecords,
  mxHostError,
  renderLint,
  type LintResult,
} from './lint.js';
import { runPlan } from './plan-command.js';
import { PLAN_USAGE } from './plan-help.js';
import { createObserveDeps } from './probe-deps.js';
import { DnsServerFormatError, parseDnsServer } from './probes/dns.js';
import { SourceError } from './probes/tlsrpt-folder.js';
import { readTlsRptForCheck } from './probes/tlsrpt-sources.js';
import type { MxTlsMode } from './probes/observe.js';
import { parseSocksProxyUrl, ProxyUrlError, type SocksProxy } from './probes/socks.js';
import { stripControl } from './report/sanitize.js';
import { jsonReportPieces } from './report/json-report.js';
import { createProgress } from './report/progress.js';
import { painterFor, renderTerminal } from './report/terminal.js';
import { EMPTY_STATE, readStateFile, writeStateFile } from './state/state-file.js';
import { VERSION } from './version.js';

/** Everything the CLI touches outside itself, so tests and the demo can run it in-process. */
export interface CliEnvironment {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin?: NodeJS.ReadableStream;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  /** Extra trusted roots for probes (the demo's test CA); production uses NODE_EXTRA_CA_CERTS. */
  readonly ca?: string;
}

export { UsageError };

export { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_SECONDS };

export const USAGE = `Usage:
  mta-sts-drift check [--config domains.yml] [--json] [--state FILE]
                      [--fail-on error|warning|never] [--concurrency N] [--timeout SECONDS]
                      [--dns-server IP[:PORT]]... [--domain D]... [--check-mx-tls auto|true|false]
                      [--dane auto|true|false] [--cert-warning-days N]
                      [--allow-private-addresses] [--smtp-port N] [--https-port N]
                      [--smtp-proxy socks5://[user:pass@]host:port]
                      [--tlsrpt DIR|FILE|imaps://HOST/MAILBOX]... [--shard I/N] [--no-progress]
  mta-sts-drift merge REPORT.json... [--json] [--fail-on error|warning|never]
  mta-sts-drift lint policy FILE|- [--mx HOST]... [--json]
  mta-sts-drift lint sts-record TXT... [--json]
  mta-sts-drift lint tlsrpt-record TXT... [--json]
${REPORTS_USAGE}
${PLAN_USAGE}

Exit status: 0 ok, 1 findings at the fail-on level (or lint failed), 2 usage or config error,
3 internal error. mta-sts-drift --version prints the version.
`;

/** The commands, for the top-level help and "did you mean". */
const COMMANDS = ['check', 'merge', 'lint', 'reports', 'plan', 'help'] as const;

const TOP_HELP = `mta-sts-drift ${VERSION}: a drift monitor for MTA-STS (RFC 8461) and TLS-RPT (RFC 8460).

${USAGE}
Options:
  -h, --help                  Show this help.
  -V, --version               Print the version.

Run 'mta-sts-drift COMMAND --help' for the meaning and default of each option: check, merge, lint,
lint policy, lint sts-record, lint tlsrpt-record, reports, plan.
`;

function positiveInt(name: string, value: string | undefined, fallback: number, max = 65535): number {
  return wholeNumber('check', name, value, 1, max) ?? fallback;
}

export const CHECK_OPTIONS = {
  config: { type: 'string' },
  json: { type: 'boolean' },
  state: { type: 'string' },
  'fail-on': { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'dns-server': { type: 'string', multiple: true },
  domain: { type: 'string', multiple: true },
  'check-mx-tls': { type: 'string' },
  dane: { type: 'string' },
  'cert-warning-days': { type: 'string' },
  'allow-private-addresses': { type: 'boolean' },
  'smtp-port': { type: 'string' },
  'https-port': { type: 'string' },
  'smtp-proxy': { type: 'string' },
  shard: { type: 'string' },
  tlsrpt: { type: 'string', multiple: true },
  'no-progress': { type: 'boolean' },
} as const;

/**
 * Expectations from the config, narrowed or extended by `--domain`. `warningDays` (`--cert-warning-days`, like the
 * Action's input) is the cert_warning_days of domains whose entry and defaults leave it unset.
 */
async function expectationsFor(
  config: string | undefined,
  domains: readonly string[],
  warningDays: number | undefined,
): Promise<DomainExpectation[]> {
  const wanted = domains.map((raw) => {
    const n = normalizeDomain(raw);
    if (!n.ok) throw new UsageError(`--domain ${JSON.stringify(raw)} ${n.reason}`, 'check');
    return n.value;
  });
  if (config === undefined && wanted.length > 0) {
    return wanted.map((domain) => ({
      domain,
      line: 0,
      column: 0,
      certWarningDays: warningDays ?? DEFAULT_CERT_WARNING_DAYS,
      ignore: [],
    }));
  }
  const loaded = await loadConfig(
    config ?? 'domains.yml',
    warningDays === undefined ? {} : { certWarningDays: warningDays },
  );
  if (wanted.length === 0) return [...loaded.domains];
  const missing = wanted.filter((w) => !loaded.domains.some((d) => d.domain === w));
  if (missing.length > 0)
    throw new UsageError(`--domain ${missing.join(', ')} is not in ${loaded.file}`, 'check');
  return loaded.domains.filter((d) => wanted.includes(d.domain));
}

/** `--smtp-proxy`: port 25 through SOCKS5 (issue #10 part 2); the error never repeats the password. */
function proxyOption(value: string | undefined): SocksProxy | undefined {
  if (value === undefined) return undefined;
  try {
    return parseSocksProxyUrl(value);
  } catch (error) {
    if (error instanceof ProxyUrlError) throw new UsageError(`--smtp-proxy: ${error.message}`, 'check');
    throw error;
  }
}

/** `--shard I/N` (issue #9 item 3): a slice of the config, so never together with `--domain`. */
function shardOption(value: string | undefined, domains: readonly string[] | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const parsed = parseShard(value);
  if (!parsed.ok) throw new UsageError(`--shard ${JSON.stringify(value)} ${parsed.reason}`, 'check');
  if (domains !== undefined && domains.length > 0) {
    throw new UsageError(
      '--shard and --domain do not go together: a shard is a slice of the config',
      'check',
    );
  }
  return parsed.value;
}

async function check(args: string[], io: CliEnvironment): Promise<number> {
  if (wantsHelp(args)) return help(io, CHECK_HELP);
  const { values } = parseCommand('check', args, CHECK_OPTIONS, false);
  const failOn = oneOf<FailOn>('check', 'fail-on', values['fail-on'] ?? 'error', [
    'error',
    'warning',
    'never',
  ]);
  const checkMxTls = oneOf<MxTlsMode>('check', 'check-mx-tls', values['check-mx-tls'] ?? 'auto', [
    'auto',
    'true',
    'false',
  ]);
  const concurrency = positiveInt('concurrency', values.concurrency, DEFAULT_CONCURRENCY, 1000);
  const timeoutMs = positiveInt('timeout', values.timeout, DEFAULT_TIMEOUT_SECONDS, 300) * 1000;
  const servers = (values['dns-server'] ?? []).map(parseDnsServer);
  // DANE needs a validating resolver's AD bit: auto checks it whenever a resolver is named (issue #7).
  const daneMode = oneOf<MxTlsMode>('check', 'dane', values.dane ?? 'auto', ['auto', 'true', 'false']);
  const dane = daneMode === 'true' || (daneMode === 'auto' && servers.length > 0);
  if (dane && servers.length === 0) {
    throw new UsageError('--dane true needs --dns-server naming a validating resolver', 'check');
  }
  const smtpProxy = proxyOption(values['smtp-proxy']);
  const shard = shardOption(values.shard, values.domain);
  // One threshold for certificate expiry and the DANE rollover and RRSIG notices (issue #7 item 7).
  const warningDays = wholeNumber('check', 'cert-warning-days', values['cert-warning-days'], 0, 365);
  const configured = await expectationsFor(values.config, values.domain ?? [], warningDays);
  const slice = shard === undefined ? undefined : selectShard(configured, shard);
  const expectations = slice?.items ?? configured;
  const previous =
    values.state === undefined ? { state: EMPTY_STATE, warning: null } : await readStateFile(values.state);
  if (previous.warning !== null) io.stderr.write(`warning: ${previous.warning}\n`);
  const deps = createObserveDeps({
    timeoutMs,
    dnsServers: servers,
    httpsPort: positiveInt('https-port', values['https-port'], 443),
    smtpPort: positiveInt('smtp-port', values['smtp-port'], 25),
    ...(smtpProxy === undefined ? {} : { smtpProxy }),
    ...(io.ca === undefined ? {} : { ca: io.ca }),
    ...(io.now === undefined ? {} : { now: io.now }),
  });
  // Progress on stderr when it is a terminal (issue #9 item 4), cleared before the report is printed.
  const showProgress = values['no-progress'] !== true && (io.stderr as { isTTY?: boolean }).isTTY === true;
  const progress = createProgress(io.stderr, { isTTY: showProgress });
  const options = {
    concurrency,
    checkMxTls,
    allowPrivateAddresses: values['allow-private-addresses'] === true,
    dane,
    onDomainDone: (done: number, total: number) => progress.update(done, total),
  };
  // TLS-RPT reports (issue #10 item 1): read before probing, so a bad source fails fast.
  const tlsrpt =
    values.tlsrpt === undefined
      ? undefined
      : await readTlsRptForCheck(values.tlsrpt, {
          env: io.env ?? process.env,
          timeoutMs,
          now: deps.now(),
          ...(io.ca === undefined ? {} : { ca: io.ca }),
        });
  // The reason may quote the mail server's reply: remote text, made inert for the terminal.
  for (const u of tlsrpt?.unread ?? [])
    io.stderr.write(`warning: TLS-RPT source not read: ${stripControl(u.reason)}\n`);
  // Without --state nothing is known of what senders hold (issue #8 item 2).
  const kept = values.state === undefined ? null : previous.state;
  progress.update(0, expectations.length);
  let result;
  try {
    result = await runCheck(expectations, deps, options, kept, tlsrpt);
  } finally {
    progress.finish();
  }
  // A shard's report says which slice it is, so merge can check completeness and restore the order (issue #9).
  const report: CheckReport =
    shard === undefined || slice === undefined
      ? result.report
      : shardReport(result.report, shard, configured, slice.positions);
  // The report first: a state that cannot be saved costs only a warning, never the run (issue #11 item 2).
  // The JSON in pieces, never one string of the whole fleet (issue #9 item 4).
  if (values.json === true) for (const piece of jsonReportPieces(report)) io.stdout.write(piece);
  else io.stdout.write(renderTerminal(report, painterFor(io.stdout, io.env)));
  const stateWarning = values.state === undefined ? null : await writeStateFile(values.state, result.state);
  if (stateWarning !== null) io.stderr.write(`warning: ${stateWarning}\n`);
  return reachesFailLevel(report, failOn) ? 1 : 0;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Print a command's help; exit 0. */
function help(io: CliEnvironment, text: CommandHelp): number {
  io.stdout.write(renderCommandHelp(text));
  return 0;
}

const LINT_OPTIONS = { json: { type: 'boolean' }, mx: { type: 'string', multiple: true } } as const;

/** The lint target named first on the command line, if it is one. */
function lintTarget(args: readonly string[]): LintTarget | undefined {
  const first = args.find((a) => !a.startsWith('-'));
  return LINT_TARGETS.find((t) => t === first);
}

async function lint(args: string[], io: CliEnvironment): Promise<number> {
  if (wantsHelp(args)) return help(io, LINT_HELP[lintTarget(args) ?? 'lint']);
  const target = lintTarget(args);
  const command = target === undefined ? 'lint' : `lint ${target}`;
  const { values, positionals } = parseCommand(command, args, LINT_OPTIONS, true);
  const [what, ...rest] = positionals;
  let result: LintResult;
  let name: string = what ?? '';
  if (what === 'policy') {
    if (rest.length !== 1)
      throw new UsageError('takes exactly one FILE (or - for standard input)', 'lint policy');
    for (const host of values.mx ?? []) {
      const why = mxHostError(host);
      if (why !== null) throw new UsageError(`--mx ${JSON.stringify(host)} ${why}`, 'lint policy');
    }
    const file = rest[0] ?? '-';
    name = file === '-' ? '<stdin>' : file;
    const body = file === '-' ? await readAll(io.stdin ?? process.stdin) : await readPolicyFile(file);
    result = lintPolicy(body, values.mx ?? []);
  } else if (what === 'sts-record' || what === 'tlsrpt-record') {
    if (values.mx !== undefined) throw new UsageError('--mx applies to lint policy only', `lint ${what}`);
    if (rest.length === 0) throw new UsageError('takes one or more TXT record values', `lint ${what}`);
    result = what === 'sts-record' ? lintStsRecords(rest) : lintTlsRptRecords(rest);
  } else if (what === undefined) {
    throw new UsageError('needs a target: policy, sts-record or tlsrpt-record', 'lint');
  } else {
    throw new UsageError(
      `takes policy, sts-record or tlsrpt-record, not ${JSON.stringify(what)}${didYouMean(what, LINT_TARGETS)}`,
      'lint',
    );
  }
  io.stdout.write(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : renderLint(name, result));
  return result.valid ? 0 : 1;
}

async function readPolicyFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, 'lint policy');
  }
}

/** Run the CLI; returns the exit status. Expected failures print one clear message, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliEnvironment): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === 'check') return await check(args, io);
    if (command === 'lint') return await lint(args, io);
    if (command === 'merge') return await merge(args, io);
    if (command === 'reports') return await reportsCommand(args, io);
    if (command === 'plan') return await runPlan(args, io);
    if (command === '--version' || command === '-V') {
      io.stdout.write(`mta-sts-drift ${VERSION}\n`);
      return 0;
    }
    if (command === '--help' || command === '-h') {
      io.stdout.write(TOP_HELP);
      return 0;
    }
    // `help check` and `help lint policy` are the same as `check --help` and `lint policy --help`.
    if (command === 'help')
      return args.length === 0 ? runCli(['--help'], io) : runCli([...args, '--help'], io);
    if (command === undefined) {
      io.stderr.write(TOP_HELP);
      return 2;
    }
    if (command.startsWith('-'))
      throw new UsageError(`unknown option ${command}${didYouMean(command, ['--help', '--version'])}`);
    throw new UsageError(`unknown command ${JSON.stringify(command)}${didYouMean(command, COMMANDS)}`);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`mta-sts-drift: invalid configuration:\n${error.message}\n`);
      return 2;
    }
    if (error instanceof SourceError) {
      // It may quote a mail server's reply: remote text, made inert for the terminal.
      io.stderr.write(`mta-sts-drift: ${stripControl(error.message)}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.stderr.write(renderUsageError(error));
      return 2;
    }
    if (error instanceof DnsServerFormatError) {
      // --dns-server belongs to check and to reports --live: the error names the command that was run.
      io.stderr.write(
        renderUsageError(new UsageError(error.message, command === 'reports' ? 'reports' : 'check')),
      );
      return 2;
    }
    throw error;
  }
}
