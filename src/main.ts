/**
 * The GitHub Action: inputs -> config -> observe and evaluate (runCheck) -> issues -> report -> exit status.
 * The exit status is set last, after the summary, annotations and issues are written (issue #3).
 */
import * as core from '@actions/core';
import { relative, resolve } from 'node:path';
import { evaluateCheck, shardReport, type CheckResult } from './check.js';
import { ConfigError } from './config/config-error.js';
import { loadConfig } from './config/load-config.js';
import { selectShard } from './core/shard.js';
import type { DomainExpectation } from './core/types.js';
import { createGitHubApi, type GitHubApi, type GitHubClientOptions } from './action/github-client.js';
import { readSettings, type ActionSettings } from './action/inputs.js';
import { listActionIssues, loadState, manageIssues, saveFileState, type Logger } from './action/notify.js';
import { checkPullRequest } from './action/pull-request.js';
import { finish, type Finished, type RunOutcome, type Sharding } from './action/finish.js';
import { mergedResult, readMergedShards } from './action/merge-mode.js';
import type { MergedShards } from './merge.js';
import { PULL_REQUEST_EVENTS, readRunContext, type RunContext } from './action/run-context.js';
import { createObserveDeps, type ProbeSettings } from './probe-deps.js';
import { observeDomains, type ObserveDeps, type ObserveOptions } from './probes/observe.js';
import { readTlsRptForCheck } from './probes/tlsrpt-sources.js';
import type { AnnotationSink } from './report/annotations.js';
import { stripControl } from './report/sanitize.js';
import type { StateFile } from './state/state-file.js';

/** Everything run() touches outside itself; tests pass loopback servers and capture output through these. */
export interface RunDeps {
  /** GITHUB_* variables and INPUT_* inputs; default process.env. Outputs still go through @actions/core. */
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  /** Loopback worlds: DNS servers, ports, a test CA. */
  readonly probes?: Omit<ProbeSettings, 'timeoutMs' | 'now'>;
  /** Replace the probes entirely. */
  readonly observe?: ObserveDeps;
  /** Replace the GitHub client (default: Octokit at GITHUB_API_URL with the github-token input). */
  readonly github?: GitHubApi;
  /** Tune the default client: tests shorten its retry waits and write spacing. */
  readonly githubClient?: Pick<
    GitHubClientOptions,
    'retryAfterBaseMs' | 'writeSpacingMs' | 'requestTimeoutMs'
  >;
  readonly annotate?: AnnotationSink;
  readonly log?: Logger;
  readonly setOutput?: (name: string, value: string) => void;
  readonly setFailed?: (message: string) => void;
  /** Mask a value in the workflow log (default core.setSecret): the smtp-proxy password. */
  readonly setSecret?: (secret: string) => void;
  /** Collapsible groups of the workflow log, one per phase (default core.startGroup and core.endGroup). */
  readonly groups?: LogGroups;
}

/** The workflow log's collapsible groups (`::group::NAME` ... `::endgroup::`); they do not nest. */
export interface LogGroups {
  start(name: string): void;
  end(): void;
}

const liveLog: Logger = { info: (line) => core.info(line), warning: (line) => core.warning(line) };
const liveGroups: LogGroups = { start: (name) => core.startGroup(name), end: () => core.endGroup() };

/**
 * The phases of a run, each a collapsible group of the log (issue #9 item 4), so that a run over thousands of
 * domains shows where it spent its time and where it stopped.
 */
export const PHASES = {
  config: 'Configuration',
  shards: 'Shard reports',
  read: 'State and issues: read',
  probes: 'Probes',
  evaluation: 'Evaluation',
  write: 'Issues and state: write',
  report: 'Report: outputs, summary and annotations',
} as const;

async function inGroup<T>(groups: LogGroups, name: string, step: () => Promise<T>): Promise<T> {
  groups.start(name);
  try {
    return await step();
  } finally {
    groups.end();
  }
}

