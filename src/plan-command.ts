/**
 * `mta-sts-drift plan` (issue #8 item 3): from the policy, id and MX hosts now and a target, print the safe steps.
 * Offline, the policy and MX hosts are given (--policy, --mx); live, they are read from the domain with the probes
 * of `check`, with the TTLs of its records and the policy history of `--state` (src/plan-live.ts). Thin: it reads
 * and checks the options, gathers the inputs, then calls the pure planner and a renderer. A bad option is a
 * UsageError naming the option and the expected form; a live world that cannot be read is a LiveReadError naming
 * each part and why.
 */
import { readFile } from 'node:fs/promises';
import type { CliEnvironment } from './cli.js';
import { oneOf, parseCommand, renderCommandHelp, UsageError, wantsHelp, wholeNumber } from './cli-help.js';
import { normalizeDomain } from './config/normalize-domain.js';
import { normalizeHost } from './core/mx-pattern.js';
import { planChange, type PlanInput, type PlanTarget } from './core/plan.js';
import { planInputFromLive, type LiveProblem } from './core/plan-live.js';
import { MAX_AGE_LIMIT, parsePolicy, type Policy } from './core/policy.js';
import { STS_ID_PATTERN } from './core/sts-record.js';
import type { PolicyMode } from './core/types.js';
import { DEFAULT_TIMEOUT_SECONDS } from './cli-help-text.js';
import { mxHostError } from './lint.js';
import { readLive } from './plan-live.js';
import { parseDnsServer } from './probes/dns.js';
import { DEFAULT_TTL_SECONDS, MAX_POLICY_FILE_BYTES, MAX_TTL, PLAN_HELP, PLAN_OPTIONS } from './plan-help.js';
import { renderPlan } from './report/plan-terminal.js';
import { stripControl } from './report/sanitize.js';

/** The live domain could not be read: every part that failed, and why (exit 1). */
export class LiveReadError extends Error {
  override readonly name = 'LiveReadError';
  readonly domain: string;
  readonly problems: readonly LiveProblem[];

  constructor(domain: string, problems: readonly LiveProblem[]) {
    super(`cannot plan from the live ${domain}: ${problems.map((p) => p.part).join(', ')} could not be read`);
    this.domain = domain;
    this.problems = problems;
  }
}

/** The error as printed: one line per part, remote text made inert, and the way to plan without it. */
export function renderLiveReadError(error: LiveReadError): string {
  return [
    `mta-sts-drift plan: cannot read ${error.domain} from the live world:`,
    ...error.problems.map((p) => `  ${p.part}: ${stripControl(p.why)}`),
    'To plan anyway, give the policy and the MX hosts now: --policy FILE --mx HOST[,HOST...] [--txt-id ID].',
    '',
  ].join('\n');
}

/** A bad plan option: the message names the option, the value and the expected form. */
const bad = (message: string): UsageError => new UsageError(message, 'plan');

/** `--mx a,b --mx c`: comma lists and repeats, each a host name. */
function hosts(option: string, values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const list = values.flatMap((v) => v.split(',')).map((h) => h.trim());
  for (const host of list) {
    const why = mxHostError(host);
    if (why !== null)
      throw bad(`--${option} ${JSON.stringify(host)} ${why}; expected a name like mx1.example.com`);
  }
  return [...new Set(list.map(normalizeHost))];
}

function whole(option: string, value: string | undefined, min: number, max: number): number | undefined {
  return wholeNumber('plan', option, value, min, max);
}

function clock(value: string | undefined, io: CliEnvironment): Date {
  if (value === undefined) return io.now?.() ?? new Date();
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
  const ms = Date.parse(value);
  if (!iso.test(value) || Number.isNaN(ms))
    throw bad(
      `--now ${JSON.stringify(value)} is not a time; expected ISO 8601 with a zone, like 2026-11-29T04:12:00Z`,
    );
  return new Date(ms);
}

async function readPolicy(file: string, io: CliEnvironment): Promise<Policy> {
  let text: string;
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const c of io.stdin ?? process.stdin)
        chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
      text = Buffer.concat(chunks).toString('utf8');
    } else text = await readFile(file, 'utf8');
  } catch (error) {
    throw bad(`--policy ${file}: cannot read it (${(error as Error).message})`);
  }
  if (Buffer.byteLength(text) > MAX_POLICY_FILE_BYTES)
    throw bad(`--policy ${file}: larger than ${MAX_POLICY_FILE_BYTES} bytes, so not a policy file`);
  const parsed = parsePolicy(text);
  if (parsed.value === null) {
    const why = parsed.errors.map((e) => `  ${e.message}`).join('\n');
    throw bad(
      `--policy ${file} is not a valid RFC 8461 §3.2 policy:\n${why}\nExpected lines "version: STSv1", "mode: enforce|testing|none", "max_age: SECONDS" and one "mx: HOST" per MX pattern.`,
    );
  }
  return parsed.value;
}

