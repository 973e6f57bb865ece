/**
 * `mta-sts-drift plan` (issue #8 item 3), offline: from a policy file, the MX hosts and a target, print the safe
 * steps. Thin: it reads and checks the options, then calls the pure planner and a renderer. A bad option is a
 * UsageError naming the option and the expected form.
 */
import { readFile } from 'node:fs/promises';
import type { CliEnvironment } from './cli.js';
import {
  oneOf,
  parseCommand,
  renderCommandHelp,
  UsageError,
  wantsHelp,
  wholeNumber,
  type CommandHelp,
  type OptionHelp,
} from './cli-help.js';
import { normalizeDomain } from './config/normalize-domain.js';
import { normalizeHost } from './core/mx-pattern.js';
import { planChange, type PlanTarget } from './core/plan.js';
import { MAX_AGE_LIMIT, parsePolicy, type Policy } from './core/policy.js';
import { STS_ID_PATTERN } from './core/sts-record.js';
import type { PolicyMode } from './core/types.js';
import { mxHostError } from './lint.js';
import { renderPlan } from './report/plan-terminal.js';

/** A TTL when none is given: one hour, a common default of DNS hosting panels. */
export const DEFAULT_TTL_SECONDS = 3600;
/** RFC 2181 §8: a TTL is at most 2^31 - 1 seconds. */
const MAX_TTL = 2_147_483_647;
/** RFC 8461 §3.3 suggests senders read at most 64 KiB of policy; a bigger file is not a policy. */
const MAX_POLICY_FILE_BYTES = 64 * 1024;

