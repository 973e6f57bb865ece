/**
 * The end of a run, in the order issue #3 asks for: report file and outputs, job summary, annotations, and the
 * exit status last.
 *
 * Error policy: drift fails the run when it reaches `fail-on`. A GitHub API failure while listing or writing
 * issues fails a scheduled or manual run (its notifications are broken, and a green run would hide that), but
 * is only a warning on a pull request, where a read-only token is expected. Losing only the state is a warning.
 */
import { resolve } from 'node:path';
import { reachesFailLevel, type CheckReport, type CheckResult, type FailOn } from '../check.js';
import { formatIssue, type ConfigError } from '../config/config-error.js';
import type { DomainExpectation, Severity } from '../core/types.js';
import {
  annotationsFromReport,
  selectAnnotations,
  writeWorkflowAnnotation,
  type AnnotationSelection,
  type AnnotationSink,
} from '../report/annotations.js';
import { escapeMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { VERSION } from '../version.js';
import { renderSummary, type SummarySection } from '../report/summary.js';
import type { GitHubApi } from './github-client.js';
import { InputError, type ActionSettings } from './inputs.js';
import { RunContextError } from './run-context.js';
import { isForbidden, type IssueOutcome, type Listing, type Logger } from './notify.js';
import { PR_PROBLEM_CODES } from './pr-compare.js';
import type { PullRequestCheck } from './pull-request.js';
import * as publish from './publish.js';

export type RunOutcome =
  | { readonly kind: 'crashed'; readonly error: Error }
  | { readonly kind: 'config-error'; readonly file: string; readonly error: ConfigError }
  | {
      readonly kind: 'checked';
      readonly file: string;
      readonly expectations: readonly DomainExpectation[];
      readonly result: CheckResult;
      readonly pr: PullRequestCheck | null;
      readonly listing: Listing | null;
      readonly issues: IssueOutcome | null;
      readonly github: GitHubApi | null;
      readonly isPullRequest: boolean;
      readonly tempDir: string;
      /** The checkout, where a relative `sarif-file` goes. */
      readonly workspace: string;
      /** e.g. https://github.com/octo/dns, for the issue outputs. */
      readonly repositoryUrl: string;
    };

export interface Finished {
  readonly exitCode: 0 | 1;
  readonly report: CheckReport | null;
  /** Why the run failed, one line each (empty when it passed). */
  readonly failures: readonly string[];
}

export interface FinishIo {
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
  readonly annotate: AnnotationSink | undefined;
  readonly setOutput: (name: string, value: string) => void;
  readonly setFailed: (message: string) => void;
}

type Checked = Extract<RunOutcome, { kind: 'checked' }>;

/** Operational problems with GitHub: a note for the summary, and whether it fails the run. */
function githubProblem(
  o: Checked,
  settings: ActionSettings,
): { note: string | null; failed: boolean; fatal: boolean } {
  const problem =
    o.github === null && settings.issues
      ? new Error('no github-token, so issues cannot be managed')
      : o.listing?.ok === false
        ? o.listing.error
        : (o.issues?.error ?? null);
  if (problem === null) {
    const off =
      'Issue management is off for this run (input `issues`; `auto` is on only for schedule and workflow_dispatch).';
    return { note: settings.issues ? null : off, failed: false, fatal: false };
  }
  const hint = isForbidden(problem) ? `. ${permissionHint(settings)}` : '';
  return { note: `${problem.message}${hint}`, failed: true, fatal: !o.isPullRequest && settings.issues };
}

/**
 * The permission a refused request needs, for this run's event (issue #11 item 14): a run that writes issues or
 * state needs `issues: write`; any other run only reads the issues for the nightly state.
 */
export function permissionHint(settings: ActionSettings): string {
  const writes = settings.writeAllowed && (settings.issues || settings.state.kind === 'issue');
  return writes
    ? 'Grant the workflow `permissions: issues: write` (and `contents: read`).'
    : 'Grant the workflow `permissions: issues: read` to read the nightly state (and `contents: read`), or set `state: none`.';
}

/**
 * Why drift fails the run, one line each: findings at the fail-on level, and pull-request problems at that level
 * (a pull request's warnings fail it under `fail-on: warning`, as findings do).
 */
export function driftFailures(
  report: CheckReport,
  prProblems: readonly { readonly severity: Severity }[],
  failOn: FailOn,
): string[] {
  const levels: readonly Severity[] =
    failOn === 'never' ? [] : failOn === 'error' ? ['error'] : ['error', 'warning'];
  const { errors, warnings, bouncing } = report.summary;
  const failures: string[] = [];
  if (reachesFailLevel(report, failOn)) {
    const bounce = bouncing.length > 0 ? `; mail bounces for ${bouncing.join(', ')}` : '';
    const counted =
      failOn === 'error' ? `${errors} error(s)` : `${errors} error(s) and ${warnings} warning(s)`;
    failures.push(`${counted} reach fail-on: ${failOn}${bounce}`);
  }
  const pr = prProblems.filter((p) => levels.includes(p.severity));
  if (pr.length > 0) failures.push(`${pr.length} problems with the pull request's changes to domains.yml`);
  return failures;
}

function driftFailure(o: Checked, settings: ActionSettings): string[] {
  return driftFailures(o.result.report, o.pr?.problems ?? [], settings.failOn);
}

function sectionsFor(
  o: Checked,
  settings: ActionSettings,
  note: string | null,
  selection: AnnotationSelection,
): SummarySection[] {
  const remarks = settings.remarks.map((r) => `- ${escapeMarkdown(r.text)}`).join('\n');
  return [
    ...(o.pr === null ? [] : [publish.pullRequestSection(o.pr.problems, o.pr.notes)]),
    publish.issuesSection(settings, o.issues, note, o.github?.requests ?? { reads: 0, writes: 0 }),
    ...[publish.annotationsSection(selection)].filter((s) => s !== null),
    ...(remarks === '' ? [] : [{ title: 'Remarks', markdown: remarks }]),
  ];
}

/** Every finding and pull-request problem as SARIF, for code scanning (issue #11 item 15). */
async function writeSarif(o: Checked, file: string, log: Logger): Promise<void> {
  const { log: sarif, omitted } = renderSarif({
    report: o.result.report,
    expectations: o.expectations,
    file: o.file,
    prProblems: o.pr?.problems ?? [],
    extraRules: PR_PROBLEM_CODES,
    version: VERSION,
  });
  if (omitted > 0)
    log.warning(`the SARIF file leaves out ${omitted} least severe results (code scanning's limit)`);
  await publish.writeSarifFile(resolve(o.workspace, file), sarif);
}

async function finishChecked(o: Checked, settings: ActionSettings, io: FinishIo): Promise<Finished> {
  const github = githubProblem(o, settings);
  if (github.failed && !github.fatal && github.note !== null) io.log.warning(github.note);
  const failures = [
    ...driftFailure(o, settings),
    ...(github.fatal && github.note !== null ? [github.note] : []),
  ];
  // Each channel is written on its own: a failure to write one (a full disk, a missing GITHUB_OUTPUT) must not
  // silence the others, and it fails the run at the end.
  const attempt = async (what: string, step: () => Promise<unknown> | void): Promise<void> => {
    try {
      await step();
    } catch (error) {
      failures.push(`could not ${what}: ${(error as Error).message}`);
    }
  };
  await attempt('write the report file and outputs', async () => {
    const path = await publish.writeReportFile(o.tempDir, o.result.report);
    const outputs = {
      ...publish.reportOutputs(o.result.report, path),
      ...publish.issueOutputs(o.issues, o.repositoryUrl),
    };
    for (const [name, value] of Object.entries(outputs)) io.setOutput(name, value);
  });
  const { sarifFile } = settings;
  if (sarifFile !== null) await attempt('write the SARIF file', () => writeSarif(o, sarifFile, io.log));
  const selection = selectAnnotations([
    ...publish.prAnnotations(o.pr?.problems ?? [], o.file),
    ...annotationsFromReport(o.result.report, o.expectations, o.file),
  ]);
  const verdict =
    failures.length > 0
      ? `This run fails: ${failures.join('; ')}.`
      : `Nothing reaches fail-on: ${settings.failOn}.`;
  const sections = sectionsFor(o, settings, github.note, selection);
  if (settings.summary)
    await attempt('write the job summary', () =>
      publish.appendSummary(
        renderSummary({
          report: o.result.report,
          verdict,
          sections,
          causeIssues: publish.causeIssueLinks(o.issues, o.repositoryUrl),
        }),
        io.env,
      ),
    );
  await attempt('write annotations', () => selection.shown.forEach(io.annotate ?? writeWorkflowAnnotation));
  if (failures.length > 0) io.setFailed(failures.join('; '));
  return { exitCode: failures.length > 0 ? 1 : 0, report: o.result.report, failures };
}

/** A run that stopped before checking: bad input, invalid config, or a bug (whose stack goes to the log). */
async function finishEarly(
  outcome: Exclude<RunOutcome, Checked>,
  settings: ActionSettings | null,
  io: FinishIo,
): Promise<Finished> {
  const { error } = outcome;
  let text: string;
  if (outcome.kind === 'config-error') {
    const list = outcome.error.issues.map((i) => `- ${escapeMarkdown(formatIssue(i), 600)}`).join('\n');
    text = `The configuration is invalid:\n\n${list}`;
    const annotations = publish.configErrorAnnotations(outcome.error, outcome.file);
    selectAnnotations(annotations).shown.forEach(io.annotate ?? writeWorkflowAnnotation);
  } else {
    text = `The action could not run: ${escapeMarkdown(error.message, 1000)}`;
    if (!(error instanceof InputError || error instanceof RunContextError)) io.log.info(error.stack ?? '');
  }
  const failures = [
    outcome.kind === 'config-error' ? `invalid configuration:\n${error.message}` : error.message,
  ];
  // A summary that cannot be written is one more failure: it must not replace the reason the run stopped.
  if (settings?.summary !== false) {
    try {
      await publish.appendSummary(`## MTA-STS drift report\n\n${text}\n`, io.env);
    } catch (caught) {
      failures.push(`could not write the job summary: ${(caught as Error).message}`);
    }
  }
  const message = failures.join('; ');
  io.setFailed(message);
  return { exitCode: 1, report: null, failures };
}

/** Report and set the exit status. Never throws. */
export async function finish(
  outcome: RunOutcome,
  settings: ActionSettings | null,
  io: FinishIo,
): Promise<Finished> {
  try {
    if (outcome.kind !== 'checked') return await finishEarly(outcome, settings, io);
    if (settings === null) throw new Error('internal: checked without settings');
    return await finishChecked(outcome, settings, io);
  } catch (error) {
    const message = `could not write the report: ${(error as Error).message}`;
    io.setFailed(message);
    return { exitCode: 1, report: null, failures: [message] };
  }
}
