/**
 * All inputs, read in one place into one validated settings object. Each error names the input, the value given
 * and the values allowed (issue #3). Defaults here match action.yml, so a missing input behaves like a default one.
 */
import type { FailOn } from '../check.js';
import { DnsServerFormatError, parseDnsServer } from '../probes/dns.js';
import type { MxTlsMode } from '../probes/observe.js';
import {
  parseSocksProxyUrl,
  PROXY_URL_FORM,
  ProxyUrlError,
  redactProxyUrl,
  type SocksProxy,
} from '../probes/socks.js';
import type { IssueGrouping } from '../report/cause-issues.js';
import type { IssueOn } from '../report/issues.js';
import { PULL_REQUEST_EVENTS, whyNoWrites, WRITE_EVENTS, type RunContext } from './run-context.js';

export const DEFAULT_CONCURRENCY = 32;
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_MAX_ISSUE_WRITES = 50;
export const DEFAULT_LABEL = 'mta-sts-drift';
/**
 * `issue-grouping: auto` groups by cause above this many configured domains (issue #9 item 1). Up to 20, a run in
 * which every domain changes needs at most 2 writes per domain (update and comment): 40, plus 2 for the state,
 * within the default `max-issue-operations` of 50, so per-domain issues never trickle in over several runs, and 20
 * issues are still a list a person reads. Beyond that, one provider change on a shared MX host would open one
 * issue per domain for a single fix.
 */
export const AUTO_CAUSE_GROUPING_ABOVE = 20;
/** GitHub refuses label names longer than this. */
const MAX_LABEL_LENGTH = 50;

export type StateSetting =
  { readonly kind: 'issue' } | { readonly kind: 'none' } | { readonly kind: 'file'; readonly path: string };

/** Something about this run's settings said once in the log and the summary. */
export interface Remark {
  /** A warning when an input the user set is ignored; otherwise an info line. */
  readonly level: 'warning' | 'info';
  readonly text: string;
}

export interface ActionSettings {
  readonly config: string;
  readonly token: string;
  readonly failOn: FailOn;
  /** Manage issues in this run (after the event allow-list). */
  readonly issues: boolean;
  /** Issues and state may be written in this run: schedule, workflow_dispatch, a push to the default branch. */
  readonly writeAllowed: boolean;
  readonly issueOn: IssueOn;
  /** At least one; the first is the label runs find their issues by. */
  readonly issueLabels: readonly string[];
  /** One issue per domain or per root cause; `auto` decides by the number of domains (resolveIssueGrouping). */
  readonly issueGrouping: IssueGrouping | 'auto';
  /** Overrides domains.yml for every domain when set. */
  readonly certWarningDays: number | null;
  readonly checkMxTls: MxTlsMode;
  readonly state: StateSetting;
  readonly concurrency: number;
  readonly timeoutSeconds: number;
  readonly dryRun: boolean;
  readonly maxIssueWrites: number;
  readonly allowPrivateAddresses: boolean;
  /** Port-25 probes go through this SOCKS5 proxy (input `smtp-proxy`, issue #10 part 2); null: directly. */
  readonly smtpProxy: SocksProxy | null;
  /** Write the job summary. */
  readonly summary: boolean;
  /** Where to write a SARIF file for code scanning, relative to the workspace; null for none. */
  readonly sarifFile: string | null;
  /** TLS-RPT report sources (folders, files, imap:// or imaps:// URLs), one per line; empty: no reports (issue #10). */
  readonly tlsrptSources: readonly string[];
  /**
   * The resolver for every lookup, normalised as `--dns-server` (input `dns-server`, issue #7 item 7); null: the
   * runner's resolver. DANE trusts its AD bit, so it should be a validating resolver.
   */
  readonly dnsServer: string | null;
  /** Check DANE (RFC 7672) with `dnsServer` (input `dane`: true, or auto with a resolver named). */
  readonly dane: boolean;
  /** Said once in the log and the summary, e.g. "issues: true ignored on a pull request". */
  readonly remarks: readonly Remark[];
}

