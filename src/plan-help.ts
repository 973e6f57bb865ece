/**
 * The options, usage lines and `--help` text of `mta-sts-drift plan` (issue #8 item 3), apart from the command so
 * that the command file holds only what it does.
 */
import type { CommandHelp, OptionHelp } from './cli-help.js';
import { DEFAULT_TIMEOUT_SECONDS } from './cli-help-text.js';
import { MAX_AGE_LIMIT } from './core/policy.js';

/** A TTL when none is given: one hour, a common default of DNS hosting panels. */
export const DEFAULT_TTL_SECONDS = 3600;
/** RFC 2181 §8: a TTL is at most 2^31 - 1 seconds. */
export const MAX_TTL = 2_147_483_647;
/** RFC 8461 §3.3 suggests senders read at most 64 KiB of policy; a bigger file is not a policy. */
export const MAX_POLICY_FILE_BYTES = 64 * 1024;

export const PLAN_OPTIONS = {
  domain: { type: 'string' },
  policy: { type: 'string' },
  mx: { type: 'string', multiple: true },
  'txt-id': { type: 'string' },
  'target-mx': { type: 'string', multiple: true },
  'add-mx': { type: 'string', multiple: true },
  'remove-mx': { type: 'string', multiple: true },
  'target-mode': { type: 'string' },
  'target-max-age': { type: 'string' },
  remove: { type: 'boolean' },
  'txt-ttl': { type: 'string' },
  'mx-ttl': { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
  state: { type: 'string' },
  'dns-server': { type: 'string', multiple: true },
  'allow-private-addresses': { type: 'boolean' },
  'https-port': { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** The usage lines, indented as in the CLI's usage block (two spaces, continuations under the first option). */
export const PLAN_USAGE = [
  '  mta-sts-drift plan --domain D [--policy FILE|- --mx HOST[,HOST...] [--txt-id ID]]',
  '                     (--target-mx HOST[,HOST...] | --add-mx HOST | --remove-mx HOST',
  '                      | --target-mode enforce|testing|none | --target-max-age N | --remove)...',
  '                     [--state FILE] [--dns-server IP[:PORT]]... [--allow-private-addresses]',
  '                     [--txt-ttl SECONDS] [--mx-ttl SECONDS] [--now TIME] [--json]',
].join('\n');

/** `plan --help`: every option of PLAN_OPTIONS with its meaning and default (the type keeps them in step). */
export const PLAN_HELP: CommandHelp & { options: Record<keyof typeof PLAN_OPTIONS, OptionHelp> } = {
  usage: [
    'mta-sts-drift plan --domain D [--policy FILE|- --mx HOST[,HOST...] [--txt-id ID]]',
    '  (--target-mx HOST,... | --add-mx HOST | --remove-mx HOST | --target-mode MODE',
    '   | --target-max-age N | --remove)... [options]',
  ],
  notes: [
    'Without --policy and --mx, plan reads the domain live: the _mta-sts TXT record and its TTL, the policy over HTTPS and the MX records, as check does; with --state, the policy history check keeps tells which earlier policies senders may still hold.',
    'Exit status: 0 the plan is printed, 1 the live domain could not be read (each part is named), 2 usage error (a bad option, or a policy file that does not parse).',
  ],
  summary:
    "Print the safe order of steps to change a domain's MX hosts, mode or max_age, or to remove MTA-STS, with the " +
    'exact text to publish at each step, the earliest time it may be taken and a command that confirms it (RFC 8461 §8.1, §8.3).',
  options: {
    domain: { value: 'D', meaning: 'The domain (for names and commands in the steps).', default: 'required' },
    policy: {
      value: 'FILE',
      meaning: 'Offline: the policy served now (the text of mta-sts.txt); - reads standard input.',
      default: 'read live',
    },
    mx: {
      value: 'HOST[,HOST...]',
      meaning: 'Offline: the MX hosts now (with --policy).',
      default: 'read live',
      repeatable: true,
    },
    'txt-id': {
      value: 'ID',
      meaning: 'Offline: the _mta-sts id now, so new ids differ from it.',
      default: 'read live; none offline',
    },
    'target-mx': {
      value: 'HOST[,HOST...]',
      meaning: 'The MX hosts wanted.',
      default: 'the MX hosts now',
      repeatable: true,
    },
    'add-mx': {
      value: 'HOST[,HOST...]',
      meaning: 'MX hosts to add to the hosts now (not with --target-mx).',
      default: 'none',
      repeatable: true,
    },
    'remove-mx': {
      value: 'HOST[,HOST...]',
      meaning: 'MX hosts to remove from the hosts now (not with --target-mx).',
      default: 'none',
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
      default: `read live; ${DEFAULT_TTL_SECONDS} offline`,
    },
    'mx-ttl': {
      value: 'SECONDS',
      meaning: 'TTL of the MX records: how long senders may use a removed host.',
      default: `read live; ${DEFAULT_TTL_SECONDS} offline`,
    },
    now: {
      value: 'TIME',
      meaning: 'The start time, ISO 8601 with a zone (2026-11-29T04:12:00Z), for reproducible output.',
      default: 'the clock',
    },
    json: { meaning: 'Print the plan as JSON (shape in README "Changing a domain safely").', default: 'off' },
    state: {
      value: 'FILE',
      meaning:
        'Live: the state file of check --state; its policy history says which earlier policies senders may still hold (read, never written).',
      default: 'none',
    },
    'dns-server': {
      value: 'IP[:PORT]',
      meaning: 'Live: the DNS server to ask (repeatable; the first one is asked for the TTLs).',
      default: 'the system resolver',
      repeatable: true,
    },
    'allow-private-addresses': {
      meaning: 'Live: fetch the policy from loopback and private addresses too.',
      default: 'off',
    },
    'https-port': { value: 'N', meaning: 'Live: the port of the policy host.', default: '443' },
    timeout: {
      value: 'SECONDS',
      meaning: 'Live: the deadline of the policy fetch (DNS tries at most 5 s each).',
      default: String(DEFAULT_TIMEOUT_SECONDS),
    },
  },
};
