/**
 * The `--help` texts of the commands (issue #11 item 11), kept apart from the commands themselves. The type of
 * CHECK_HELP requires one entry per option of CHECK_OPTIONS, so a new option cannot ship without its help.
 */
import type { CHECK_OPTIONS } from './cli.js';
import type { MERGE_OPTIONS } from './cli-merge.js';
import type { REPORTS_OPTIONS } from './cli-reports.js';
import type { CommandHelp, OptionHelp } from './cli-help.js';

export const DEFAULT_CONCURRENCY = 32;
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** `check --help`: every option of CHECK_OPTIONS, with its meaning and default (the type keeps them in step). */
export const CHECK_HELP: CommandHelp & { options: Record<keyof typeof CHECK_OPTIONS, OptionHelp> } = {
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
    dane: {
      value: 'MODE',
      meaning:
        'Check DANE (RFC 7672): TLSA at _25._tcp.<mx> and the DNSSEC status, judged with MTA-STS. Needs a ' +
        'validating resolver named with --dns-server; when it does not validate, DANE is skipped with one notice. ' +
        'true, false, or auto (on when --dns-server is given).',
      default: 'auto',
    },
    'cert-warning-days': {
      value: 'N',
      meaning:
        'Warn when a certificate, or a DNSSEC signature over the MX, address or TLSA records, expires within N ' +
        'days (0 to 365), and when a certificate that only the current TLSA record matches does; for the domains ' +
        'whose entry and defaults in domains.yml do not set cert_warning_days.',
      default: '21',
    },
    'allow-private-addresses': {
      meaning:
        'Contact loopback, private and other non-public addresses (internal mail systems, test worlds).',
      default: 'off',
    },
    'smtp-proxy': {
      value: 'URL',
      meaning:
        'Send the port-25 probes through this SOCKS5 proxy, socks5://[user:password@]host:port (e.g. ssh -D). ' +
        'The address guard still judges each MX address; the password never appears in any output.',
      default: 'none (connect directly)',
    },
    shard: {
      value: 'I/N',
      meaning:
        'Check only shard I of N (1 <= I <= N <= 256): the domains of the config whose SHA-256 of the name, mod ' +
        'N, is I - 1, so adding a domain moves no other. The JSON report records the shard; combine the N ' +
        "reports with 'mta-sts-drift merge'. Not with --domain.",
      default: 'all domains',
    },
    tlsrpt: {
      value: 'SOURCE',
      meaning:
        'TLS-RPT aggregate reports to tie to the check: a folder or file of .json, .json.gz and .eml reports, or ' +
        'imap:// or imaps://HOST/MAILBOX[?move=FOLDER] with MTA_STS_DRIFT_IMAP_USER and ' +
        'MTA_STS_DRIFT_IMAP_PASSWORD in the environment (see README "TLS-RPT reports").',
      default: 'none',
      repeatable: true,
    },
    'smtp-port': { value: 'N', meaning: 'SMTP port of the MX hosts, for test worlds.', default: '25' },
    'https-port': { value: 'N', meaning: 'HTTPS port of the policy hosts, for test worlds.', default: '443' },
  },
  notes: [
    'Exit status: 0 nothing reaches --fail-on, 1 something does, 2 usage or configuration error, 3 internal error.',
    'Colour: on a terminal only; NO_COLOR=1 turns it off, FORCE_COLOR=1 turns it on.',
  ],
};

/** `merge --help` (issue #9 item 3). */
export const MERGE_HELP: CommandHelp & { options: Record<keyof typeof MERGE_OPTIONS, OptionHelp> } = {
  usage: ['mta-sts-drift merge REPORT.json... [--json] [--fail-on LEVEL]'],
  summary:
    'Combine the JSON reports of check --shard 1/N to N/N into the report one check over all of domains.yml ' +
    'would have written: domains in domains.yml order, the summary and causes recomputed, run-level findings ' +
    'said once. Every shard must be given exactly once, all of the same report version and domains.yml, and no ' +
    'domain may appear twice; otherwise the error names the file.',
  options: {
    json: { meaning: 'Print the merged JSON report instead of the terminal report.', default: 'off' },
    'fail-on': {
      value: 'LEVEL',
      meaning: 'Exit 1 when a finding of the merged report reaches this level: error, warning or never.',
      default: 'error',
    },
  },
  notes: [
    'Exit status: 0 nothing reaches --fail-on, 1 something does, 2 usage error or reports that do not merge.',
  ],
};

const LINT_USAGE = {
  policy: 'mta-sts-drift lint policy FILE|- [--mx HOST]... [--json]',
  'sts-record': 'mta-sts-drift lint sts-record TXT... [--json]',
  'tlsrpt-record': 'mta-sts-drift lint tlsrpt-record TXT... [--json]',
} as const;
export type LintTarget = keyof typeof LINT_USAGE;
export const LINT_TARGETS = Object.keys(LINT_USAGE) as LintTarget[];

const JSON_HELP: OptionHelp = { meaning: 'Print the result as JSON.', default: 'off' };
const MX_HELP: OptionHelp = {
  value: 'HOST',
  meaning: 'An MX host that must match one of the policy mx patterns (RFC 8461 §4.1).',
  default: 'none',
  repeatable: true,
};
const LINT_EXIT = 'Exit status: 0 valid, 1 invalid, 2 usage error.';

/** `lint --help` and `lint TARGET --help`. */
export const LINT_HELP: Record<LintTarget | 'lint', CommandHelp> = {
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

/** `reports --help` (issue #10 item 1): every option of REPORTS_OPTIONS (the type keeps them in step). */
export const REPORTS_HELP: CommandHelp & { options: Record<keyof typeof REPORTS_OPTIONS, OptionHelp> } = {
  usage: ['mta-sts-drift reports --from SOURCE... [--since DAYS|YYYY-MM-DD] [--json] [--live] [options]'],
  summary:
    'Read TLS-RPT aggregate reports (RFC 8460) and sum them per policy domain over a window: sessions that ' +
    'succeeded and failed, by result type, by receiving MX and by reporting organisation, and the senders whose ' +
    'applied policy differs from the one published now (with --live).',
  options: {
    from: {
      value: 'SOURCE',
      meaning:
        'A folder or file of .json, .json.gz and .eml reports, or imap:// or imaps://HOST/MAILBOX[?move=FOLDER] ' +
        'with MTA_STS_DRIFT_IMAP_USER and MTA_STS_DRIFT_IMAP_PASSWORD in the environment.',
      default: 'none (at least one is required)',
      repeatable: true,
    },
    since: {
      value: 'DAYS|DATE',
      meaning: 'The window: the last DAYS days, or since YYYY-MM-DD.',
      default: '7',
    },
    json: { meaning: 'Print the JSON summary (README "TLS-RPT reports") instead of text.', default: 'off' },
    timeout: { value: 'SECONDS', meaning: 'Deadline of IMAP and live lookups, 1 to 300.', default: '10' },
    live: {
      meaning: `Fetch the policy published now (DNS and HTTPS only, at most 100 domains) to mark old policies.`,
      default: 'off',
    },
    'dns-server': {
      value: 'IP[:PORT]',
      meaning: 'Resolver for --live.',
      default: 'the system resolver',
      repeatable: true,
    },
    'allow-private-addresses': { meaning: 'With --live, contact non-public addresses.', default: 'off' },
    'https-port': { value: 'N', meaning: 'HTTPS port of the policy hosts, for test worlds.', default: '443' },
  },
};