function inputReader(env: NodeJS.ProcessEnv): (name: string) => string {
  // The same lookup as core.getInput, over the given environment.
  return (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
}

type ConfigRead =
  { file: string; expectations: DomainExpectation[] } | Extract<RunOutcome, { kind: 'config-error' }>;

async function readExpectations(context: RunContext, settings: ActionSettings): Promise<ConfigRead> {
  const path = resolve(context.workspace, settings.config);
  const file = relative(context.workspace, path);
  try {
    return {
      file,
      expectations: [
        ...(
          await loadConfig(
            path,
            settings.certWarningDays === null ? {} : { certWarningDays: settings.certWarningDays },
          )
        ).domains,
      ],
    };
  } catch (error) {
    if (error instanceof ConfigError) return { kind: 'config-error', file, error };
    throw error;
  }
}

function connect(
  deps: RunDeps,
  settings: ActionSettings,
  context: RunContext,
  log: Logger,
): GitHubApi | null {
  if (deps.github !== undefined) return deps.github;
  if (settings.token === '') return null;
  const { owner, repo } = context;
  return createGitHubApi({
    ...deps.githubClient,
    token: settings.token,
    owner,
    repo,
    log: (l) => log.info(l),
  });
}

async function observe(
  expectations: readonly DomainExpectation[],
  settings: ActionSettings,
  deps: RunDeps,
  previous: StateFile,
  log: Logger,
  groups: LogGroups,
): Promise<CheckResult> {
  const now = deps.now ?? (() => new Date());
  const proxy = settings.smtpProxy === null ? {} : { smtpProxy: settings.smtpProxy };
  // dns-server serves every lookup, as --dns-server does in the CLI, and DANE asks it for the AD bit (issue #7).
  const resolver = settings.dnsServer === null ? {} : { dnsServers: [settings.dnsServer] };
  const probes =
    deps.observe ??
    createObserveDeps({
      ...deps.probes,
      ...resolver,
      ...proxy,
      timeoutMs: settings.timeoutSeconds * 1000,
      now,
    });
  const { concurrency, allowPrivateAddresses, dane } = settings;
  const observed = await inGroup(groups, PHASES.probes, async () => {
    // TLS-RPT reports (issue #10 item 1), read before probing so that a bad source fails fast.
    const tlsrpt =
      settings.tlsrptSources.length === 0
        ? undefined
        : await readTlsRptForCheck(settings.tlsrptSources, {
            env: deps.env ?? process.env,
            timeoutMs: settings.timeoutSeconds * 1000,
            now: now(),
            ...(deps.probes?.ca === undefined ? {} : { ca: deps.probes.ca }),
          });
    // The reason may quote the mail server's reply: remote text, made inert for the log.
    for (const u of tlsrpt?.unread ?? []) log.warning(`TLS-RPT source not read: ${stripControl(u.reason)}`);
    log.info(`Probing ${expectations.length} domains, ${concurrency} at a time.`);
    const started = Date.now();
    const result = await observeDomains(
      expectations.map((e) => e.domain),
      probes,
      { concurrency, allowPrivateAddresses, dane, ...mxTlsMode(settings, deps) },
    );
    log.info(
      `Probed ${expectations.length} domains in ${((Date.now() - started) / 1000).toFixed(1)} s, ${result.smtpConnections} SMTP connections.`,
    );
    return { result, tlsrpt };
  });
  return inGroup(groups, PHASES.evaluation, () => {
    // state: none keeps no history, so the cache-aware verdict reports nothing (issue #8 item 2).
    const kept = settings.state.kind === 'none' ? null : previous;
    const result = evaluateCheck(expectations, observed.result, probes.now(), kept, observed.tlsrpt);
    const { errors, warnings } = result.report.summary;
    log.info(`${errors} error(s), ${warnings} warning(s), ${result.report.causes.length} cause(s).`);
    return Promise.resolve(result);
  });
}

/** Why MX TLS is skipped on a hosted runner; the run notice adds what was skipped and how to get it back. */
export const HOSTED_RUNNER_SKIP_REASON = 'GitHub-hosted runners block outbound port 25';

/**
 * GitHub-hosted runners block outbound port 25, so with `auto` there the probes are skipped up front (saying why)
 * instead of each waiting for its timeout. With `smtp-proxy` set, port 25 is reached through the proxy, so
 * `auto` probes (issue #10 part 2).
 */
export function mxTlsMode(
  settings: Pick<ActionSettings, 'checkMxTls'> & Partial<Pick<ActionSettings, 'smtpProxy'>>,
  deps: RunDeps,
): Pick<ObserveOptions, 'checkMxTls' | 'mxTlsSkipReason'> {
  const hosted = (deps.env ?? process.env)['RUNNER_ENVIRONMENT'] === 'github-hosted';
  const proxied = (settings.smtpProxy ?? null) !== null;
  if (settings.checkMxTls !== 'auto' || !hosted || proxied) return { checkMxTls: settings.checkMxTls };
  return { checkMxTls: 'false', mxTlsSkipReason: HOSTED_RUNNER_SKIP_REASON };
}

/** The proxy password never reaches the log in clear (issue #10 part 2): raw and percent-encoded forms. */
function maskProxySecret(settings: ActionSettings, setSecret: (secret: string) => void): void {
  const password = settings.smtpProxy?.password;
  if (password === undefined) return;
  setSecret(password);
  if (encodeURIComponent(password) !== password) setSecret(encodeURIComponent(password));
}

type Config = { file: string; expectations: DomainExpectation[] };

/** Probe this run's domains (all, or the shard's slice), or merge the shard reports (issue #9 item 3). */
async function checkOrMerge(
  settings: ActionSettings,
  config: Config,
  merged: MergedShards | null,
  previous: StateFile,
  deps: RunDeps,
  log: Logger,
  groups: LogGroups,
): Promise<{ result: CheckResult; sharding: Sharding | null }> {
  const { shard } = settings;
  if (merged !== null)
    return { result: mergedResult(merged, previous), sharding: { kind: 'merge', shards: merged.shards } };
  if (shard === null)
    return {
      result: await observe(config.expectations, settings, deps, previous, log, groups),
      sharding: null,
    };
  const slice = selectShard(config.expectations, shard);
  log.info(
    `Shard ${shard.index}/${shard.count}: ${slice.items.length} of ${config.expectations.length} domains.`,
  );
  const result = await observe(slice.items, settings, deps, previous, log, groups);
  // The shard's report carries its slice's state, for the merge job to write once (state: none keeps none).
  const state = settings.state.kind === 'none' ? undefined : result.state;
  return {
    result: {
      ...result,
      report: shardReport(result.report, shard, config.expectations, slice.positions, state),
    },
    sharding: { kind: 'shard', ...shard, domains: slice.items.length, total: config.expectations.length },
  };
}

async function check(
  context: RunContext,
  settings: ActionSettings,
  config: Config,
  deps: RunDeps,
  log: Logger,
  groups: LogGroups,
): Promise<RunOutcome> {
  const { file, expectations } = config;
  // Merge mode reads and checks every shard report before the first API request, so a bad one costs nothing.
  const merged =
    settings.mode === 'merge'
      ? await inGroup(groups, PHASES.shards, () =>
          readMergedShards(settings.reports, context.workspace, config, settings.state, log),
        )
      : null;
  const isPullRequest = PULL_REQUEST_EVENTS.has(context.eventName);
  const github = connect(deps, settings, context, log);
  const wantsIssues = settings.issues || settings.state.kind === 'issue';
  const { listing, previous } = await inGroup(groups, PHASES.read, async () => {
    const listed = github !== null && wantsIssues ? await listActionIssues(github, settings) : null;
    return { listing: listed, previous: await loadState(settings, listed, log, github) };
  });
  const { result, sharding } = await checkOrMerge(settings, config, merged, previous, deps, log, groups);
  const { pr, issues } = await inGroup(groups, PHASES.write, async () => {
    if (sharding?.kind === 'shard')
      log.info('Nothing to write: issues and state are written by the merge job.');
    // Issue #11 item 7: state is written only on the events of WRITE_EVENTS, in a file as in an issue.
    if (settings.writeAllowed) await saveFileState(settings, result, log);
    // A shard sees only its slice: the pull-request comparison is the merge job's (or the unsharded run's).
    const now = (deps.now ?? (() => new Date()))();
    const prCheck =
      context.pullRequest === null || sharding?.kind === 'shard'
        ? null
        : await checkPullRequest(github, file, context.pullRequest, expectations, result.report.domains, now);
    const writeState = settings.writeAllowed && settings.state.kind === 'issue';
    const managed =
      github !== null && listing?.ok === true && (settings.issues || writeState)
        ? await manageIssues(github, settings, listing.issues, { result, previous, writeState, now }, log)
        : null;
    return { pr: prCheck, issues: managed };
  });
  const { tempDir, workspace } = context;
  const repositoryUrl = `${context.serverUrl}/${context.owner}/${context.repo}`;
  return {
    kind: 'checked',
    file,
    expectations,
    result,
    pr,
    listing,
    issues,
    github,
    isPullRequest,
    tempDir,
    workspace,
    repositoryUrl,
    sharding,
  };
}

/** Run the action. Resolves with the exit status it set; never rejects. */
export async function run(deps: RunDeps = {}): Promise<Finished> {
  const env = deps.env ?? process.env;
  const log = deps.log ?? liveLog;
  const io = {
    env,
    log,
    annotate: deps.annotate,
    setOutput: deps.setOutput ?? ((name: string, value: string) => core.setOutput(name, value)),
    setFailed: deps.setFailed ?? ((message: string) => core.setFailed(message)),
  };
  const groups = deps.groups ?? liveGroups;
  let outcome: RunOutcome;
  let settings: ActionSettings | null = null;
  try {
    const context = await readRunContext(env);
    const configured = await inGroup(groups, PHASES.config, async () => {
      const read = readSettings(inputReader(env), context);
      maskProxySecret(read, deps.setSecret ?? ((secret) => core.setSecret(secret)));
      for (const remark of read.remarks) log[remark.level](remark.text);
      return { settings: read, config: await readExpectations(context, read) };
    });
    settings = configured.settings;
    const { config } = configured;
    outcome = 'kind' in config ? config : await check(context, settings, config, deps, log, groups);
  } catch (error) {
    outcome = { kind: 'crashed', error: error as Error };
  }
  const done = settings;
  // The exit status is set last, after the group is closed, so the failure stands outside every group.
  let failure: string | null = null;
  const deferred = { ...io, setFailed: (message: string) => void (failure = message) };
  const finished = await inGroup(groups, PHASES.report, () => finish(outcome, done, deferred));
  if (failure !== null) io.setFailed(failure);
  return finished;
}
