/**
 * The command line: `mta-sts-drift check` and `mta-sts-drift lint ...`. Exit codes: 0 nothing reaches the fail-on
 * level (or the lint passed), 1 something does (or the lint failed), 2 usage or config error.
 */
import { readFile } from 'node:fs/promises';
import { reachesFailLevel, runCheck, type FailOn } from './check.js';
import {
  didYouMean,
  oneOf,
  parseCommand,
  renderCommandHelp,
  renderUsageError,
  UsageError,
  wantsHelp,
  type CommandHelp,
  type OptionHelp,
} from './cli-help.js';
import { ConfigError } from './config/config-error.js';
import { loadConfig } from './config/load-config.js';
import { DEFAULT_CERT_WARNING_DAYS } from './config/load-config.js';
import { normalizeDomain } from './config/normalize-domain.js';
import type { DomainExpectation } from './core/types.js';
import { lintPolicy, lintStsRecords, lintTlsRptRecords, renderLint, type LintResult } from './lint.js';
import { createObserveDeps } from './probe-deps.js';
import { DnsServerFormatError, parseDnsServer } from './probes/dns.js';
import type { MxTlsMode } from './probes/observe.js';
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

export const DEFAULT_CONCURRENCY = 32;
export const DEFAULT_TIMEOUT_SECONDS = 10;

export const USAGE = `Usage:
  mta-sts-drift check [--config domains.yml] [--json] [--state FILE] [--fail-on error|warning|never]
                      [--concurrency N] [--timeout SECONDS] [--dns-server IP[:PORT]]... [--domain D]...
                      [--check-mx-tls auto|true|false] [--allow-private-addresses]
                      [--smtp-port N] [--https-port N]
  mta-sts-drift lint policy FILE|- [--mx HOST]... [--json]
  mta-sts-drift lint sts-record TXT... [--json]
  mta-sts-drift lint tlsrpt-record TXT... [--json]

Exit status: 0 ok, 1 findings at the fail-on level (or lint failed), 2 usage or config error, 3 internal error.
mta-sts-drift --version prints the version.
`;

/** The commands, for the top-level help and "did you mean". */
const COMMANDS = ['check', 'lint', 'help'] as const;

const TOP_HELP = `mta-sts-drift ${VERSION}: a drift monitor for MTA-STS (RFC 8461) and TLS-RPT (RFC 8460).

${USAGE}
Options:
  -h, --help                  Show this help.
  -V, --version               Print the version.

Run 'mta-sts-drift COMMAND --help' for the meaning and default of each option: check, lint, lint policy,
lint sts-record, lint tlsrpt-record.
`;

function positiveInt(name: string, value: string | undefined, fallback: number, max = 65535): number {
  if (value === undefined) return fallback;
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(
      `--${name} ${JSON.stringify(value)} is not a whole number from 1 to ${max}`,
      'check',
    );
  }
  return Number(value);
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
  'allow-private-addresses': { type: 'boolean' },
  'smtp-port': { type: 'string' },
  'https-port': { type: 'string' },
} as const;

