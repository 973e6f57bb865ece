/**
 * The root causes leading the terminal report and the job summary when a run covers several domains (issue #9
 * item 2): "312 domains: MX x.h-v1.mx.microsoft is not covered by *.mx.microsoft" says in one line what 312 rows
 * would. Bounded: the first MAX_LEAD_CAUSES, then how many more. Titles and fixes may quote remote text, so they
 * go through the sanitising helpers.
 */
import type { CheckReport } from '../check.js';
import type { Cause } from '../core/causes.js';
import type { Severity } from '../core/types.js';
import { escapeMarkdown, fixMarkdown } from './markdown.js';
import { stripControl } from './sanitize.js';
import type { Paint } from './terminal.js';

/** Causes shown before "and M more"; the JSON report has them all. */
export const MAX_LEAD_CAUSES = 10;

/** Bouncing domains named in the headline; with a fleet the causes above say why, the JSON report lists all. */
export const MAX_BOUNCING_NAMED = 20;

/** The first MAX_BOUNCING_NAMED of `names`, each rendered by `show`, then ", and N more". */
export function someOf(names: readonly string[], show: (name: string) => string): string {
  const shown = names.slice(0, MAX_BOUNCING_NAMED).map(show).join(', ');
  const left = names.length - MAX_BOUNCING_NAMED;
  return left > 0 ? `${shown}, and ${left} more` : shown;
}

/** Causes lead only a report of several domains: for one domain they would repeat its findings. */
function leads(report: Pick<CheckReport, 'domains' | 'causes'>): boolean {
  return report.domains.length > 1 && report.causes.length > 0;
}

/** "312 domains" or, for one, the domain itself. */
function affected(cause: Cause): string {
  return cause.count === 1 ? (cause.domains[0] ?? '') : `${cause.count} domains`;
}

function verdictNote(cause: Cause): string {
  if (cause.bounces) return 'mail bounces';
  return cause.bouncesIfEnforced ? 'would bounce if enforced' : '';
}

function more(report: Pick<CheckReport, 'causes'>): number {
  return Math.max(0, report.causes.length - MAX_LEAD_CAUSES);
}

const SEVERITY_STYLE: Record<Severity, Parameters<Paint>[0]> = {
  error: 'red',
  warning: 'yellow',
  notice: 'dim',
};

/** The terminal lines of the causes, or none for a single domain. */
export function causeLines(report: Pick<CheckReport, 'domains' | 'causes'>, paint: Paint): string[] {
  if (!leads(report)) return [];
  const lines = [paint('bold', `root causes (${report.causes.length}), most urgent first`)];
  for (const cause of report.causes.slice(0, MAX_LEAD_CAUSES)) {
    const tag = paint(SEVERITY_STYLE[cause.severity], cause.severity.padEnd(7));
    const note = verdictNote(cause);
    lines.push(
      `  ${tag}  ${stripControl(`${affected(cause)}: ${cause.title}`)}${note === '' ? '' : ` ${paint('red', `(${note})`)}`}`,
      `           fix: ${stripControl(cause.fix)}`,
    );
  }
  const left = more(report);
  if (left > 0) lines.push(`  … and ${left} more causes (all of them in --json, "causes")`);
  return [...lines, ''];
}

const SEVERITY_LABEL: Record<Severity, string> = {
  error: '❌ error',
  warning: '⚠️ warning',
  notice: 'ℹ️ notice',
};

/** "**312 domains** (a.example, b.example, c.example, …)", or the one domain. */
function domainsText(cause: Cause): string {
  const names = cause.domains.slice(0, 3).map((d) => escapeMarkdown(d));
  if (cause.count === 1) return `**${names[0] ?? ''}**`;
  return `**${cause.count} domains** (${names.join(', ')}${cause.count > names.length ? ', …' : ''})`;
}

/** The issue that tracks a cause (`issue-grouping: cause`), linked from the summary (issue #9 item 3). */
export interface CauseIssueLink {
  readonly number: number;
  readonly url: string;
}

/**
 * The job summary's "Root causes" section, as Markdown lines, or none for a single domain. A list rather than a
 * table, so a long fix stays readable and the domain table below stays the only table of domains. With issues
 * grouped by cause, each cause links to its issue.
 */
export function causesMarkdown(
  report: Pick<CheckReport, 'domains' | 'causes'>,
  issues: ReadonlyMap<string, CauseIssueLink> = new Map(),
): string[] {
  if (!leads(report)) return [];
  const items = report.causes.slice(0, MAX_LEAD_CAUSES).flatMap((cause) => {
    const note = verdictNote(cause);
    const issue = issues.get(cause.key);
    return [
      `- ${SEVERITY_LABEL[cause.severity]} · ${domainsText(cause)}: ${escapeMarkdown(cause.title)}` +
        (note === '' ? '' : ` **(${note})**`) +
        (issue === undefined ? '' : ` · [#${issue.number}](${issue.url})`),
      `  Fix: ${fixMarkdown(cause.fix)}`,
    ];
  });
  const left = more(report);
  return [
    '',
    `### Root causes (${report.causes.length})`,
    '',
    ...items,
    ...(left > 0 ? ['', `… and ${left} more causes, all of them in the JSON report (\`causes\`).`] : []),
  ];
}
