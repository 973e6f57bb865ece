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
import { createGitHubApi, type GitHubApi } from './action/github-client.js';
import { readSettings, type ActionSettings } from './action/inputs.js';
import { listActionIssues, loadState, manageIssues, saveFileState, type Logger } from './action/notify.js';
import { checkPullRequest } from './action/pull-request.js';
import { finish, type Finished, type RunOutcome } from './action/finish.js';
import { PULL_REQUEST_EVENTS, readRunContext, type RunContext } from './action/run-context.js';
import { createObserveDeps, type ProbeSettings } from './probe-deps.js';
import type { ObserveDeps, ObserveOptions } from './probes/observe.js';
import { readTlsRptForCheck } from './probes/tlsrpt-sources.js';
import type { AnnotationSink } from './report/annotations.js';
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
  readonly annotate?: AnnotationSink;
  readonly log?: Logger;
  readonly setOutput?: (name: string, value: string) => void;
  readonly setFailed?: (message: string) => void;
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

function connect(deps: RunDeps, settings: ActionSettings, context: RunContext): GitHubApi | null {
  if (deps.github !== undefined) return deps.github;
  if (settings.token === '') return null;
  return createGitHubApi({ token: settings.token, owner: context.owner, repo: context.repo });
}

async function observe(
  expectations: readonly DomainExpectation[],
  settings: ActionSettings,
  deps: RunDeps,
  previous: StateFile,
  log: Logger,
): Promise<CheckResult> {
  const now = deps.now ?? (() => new Date());
  const probes =
    deps.observe ?? createObserveDeps({ ...deps.probes, timeoutMs: settings.timeoutSeconds * 1000, now });
  const { concurrency, allowPrivateAddresses } = settings;
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
  for (const u of tlsrpt?.unread ?? []) log.warning(`TLS-RPT source not read: ${u.reason}`);
  return runCheck(
    expectations,
    probes,
    { concurrency, allowPrivateAddresses, ...mxTlsMode(settings, deps) },
    previous,
    tlsrpt,
  );
}

/**
 * GitHub-hosted runners block outbound port 25, so with `auto` there the probes are skipped up front (saying why)
 * instead of each waiting for its timeout.
 */
export function mxTlsMode(
  settings: ActionSettings,
  deps: RunDeps,
): Pick<ObserveOptions, 'checkMxTls' | 'mxTlsSkipReason'> {
  const hosted = (deps.env ?? process.env)['RUNNER_ENVIRONMENT'] === 'github-hosted';
  if (settings.checkMxTls !== 'auto' || !hosted) return { checkMxTls: settings.checkMxTls };
  return {
    checkMxTls: 'false',
    mxTlsSkipReason:
      'GitHub-hosted runners block outbound port 25; run on a self-hosted runner to check MX TLS',
  };
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
  const github = connect(deps, settings, context);
  const wantsIssues = settings.issues || settings.state.kind === 'issue';
  const listing = github !== null && wantsIssues ? await listActionIssues(github, settings) : null;
  const previous = await loadState(settings, listing, log);
  const result = await observe(expectations, settings, deps, previous, log);
  await saveFileState(settings, result);
  const pr =
    context.pullRequest === null
      ? null
      : await checkPullRequest(github, file, context.pullRequest, expectations, result.report.domains);
  const writeState = !isPullRequest && settings.state.kind === 'issue';
  const now = (deps.now ?? (() => new Date()))();
  const issues =
    github !== null && listing?.ok === true && (settings.issues || writeState)
      ? await manageIssues(github, settings, listing.issues, { result, previous, writeState, now }, log)
      : null;
  const { tempDir } = context;
  return { kind: 'checked', file, expectations, result, pr, listing, issues, github, isPullRequest, tempDir };
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
    for (const remark of settings.remarks) log.warning(remark);
    outcome = await check(context, settings, deps, log);
  } catch (error) {
    outcome = { kind: 'crashed', error: error as Error };
  }
  return finish(outcome, settings, io);
}