/** `check --help`: every option of CHECK_OPTIONS, with its meaning and default (the type keeps them in step). */
const CHECK_HELP: CommandHelp & { options: Record<keyof typeof CHECK_OPTIONS, OptionHelp> } = {
  usage: ['mta-sts-drift check [--config FILE | --domain D...] [options]'],
  summary:
    'Check each domain of domains.yml against what it publishes: the _mta-sts TXT record, the policy at ' +
    'https://mta-sts.DOMAIN/.well-known/mta-sts.txt, the MX hosts and their STARTTLS certificates, and the ' +
    '_smtp._tls TLS-RPT record. Prints a table of domains and verdicts, then each finding with its fix.',
  options: {
    config: {
      value: 'FILE',
      meaning: 'The domains and what they should publish (see README "domains.yml").',
      default: 'domains.yml',
    },
    domain: {
      value: 'D',
      meaning: 'Check only this domain of the config; without --config, check it with no expectations.',
      default: 'every domain of the config',
      repeatable: true,
    },
    json: { meaning: 'Print the JSON report instead of the terminal report.', default: 'off' },
    state: {
      value: 'FILE',
      meaning:
        'Remember each policy id between runs, to report a policy changed without a new id ' +
        '(stale-policy-id). Missing folders are created; a file that cannot be read or written is a warning.',
      default: 'none (no id-freshness check)',
    },
    'fail-on': {
      value: 'LEVEL',
      meaning: 'Exit 1 when a finding reaches this level: error, warning or never.',
      default: 'error',
    },
    concurrency: {
      value: 'N',
      meaning: 'Domains observed at once, 1 to 1000.',
      default: String(DEFAULT_CONCURRENCY),
    },
    timeout: {
      value: 'SECONDS',
      meaning: 'Deadline of each HTTPS fetch and SMTP probe, 1 to 300.',
      default: String(DEFAULT_TIMEOUT_SECONDS),
    },
    'dns-server': {
      value: 'IP[:PORT]',
      meaning: 'Resolver to ask, e.g. 127.0.0.1:5353 or [::1]:5353.',
      default: 'the system resolver',
      repeatable: true,
    },
    'check-mx-tls': {
      value: 'MODE',
      meaning:
        'Probe STARTTLS on port 25 of each MX host: true, false, or auto (probe, and when no MX host at all ' +
        'answers, as where outbound port 25 is blocked, say so once instead of failing every domain).',
      default: 'auto',
    },
    'allow-private-addresses': {
      meaning:
        'Contact loopback, private and other non-public addresses (internal mail systems, test worlds).',
      default: 'off',
    },
    'smtp-port': { value: 'N', meaning: 'SMTP port of the MX hosts, for test worlds.', default: '25' },
    'https-port': { value: 'N', meaning: 'HTTPS port of the policy hosts, for test worlds.', default: '443' },
  },
  notes: [
    'Exit status: 0 nothing reaches --fail-on, 1 something does, 2 usage or configuration error, 3 internal error.',
    'Colour: on a terminal only; NO_COLOR=1 turns it off, FORCE_COLOR=1 turns it on.',
  ],
};

const LINT_USAGE = {
  policy: 'mta-sts-drift lint policy FILE|- [--mx HOST]... [--json]',
  'sts-record': 'mta-sts-drift lint sts-record TXT... [--json]',
  'tlsrpt-record': 'mta-sts-drift lint tlsrpt-record TXT... [--json]',
} as const;
type LintTarget = keyof typeof LINT_USAGE;
const LINT_TARGETS = Object.keys(LINT_USAGE) as LintTarget[];

const LINT_OPTIONS = { json: { type: 'boolean' }, mx: { type: 'string', multiple: true } } as const;

const JSON_HELP: OptionHelp = { meaning: 'Print the result as JSON.', default: 'off' };
const MX_HELP: OptionHelp = {
  value: 'HOST',
  meaning: 'An MX host that must match one of the policy mx patterns (RFC 8461 §4.1).',
  default: 'none',
  repeatable: true,
};
const LINT_EXIT = 'Exit status: 0 valid, 1 invalid, 2 usage error.';

/** `lint --help` and `lint TARGET --help`. */
const LINT_HELP: Record<LintTarget | 'lint', CommandHelp> = {
  lint: {
    usage: LINT_TARGETS.map((t) => LINT_USAGE[t]),
    summary:
      'Offline checks of what you are about to publish: a policy file, an _mta-sts TXT record, an _smtp._tls ' +
      'TXT record. Nothing is looked up.',
    options: { mx: { ...MX_HELP, meaning: `${MX_HELP.meaning} For lint policy only.` }, json: JSON_HELP },
    notes: [
      LINT_EXIT,
      "Run 'mta-sts-drift lint TARGET --help' for one target: policy, sts-record, tlsrpt-record.",
    ],
  },
  policy: {
    usage: [LINT_USAGE.policy],
    summary:
      'Check a policy file (or standard input with -) against RFC 8461 §3.2, and that every --mx host matches ' +
      'one of its mx patterns.',
    options: { mx: MX_HELP, json: JSON_HELP },
    notes: [LINT_EXIT],
  },
  'sts-record': {
    usage: [LINT_USAGE['sts-record']],
    summary:
      'Check the TXT records published at _mta-sts.DOMAIN (RFC 8461 §3.1), one argument per record, so ' +
      '"exactly one record" is checked across them.',
    options: { json: JSON_HELP },
    notes: [LINT_EXIT],
  },
  'tlsrpt-record': {
    usage: [LINT_USAGE['tlsrpt-record']],
    summary:
      'Check the TXT records published at _smtp._tls.DOMAIN (RFC 8460 §3), one argument per record, so ' +
      '"exactly one record" is checked across them.',
    options: { json: JSON_HELP },
    notes: [LINT_EXIT],
  },
};