/** An input with a value outside what it allows. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly input: string,
    readonly value: string,
    readonly allowed: string,
  ) {
    super(`Input "${input}" has the value ${JSON.stringify(value)}; allowed: ${allowed}`);
  }
}

export type GetInput = (name: string) => string;

function oneOf<T extends string>(get: GetInput, name: string, fallback: T, allowed: readonly T[]): T {
  const value = get(name).trim() || fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(name, value, allowed.join(', '));
}

function bool(get: GetInput, name: string, fallback: boolean): boolean {
  const value = get(name).trim();
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(name, value, 'true, false');
}

function integer(get: GetInput, name: string, fallback: number, min: number, max: number): number {
  const value = get(name).trim();
  if (value === '') return fallback;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InputError(name, value, `a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function labels(get: GetInput): string[] {
  const raw = get('issue-labels');
  const list = raw
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const bad = list.find((l) => l.length > MAX_LABEL_LENGTH);
  if (bad !== undefined)
    throw new InputError(
      'issue-labels',
      bad,
      `label names of at most ${MAX_LABEL_LENGTH} characters, separated by commas or new lines`,
    );
  return list.length > 0 ? [...new Set(list)] : [DEFAULT_LABEL];
}

function state(get: GetInput): StateSetting {
  const value = get('state').trim() || 'issue';
  if (value === 'issue' || value === 'none') return { kind: value };
  if (value.startsWith('file:') && value.length > 'file:'.length)
    return { kind: 'file', path: value.slice(5) };
  throw new InputError('state', value, 'issue, none, file:PATH');
}

/**
 * Issues default on for schedule and workflow_dispatch, and are written only on the events of WRITE_EVENTS (issue #11
 * item 7): on any other event `issues: true` is ignored and the run says why, once.
 */
function issues(
  get: GetInput,
  context: RunContext,
  stateKind: StateSetting['kind'],
  remarks: Remark[],
): boolean {
  const raw = get('issues').trim() || 'auto';
  const value = raw.toLowerCase();
  if (!['auto', 'true', 'false'].includes(value)) throw new InputError('issues', raw, 'auto, true, false');
  const why = whyNoWrites(context);
  if (why !== null) {
    const only = `the action writes issues and state only on ${WRITE_EVENTS}`;
    if (value === 'true')
      remarks.push({ level: 'warning', text: `issues: true is ignored: ${why}; ${only}.` });
    else if (value === 'auto' || stateKind !== 'none')
      remarks.push({ level: 'info', text: `Issues and state are not written: ${why}; ${only}.` });
    return false;
  }
  if (value === 'auto') return context.eventName === 'schedule' || context.eventName === 'workflow_dispatch';
  return value === 'true';
}

/**
 * A fork's pull request chooses the domains in domains.yml, so with private addresses allowed it could point a
 * self-hosted runner at internal services (issue #11 item 7). Ignored there, as `issues` is.
 */
function allowPrivate(get: GetInput, context: RunContext, remarks: Remark[]): boolean {
  const wanted = bool(get, 'allow-private-addresses', false);
  if (!wanted || !isForkPullRequest(context)) return wanted;
  remarks.push({
    level: 'warning',
    text: 'allow-private-addresses: true is ignored on a pull request from a fork: its domains.yml could make the runner contact internal addresses.',
  });
  return false;
}

/** A pull request whose head is a fork, or whose payload does not say (fail closed). */
function isForkPullRequest(context: RunContext): boolean {
  return PULL_REQUEST_EVENTS.has(context.eventName) && context.pullRequest?.fromFork !== false;
}

function sarifFile(get: GetInput): string | null {
  const value = get('sarif-file').trim();
  if (value === '') return null;
  if (value.endsWith('/') || value.includes('\0'))
    throw new InputError('sarif-file', value, 'empty, or the path of a file, e.g. mta-sts-drift.sarif');
  return value;
}

/** `smtp-proxy`: the error quotes the value with its credentials replaced by `***`. */
function smtpProxy(get: GetInput): SocksProxy | null {
  const value = get('smtp-proxy').trim();
  if (value === '') return null;
  try {
    return parseSocksProxyUrl(value);
  } catch (error) {
    if (!(error instanceof ProxyUrlError)) throw error;
    throw new InputError('smtp-proxy', redactProxyUrl(value), `${PROXY_URL_FORM} (${error.message})`);
  }
}

/**
 * One source per line: folder paths may contain commas and spaces, so only new lines separate them. Not read on
 * pull requests: reports say nothing about a change to domains.yml, and a fork's run has no secrets for IMAP.
 */
