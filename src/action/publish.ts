/**
 * Everything the run leaves behind: the JSON report and the outputs, the job summary's sections, and the
 * annotations for config errors and pull-request problems.
 */
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CheckReport } from '../check.js';
import type { ConfigError } from '../config/config-error.js';
import type { Annotation, AnnotationSelection } from '../report/annotations.js';
import { describeOperation } from './issue-executor.js';
import { escapeMarkdown } from '../report/markdown.js';
import type { SummarySection } from '../report/summary.js';
import type { ActionSettings } from './inputs.js';
import type { IssueOutcome } from './notify.js';
import type { PrProblem } from './pr-compare.js';

/** Write the report where later steps can read it (output `report`); atomic, as two runs may share the path. */
export async function writeReportFile(dir: string, report: CheckReport): Promise<string> {
  const folder = join(dir, 'mta-sts-drift');
  const path = join(folder, 'report.json');
  await writeAtomically(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

/** Write `text` to `path` through a temporary file in the same folder, creating the folder. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

/** Write the SARIF log (input `sarif-file`, issue #11 item 15). */
export async function writeSarifFile(path: string, log: unknown): Promise<void> {
  await writeAtomically(path, `${JSON.stringify(log, null, 2)}\n`);
}

/** One issue this run opened, updated or closed, for the outputs: of a domain, or of a cause (issue-grouping). */
export type IssueLink =
  | { readonly number: number; readonly url: string; readonly domain: string }
  | { readonly number: number; readonly url: string; readonly cause: string };

/**
 * The issue outputs (issue #11 item 15): what this run did, not what it planned. A reopened issue counts as opened
 * (it asks for attention again); an issue this run created and then closed as another run's duplicate is left out.
 * In dry-run mode all three are empty. `repositoryUrl` is e.g. https://github.com/octo/dns.
 */
export function issueOutputs(outcome: IssueOutcome | null, repositoryUrl: string): Record<string, string> {
  const opened: IssueLink[] = [];
  const updated: IssueLink[] = [];
  const closed: IssueLink[] = [];
  const link = (number: number, domain: string, cause: boolean): IssueLink => {
    const url = `${repositoryUrl}/issues/${number}`;
    return cause ? { number, url, cause: domain } : { number, url, domain };
  };
  const duplicates = new Set(outcome?.duplicatesClosed ?? []);
  for (const created of outcome?.execution.created ?? []) {
    if (!duplicates.has(created.number))
      opened.push(link(created.number, created.domain, created.cause === true));
  }
  for (const op of outcome?.execution.done ?? []) {
    if (op.kind === 'save-state') continue;
    const cause = op.cause !== undefined;
    if (op.kind === 'reopen') opened.push(link(op.number, op.domain, cause));
    else if (op.kind === 'update') updated.push(link(op.number, op.domain, cause));
    else if (op.kind === 'close') closed.push(link(op.number, op.domain, cause));
  }
  return {
    'issues-opened': JSON.stringify(opened),
    'issues-updated': JSON.stringify(updated),
    'issues-closed': JSON.stringify(closed),
  };
}

/** The issue of each cause (cause grouping), for the summary's links; empty otherwise. */
export function causeIssueLinks(
  outcome: IssueOutcome | null,
  repositoryUrl: string,
): Map<string, { number: number; url: string }> {
  const links = new Map<string, { number: number; url: string }>();
  for (const [key, number] of outcome?.causeIssues ?? [])
    links.set(key, { number, url: `${repositoryUrl}/issues/${number}` });
  return links;
}

/** The step outputs (action.yml `outputs`). */
export function reportOutputs(report: CheckReport, path: string): Record<string, string> {
  const { errors, warnings, bouncing } = report.summary;
  return {
    report: path,
    drift: String(errors + warnings > 0),
    errors: String(errors),
    warnings: String(warnings),
    'bouncing-domains': JSON.stringify(bouncing),
  };
}

/**
 * Append to the job summary file. Not `core.summary`: its buffer is shared by the whole process, which two
 * overlapping runs in one test process would interleave.
 */
export async function appendSummary(markdown: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (file === undefined || file === '') return false;
  await appendFile(file, markdown, 'utf8');
  return true;
}

export function configErrorAnnotations(error: ConfigError, file: string): Annotation[] {
  return error.issues.map((issue) => ({
    level: 'error',
    title: `invalid configuration${issue.path === '' ? '' : `: ${issue.path}`}`,
    message: issue.message,
    ...(issue.line > 0 ? { file, line: issue.line, column: issue.column } : { file }),
    urgent: true,
  }));
}

export function prAnnotations(problems: readonly PrProblem[], file: string): Annotation[] {
  return problems.map((p) => ({
    level: p.severity,
    title: `${p.code}: ${p.domain}`,
    message: p.message,
    file,
    line: p.line,
    column: p.column,
    urgent: true,
  }));
}

export function pullRequestSection(problems: readonly PrProblem[], notes: readonly string[]): SummarySection {
  const lines = [
    ...notes.map((n) => `> ${escapeMarkdown(n)}`),
    ...(problems.length === 0 ? ['No problem with the changes to the expected policies.'] : []),
    ...problems.map(
      (p) =>
        `- **${p.severity}** ${escapeMarkdown(p.code)} (${escapeMarkdown(p.domain)}): ${escapeMarkdown(p.message, 600)}`,
    ),
  ];
  return { title: 'Pull request', markdown: lines.join('\n') };
}

export function issuesSection(
  settings: ActionSettings,
  outcome: IssueOutcome | null,
  note: string | null,
  requests: { reads: number; writes: number },
): SummarySection {
  const lines: string[] = [];
  if (note !== null) lines.push(`> ${escapeMarkdown(note)}`, '');
  if (outcome !== null) {
    const { execution } = outcome;
    const verb = settings.dryRun ? 'Dry run, nothing written; would' : 'Left for the next run:';
    if (outcome.planned.length === 0) lines.push('Nothing changed, nothing written.');
    for (const op of execution.done) lines.push(`- done: ${escapeMarkdown(describeOperation(op))}`);
    for (const op of execution.deferred) lines.push(`- ${verb} ${escapeMarkdown(describeOperation(op))}`);
    for (const n of outcome.duplicatesClosed)
      lines.push(`- closed #${n}: an overlapping run had opened the same issue first`);
    if (outcome.error !== null) lines.push('', `**Failed:** ${escapeMarkdown(outcome.error.message, 600)}`);
  }
  lines.push('', `GitHub API requests: ${requests.reads} reads, ${requests.writes} writes.`);
  return { title: 'Issues', markdown: lines.join('\n') };
}

export function annotationsSection(selection: AnnotationSelection): SummarySection | null {
  const { error, warning, notice } = selection.omitted;
  if (error + warning + notice === 0) return null;
  return {
    title: 'Annotations',
    markdown: `${selection.shown.length} annotations shown; left out, as GitHub shows at most 10 of each type per step and 50 per job: ${error} errors, ${warning} warnings, ${notice} notices. Every finding is in the details below.`,
  };
}