/** What the options ask for; `--add-mx`/`--remove-mx` are applied to the hosts now once those are known. */
interface TargetOptions {
  readonly target: PlanTarget;
  readonly add?: readonly string[];
  readonly drop?: readonly string[];
}

function targetFrom(values: ReturnType<typeof parse>['values']): TargetOptions {
  const add = hosts('add-mx', values['add-mx']);
  const drop = hosts('remove-mx', values['remove-mx']);
  const target = plainTarget(values, add !== undefined || drop !== undefined);
  if (add === undefined && drop === undefined) return { target };
  if (target.remove === true) throw bad('--remove cannot be combined with --add-mx or --remove-mx');
  if (target.mxHosts !== undefined)
    throw bad('--target-mx names every MX host wanted: it cannot be combined with --add-mx or --remove-mx');
  const both = (add ?? []).filter((h) => (drop ?? []).includes(h));
  if (both.length > 0) throw bad(`--add-mx and --remove-mx both name ${both.join(', ')}`);
  return { target, ...(add === undefined ? {} : { add }), ...(drop === undefined ? {} : { drop }) };
}

/** The hosts now with `--add-mx` added and `--remove-mx` removed; a host to remove must be there now. */
function applyMxEdits(options: TargetOptions, now: readonly string[]): PlanTarget {
  const { target, add, drop } = options;
  if (target.remove === true || (add === undefined && drop === undefined)) return target;
  const current = now.map(normalizeHost);
  const absent = (drop ?? []).filter((h) => !current.includes(h));
  if (absent.length > 0)
    throw bad(
      `--remove-mx ${absent.join(', ')}: not an MX host now (the MX hosts now: ${current.join(', ') || 'none'})`,
    );
  const mxHosts = [...current, ...(add ?? [])].filter((h) => !(drop ?? []).includes(h));
  if (mxHosts.length === 0) throw bad('--remove-mx would remove every MX host; to stop MTA-STS use --remove');
  return { ...target, mxHosts: [...new Set(mxHosts)] };
}

function plainTarget(values: ReturnType<typeof parse>['values'], edits: boolean): PlanTarget {
  const mxHosts = hosts('target-mx', values['target-mx']);
  const modeText = values['target-mode'];
  const mode =
    modeText === undefined
      ? undefined
      : oneOf<PolicyMode>('plan', 'target-mode', modeText, ['enforce', 'testing', 'none']);
  const maxAge = whole('target-max-age', values['target-max-age'], 1, MAX_AGE_LIMIT);
  const given = [mxHosts, mode, maxAge].some((v) => v !== undefined);
  if (values.remove === true) {
    if (given) throw bad('--remove cannot be combined with --target-mx, --target-mode or --target-max-age');
    return { remove: true };
  }
  if (!given && !edits)
    throw bad(
      'plan needs a target: --target-mx, --add-mx, --remove-mx, --target-mode, --target-max-age or --remove',
    );
  return {
    ...(mxHosts === undefined ? {} : { mxHosts }),
    ...(mode === undefined ? {} : { mode }),
    ...(maxAge === undefined ? {} : { maxAge }),
  };
}

const parse = (args: string[]) => parseCommand('plan', args, PLAN_OPTIONS, false);

/** Offline: the policy file, the MX hosts and the id given on the command line. */
async function offlineInput(
  values: ReturnType<typeof parse>['values'],
  io: CliEnvironment,
): Promise<Pick<PlanInput, 'current'>> {
  const live = (['state', 'dns-server', 'allow-private-addresses', 'https-port', 'timeout'] as const).filter(
    (o) => values[o] !== undefined,
  );
  if (live.length > 0)
    throw bad(
      `--${live[0] ?? ''} reads the live domain: leave out --policy and --mx, or leave out --${live[0] ?? ''}`,
    );
  if (values.policy === undefined)
    throw bad('--policy FILE goes with --mx: the text of mta-sts.txt served now (- for standard input)');
  const mxHosts = hosts('mx', values.mx);
  if (mxHosts === undefined)
    throw bad('--mx goes with --policy: the MX hosts now, like mx1.example.com,mx2.example.com');
  const id = values['txt-id'];
  if (id !== undefined && !STS_ID_PATTERN.test(id))
    throw bad(`--txt-id ${JSON.stringify(id)} is not 1 to 32 letters and digits (RFC 8461 §3.1)`);
  const policy = await readPolicy(values.policy, io);
  return {
    current: { policy: { mode: policy.mode, maxAge: policy.maxAge, mx: policy.mx }, mxHosts, id: id ?? null },
  };
}