function tlsrptSources(get: GetInput, context: RunContext, remarks: Remark[]): string[] {
  const list = get('tlsrpt-source')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const bad = list.find((l) => /^[a-z][a-z0-9+.-]*:\/\//i.test(l) && !/^imaps?:\/\//i.test(l));
  if (bad !== undefined) {
    throw new InputError(
      'tlsrpt-source',
      bad,
      'folder or file paths and imap:// or imaps:// URLs, one per line',
    );
  }
  if (list.length > 0 && PULL_REQUEST_EVENTS.has(context.eventName)) {
    remarks.push({
      level: 'info',
      text: 'tlsrpt-source is not read on pull requests (reports do not judge a change, and forks get no secrets).',
    });
    return [];
  }
  return [...new Set(list)];
}

/** `dns-server`: one resolver as `IP[:PORT]`, the CLI's `--dns-server` form. */
function dnsServer(get: GetInput): string | null {
  const value = get('dns-server').trim();
  if (value === '') return null;
  try {
    return parseDnsServer(value);
  } catch (error) {
    if (!(error instanceof DnsServerFormatError)) throw error;
    throw new InputError(
      'dns-server',
      value,
      'an IP address with an optional port, e.g. 127.0.0.1:5353 or [::1]:5353',
    );
  }
}

/**
 * `dane`: auto checks DANE whenever `dns-server` names a resolver, as the CLI's `--dane auto` does (issue #7). true
 * without one is refused: the runner's resolver is reached through Node's resolver, which shows no AD bit.
 */
function dane(get: GetInput, server: string | null): boolean {
  const mode = oneOf<MxTlsMode>(get, 'dane', 'auto', ['auto', 'true', 'false']);
  if (mode === 'true' && server === null) {
    throw new InputError('dane', 'true', 'auto or false, unless dns-server names a validating resolver');
  }
  return mode === 'true' || (mode === 'auto' && server !== null);
}

/** The grouping of a run of `domains` configured domains. */
export function resolveIssueGrouping(setting: IssueGrouping | 'auto', domains: number): IssueGrouping {
  if (setting !== 'auto') return setting;
  return domains > AUTO_CAUSE_GROUPING_ABOVE ? 'cause' : 'domain';
}

/** Read and validate every input. Throws InputError for the first bad one. */
export function readSettings(get: GetInput, context: RunContext): ActionSettings {
  const remarks: Remark[] = [];
  const warningDays = get('cert-warning-days').trim();
  const stateSetting = state(get);
  const server = dnsServer(get);
  return {
    config: get('config').trim() || 'domains.yml',
    token: get('github-token').trim(),
    failOn: oneOf<FailOn>(get, 'fail-on', 'error', ['error', 'warning', 'never']),
    issues: issues(get, context, stateSetting.kind, remarks),
    writeAllowed: whyNoWrites(context) === null,
    issueOn: oneOf<IssueOn>(get, 'issue-on', 'warning', ['error', 'warning']),
    issueLabels: labels(get),
    issueGrouping: oneOf<IssueGrouping | 'auto'>(get, 'issue-grouping', 'auto', ['auto', 'domain', 'cause']),
    certWarningDays: warningDays === '' ? null : integer(get, 'cert-warning-days', 0, 0, 365),
    checkMxTls: oneOf<MxTlsMode>(get, 'check-mx-tls', 'auto', ['auto', 'true', 'false']),
    state: stateSetting,
    concurrency: integer(get, 'concurrency', DEFAULT_CONCURRENCY, 1, 1000),
    timeoutSeconds: integer(get, 'timeout', DEFAULT_TIMEOUT_SECONDS, 1, 300),
    dryRun: bool(get, 'dry-run', false),
    maxIssueWrites: integer(get, 'max-issue-operations', DEFAULT_MAX_ISSUE_WRITES, 0, 1000),
    allowPrivateAddresses: allowPrivate(get, context, remarks),
    summary: bool(get, 'summary', true),
    sarifFile: sarifFile(get),
    smtpProxy: smtpProxy(get),
    tlsrptSources: tlsrptSources(get, context, remarks),
    dnsServer: server,
    dane: dane(get, server),
    remarks,
  };
}