/** Expectations from the config, narrowed or extended by `--domain`. */
async function expectationsFor(
  config: string | undefined,
  domains: readonly string[],
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
      certWarningDays: DEFAULT_CERT_WARNING_DAYS,
      ignore: [],
    }));
  }
  const loaded = await loadConfig(config ?? 'domains.yml');
  if (wanted.length === 0) return [...loaded.domains];
  const missing = wanted.filter((w) => !loaded.domains.some((d) => d.domain === w));
  if (missing.length > 0)
    throw new UsageError(`--domain ${missing.join(', ')} is not in ${loaded.file}`, 'check');
  return loaded.domains.filter((d) => wanted.includes(d.domain));
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
  const expectations = await expectationsFor(values.config, values.domain ?? []);
  const previous =
    values.state === undefined ? { state: EMPTY_STATE, warning: null } : await readStateFile(values.state);
  if (previous.warning !== null) io.stderr.write(`warning: ${previous.warning}\n`);
  const deps = createObserveDeps({
    timeoutMs,
    dnsServers: servers,
    httpsPort: positiveInt('https-port', values['https-port'], 443),
    smtpPort: positiveInt('smtp-port', values['smtp-port'], 25),
    ...(io.ca === undefined ? {} : { ca: io.ca }),
    ...(io.now === undefined ? {} : { now: io.now }),
  });
  const options = {
    concurrency,
    checkMxTls,
    allowPrivateAddresses: values['allow-private-addresses'] === true,
  };
  const result = await runCheck(expectations, deps, options, previous.state);
  // The report first: a state that cannot be saved costs only a warning, never the run (issue #11 item 2).
  io.stdout.write(
    values.json === true
      ? `${JSON.stringify(result.report, null, 2)}\n`
      : renderTerminal(result.report, painterFor(io.stdout, io.env)),
  );
  const stateWarning = values.state === undefined ? null : await writeStateFile(values.state, result.state);
  if (stateWarning !== null) io.stderr.write(`warning: ${stateWarning}\n`);
  return reachesFailLevel(result.report, failOn) ? 1 : 0;
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

/** The lint target named first on the command line, if it is one. */
function lintTarget(args: readonly string[]): LintTarget | undefined {
  const first = args.find((a) => !a.startsWith('-'));
  return LINT_TARGETS.find((t) => t === first);
}

async function lint(args: string[], io: CliEnvironment): Promise<number> {
  if (wantsHelp(args)) return help(io, LINT_HELP[lintTarget(args) ?? 'lint']);
  const { values, positionals } = parseCommand(
    `lint${lintTarget(args) === undefined ? '' : ` ${lintTarget(args)}`}`,
    args,
    LINT_OPTIONS,
    true,
  );
  const [what, ...rest] = positionals;
  let result: LintResult;
  if (what === 'policy') {
    if (rest.length !== 1)
      throw new UsageError('takes exactly one FILE (or - for standard input)', 'lint policy');
    const file = rest[0] ?? '-';
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
  io.stdout.write(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : renderLint(what, result));
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
    if (error instanceof UsageError) {
      io.stderr.write(renderUsageError(error));
      return 2;
    }
    if (error instanceof DnsServerFormatError) {
      io.stderr.write(renderUsageError(new UsageError(error.message, 'check')));
      return 2;
    }
    throw error;
  }
}