type Gathered = Pick<PlanInput, 'current' | 'held' | 'source' | 'notes'> & {
  readonly txtTtl?: number;
  readonly mxTtl?: number;
};

/** Live: read the domain, its TTLs and the history of --state; a part that cannot be read is a LiveReadError. */
async function liveInput(
  domain: string,
  values: ReturnType<typeof parse>['values'],
  io: CliEnvironment,
): Promise<Gathered> {
  if (values['txt-id'] !== undefined)
    throw bad('--txt-id goes with --policy and --mx: live, the id is read from the _mta-sts record');
  const dnsServers = (values['dns-server'] ?? []).map((server) => {
    try {
      return parseDnsServer(server);
    } catch (error) {
      throw bad(`--dns-server: ${(error as Error).message}`);
    }
  });
  const { reading, warnings } = await readLive({
    domain,
    dnsServers,
    timeoutMs: (whole('timeout', values.timeout, 1, 300) ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    ...(values['https-port'] === undefined
      ? {}
      : { httpsPort: whole('https-port', values['https-port'], 1, 65535) ?? 443 }),
    allowPrivateAddresses: values['allow-private-addresses'] === true,
    ...(io.ca === undefined ? {} : { ca: io.ca }),
    // The live world is read at the real time (certificates are judged then), whatever --now says.
    now: io.now ?? (() => new Date()),
    ...(values.state === undefined ? {} : { statePath: values.state }),
  });
  for (const warning of warnings) io.stderr.write(`warning: ${stripControl(warning)}\n`);
  const live = planInputFromLive(reading);
  if (!live.ok) throw new LiveReadError(domain, live.problems);
  return {
    current: live.current,
    held: live.held,
    source: reading.history === null ? 'live' : 'live-history',
    notes: live.notes,
    ...(live.txtTtl === null ? {} : { txtTtl: live.txtTtl }),
    ...(live.mxTtl === null ? {} : { mxTtl: live.mxTtl }),
  };
}

async function plan(args: string[], io: CliEnvironment): Promise<void> {
  const { values } = parse(args);
  if (values.domain === undefined) throw bad('--domain is required: the domain to change, like example.com');
  const domain = normalizeDomain(values.domain);
  if (!domain.ok) throw bad(`--domain ${JSON.stringify(values.domain)} ${domain.reason}`);
  const targetOptions = targetFrom(values);
  const txtTtl = whole('txt-ttl', values['txt-ttl'], 0, MAX_TTL);
  const mxTtl = whole('mx-ttl', values['mx-ttl'], 0, MAX_TTL);
  const now = clock(values.now, io);
  // Live mode (issue #8 item 3) when neither the policy nor the MX hosts are given.
  const offline = values.policy !== undefined || values.mx !== undefined;
  const gathered: Gathered = offline
    ? await offlineInput(values, io)
    : await liveInput(domain.value, values, io);
  const result = planChange({
    domain: domain.value,
    current: gathered.current,
    target: applyMxEdits(targetOptions, gathered.current.mxHosts),
    ...(gathered.held === undefined ? {} : { held: gathered.held }),
    ...(gathered.source === undefined ? {} : { source: gathered.source }),
    ...(gathered.notes === undefined ? {} : { notes: gathered.notes }),
    // An option wins over what was read; a TTL that could not be read falls back (and a note says so).
    txtTtl: txtTtl ?? gathered.txtTtl ?? DEFAULT_TTL_SECONDS,
    mxTtl: mxTtl ?? gathered.mxTtl ?? DEFAULT_TTL_SECONDS,
    now,
  });
  io.stdout.write(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : renderPlan(result));
}

/**
 * Run `plan`; returns the exit status: 0 the plan is printed, 1 the live domain could not be read (each part named).
 * A bad option is a UsageError for `plan`, which the CLI prints as its two-line usage error (exit 2).
 */
export async function runPlan(args: string[], io: CliEnvironment): Promise<number> {
  if (wantsHelp(args)) {
    io.stdout.write(renderCommandHelp(PLAN_HELP));
    return 0;
  }
  try {
    await plan(args, io);
  } catch (error) {
    if (!(error instanceof LiveReadError)) throw error;
    io.stderr.write(renderLiveReadError(error));
    return 1;
  }
  return 0;
}