export const PLAN_OPTIONS = {
  domain: { type: 'string' },
  policy: { type: 'string' },
  mx: { type: 'string', multiple: true },
  'txt-id': { type: 'string' },
  'target-mx': { type: 'string', multiple: true },
  'target-mode': { type: 'string' },
  'target-max-age': { type: 'string' },
  remove: { type: 'boolean' },
  'txt-ttl': { type: 'string' },
  'mx-ttl': { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The usage lines, indented as in the CLI's usage block (two spaces, continuations under the first option). */
export const PLAN_USAGE = [
  '  mta-sts-drift plan --domain D --policy FILE|- --mx HOST[,HOST...] [--txt-id ID]',
  '                     (--target-mx HOST[,HOST...] | --target-mode enforce|testing|none',
  '                      | --target-max-age N | --remove)...',
  '                     [--txt-ttl SECONDS] [--mx-ttl SECONDS] [--now TIME] [--json]',
].join('\n');

/** `plan --help`: every option of PLAN_OPTIONS with its meaning and default (the type keeps them in step). */
export const PLAN_HELP: CommandHelp & { options: Record<keyof typeof PLAN_OPTIONS, OptionHelp> } = {
  usage: [
    'mta-sts-drift plan --domain D --policy FILE|- --mx HOST[,HOST...] [--txt-id ID]',
    '  (--target-mx HOST,... | --target-mode MODE | --target-max-age N | --remove)... [options]',
  ],
  notes: [
    'Exit status: 0 the plan is printed, 2 usage error (a bad option, or a policy file that does not parse).',
  ],
  summary:
    "Print the safe order of steps to change a domain's MX hosts, mode or max_age, or to remove MTA-STS, with the " +
    'exact text to publish at each step, the earliest time it may be taken and a command that confirms it (RFC 8461 §8.1, §8.3).',
  options: {
    domain: { value: 'D', meaning: 'The domain (for names and commands in the steps).', default: 'required' },
    policy: {
      value: 'FILE',
      meaning: 'The policy served now (the text of mta-sts.txt); - reads standard input.',
      default: 'required',
    },
    mx: { value: 'HOST[,HOST...]', meaning: 'The MX hosts now.', default: 'required', repeatable: true },
    'txt-id': { value: 'ID', meaning: 'The _mta-sts id now, so new ids differ from it.', default: 'none' },
    'target-mx': {
      value: 'HOST[,HOST...]',
      meaning: 'The MX hosts wanted.',
      default: 'the MX hosts now',
      repeatable: true,
    },
    'target-mode': {
      value: 'MODE',
      meaning: 'The mode wanted: enforce, testing or none.',
      default: 'the mode now',
    },
    'target-max-age': {
      value: 'N',
      meaning: `The max_age wanted, 1 to ${MAX_AGE_LIMIT} seconds.`,
      default: 'the max_age now',
    },
    remove: {
      meaning: 'Remove MTA-STS: mode none, wait, then delete the record and the policy host (RFC 8461 §8.3).',
      default: 'off',
    },
    'txt-ttl': {
      value: 'SECONDS',
      meaning: 'TTL of the _mta-sts TXT record: how long senders may see the old id.',
      default: String(DEFAULT_TTL_SECONDS),
    },
    'mx-ttl': {
      value: 'SECONDS',
      meaning: 'TTL of the MX records: how long senders may use a removed host.',
      default: String(DEFAULT_TTL_SECONDS),
    },
    now: {
      value: 'TIME',
      meaning: 'The start time, ISO 8601 with a zone (2026-11-29T04:12:00Z), for reproducible output.',
      default: 'the clock',
    },
    json: { meaning: 'Print the plan as JSON (shape in README "Changing a domain safely").', default: 'off' },
  },
};

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

function targetFrom(values: ReturnType<typeof parse>['values']): PlanTarget {
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
  if (!given) throw bad('plan needs a target: --target-mx, --target-mode, --target-max-age or --remove');
  return {
    ...(mxHosts === undefined ? {} : { mxHosts }),
    ...(mode === undefined ? {} : { mode }),
    ...(maxAge === undefined ? {} : { maxAge }),
  };
}

const parse = (args: string[]) => parseCommand('plan', args, PLAN_OPTIONS, false);

async function plan(args: string[], io: CliEnvironment): Promise<void> {
  const { values } = parse(args);
  if (values.domain === undefined) throw bad('--domain is required: the domain to change, like example.com');
  const domain = normalizeDomain(values.domain);
  if (!domain.ok) throw bad(`--domain ${JSON.stringify(values.domain)} ${domain.reason}`);
  // Live mode (reading the policy and MX hosts from DNS and HTTPS) is not built yet: issue #8 item 3.
  if (values.policy === undefined)
    throw bad('--policy FILE is required: the text of mta-sts.txt served now (- for standard input)');
  const mxHosts = hosts('mx', values.mx);
  if (mxHosts === undefined)
    throw bad('--mx is required: the MX hosts now, like mx1.example.com,mx2.example.com');
  const id = values['txt-id'];
  if (id !== undefined && !STS_ID_PATTERN.test(id))
    throw bad(`--txt-id ${JSON.stringify(id)} is not 1 to 32 letters and digits (RFC 8461 §3.1)`);
  const target = targetFrom(values);
  const policy = await readPolicy(values.policy, io);
  const result = planChange({
    domain: domain.value,
    current: { policy: { mode: policy.mode, maxAge: policy.maxAge, mx: policy.mx }, mxHosts, id: id ?? null },
    target,
    txtTtl: whole('txt-ttl', values['txt-ttl'], 0, MAX_TTL) ?? DEFAULT_TTL_SECONDS,
    mxTtl: whole('mx-ttl', values['mx-ttl'], 0, MAX_TTL) ?? DEFAULT_TTL_SECONDS,
    now: clock(values.now, io),
  });
  io.stdout.write(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : renderPlan(result));
}

/**
 * Run `plan`; returns the exit status, 0. A bad option is a UsageError for `plan`, which the CLI prints as its
 * two-line usage error (exit 2).
 */
export async function runPlan(args: string[], io: CliEnvironment): Promise<number> {
  if (wantsHelp(args)) {
    io.stdout.write(renderCommandHelp(PLAN_HELP));
    return 0;
  }
  await plan(args, io);
  return 0;
}
