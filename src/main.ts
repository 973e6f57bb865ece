/**
 * The GitHub Action: inputs -> config -> observe and evaluate (runCheck) -> issues -> report -> exit status.
 * The exit status is set last, after the summary, annotations and issues are written (issue #3).
 */
import * as core from '@actions/core';
import { relative, resolve } from 'node:path';
import { runCheck, type CheckResult } from './check.js';
import { ConfigError } from './config/config-error.js';
import { loadConfig } from './config/load-config.js';
import type { DomainExpectation } from './core/types.js';
import { createGitHubApi, type GitHubApi, type GitHubClientOptions } from './action/github-client.js';
import { readSettings, type ActionSettings } from './action/inputs.js';
import { listActionIssues, loadState, manageIssues, saveFileState, type Logger } from './action/notify.js';
import { checkPullRequest } from './action/pull-request.js';
import { finish, type Finished, type RunOutcome } from './action/finish.js';
import { PULL_REQUEST_EVENTS, readRunContext, type RunContext } from './action/run-context.js';
import { createObserveDeps, type ProbeSettings } from './probe-deps.js';
import type { ObserveDeps, ObserveOptions } from './probes/observe.js';
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
}

const liveLog: Logger = { info: (line) => core.info(line), warning: (line) => core.warning(line) };

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
  return runCheck(
    expectations,
    probes,
    { concurrency, allowPrivateAddresses, dane, ...mxTlsMode(settings, deps) },
    // state: none keeps no history, so the cache-aware verdict reports nothing (issue #8 item 2).
    settings.state.kind === 'none' ? null : previous,
    tlsrpt,
  );
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

async function check(
  context: RunContext,
  settings: ActionSettings,
  deps: RunDeps,
  log: Logger,
): Promise<RunOutcome> {
  const config = await readExpectations(context, settings);
  if ('kind' in config) return config;
  const { file, expectations } = config;
  const isPullRequest = PULL_REQUEST_EVENTS.has(context.eventName);
  const github = connect(deps, settings, context, log);
  const wantsIssues = settings.issues || settings.state.kind === 'issue';
  const listing = github !== null && wantsIssues ? await listActionIssues(github, settings) : null;
  const previous = await loadState(settings, listing, log, github);
  const result = await observe(expectations, settings, deps, previous, log);
  // Issue #11 item 7: state is written only on the events of WRITE_EVENTS, in a file as in an issue.
  if (settings.writeAllowed) await saveFileState(settings, result, log);
  const now = (deps.now ?? (() => new Date()))();
  const pr =
    context.pullRequest === null
      ? null
      : await checkPullRequest(github, file, context.pullRequest, expectations, result.report.domains, now);
  const writeState = settings.writeAllowed && settings.state.kind === 'issue';
  const issues =
    github !== null && listing?.ok === true && (settings.issues || writeState)
      ? await manageIssues(github, settings, listing.issues, { result, previous, writeState, now }, log)
      : null;
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
  let outcome: RunOutcome;
  let settings: ActionSettings | null = null;
  try {
    const context = await readRunContext(env);
    settings = readSettings(inputReader(env), context);
    maskProxySecret(settings, deps.setSecret ?? ((secret) => core.setSecret(secret)));
    for (const remark of settings.remarks) log[remark.level](remark.text);
    outcome = await check(context, settings, deps, log);
  } catch (error) {
    outcome = { kind: 'crashed', error: error as Error };
  }
  return finish(outcome, settings, io);
}
