/**
 * Findings as workflow annotations on the line of each domain's entry in domains.yml, so a pull request shows them
 * inline. GitHub shows at most 10 annotations of each type per step and 50 per job (RFC-NOTES "Running where the
 * users are"): the most urgent are kept, the rest only counted for the summary.
 */
import * as core from '@actions/core';
import type { CheckReport } from '../check.js';
import type { DomainExpectation, Severity } from '../core/types.js';
import { stripControl } from './sanitize.js';

export const ANNOTATIONS_PER_TYPE = 10;
export const ANNOTATIONS_PER_JOB = 50;

export interface Annotation {
  readonly level: Severity;
  readonly title: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Shown before anything else of its level: a bouncing domain, a pull request contradiction. */
  readonly urgent: boolean;
}

export interface AnnotationSelection {
  readonly shown: readonly Annotation[];
  readonly omitted: Readonly<Record<Severity, number>>;
}

const LEVEL_ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** One annotation per finding, placed on the domain's entry in `file` (a path relative to the repository). */
export function annotationsFromReport(
  report: CheckReport,
  expectations: readonly DomainExpectation[],
  file: string,
): Annotation[] {
  const lines = new Map(expectations.map((e) => [e.domain, e]));
  // Run-level findings (issue #10 part 3) belong to no entry of the file: shown first, without a place.
  const run = report.runFindings.map((f) => ({
    level: f.severity,
    title: f.code,
    message: stripControl(`${f.message} Fix: ${f.fix}`),
    urgent: true,
  }));
  return [
    ...run,
    ...report.domains.flatMap((domain) => {
      const place = lines.get(domain.domain);
      const at =
        place === undefined || place.line === 0 ? {} : { file, line: place.line, column: place.column };
      return domain.findings.map((f) => ({
        level: f.severity,
        title: `${f.code}: ${domain.domain}${f.host === undefined ? '' : ` (${f.host})`}`,
        // Annotations render as plain text; control characters are the only thing to defuse.
        message: stripControl(`${f.message} Fix: ${f.fix}`),
        ...at,
        urgent: domain.bounces === true,
      }));
    }),
  ];
}

/**
 * Annotations render as plain text; control characters are the only thing to defuse, in every annotation whatever
 * made it (findings, pull-request problems, config errors: issue #11 item 8). The message keeps no line break
 * either: remote text must not look like a line of the log.
 */
function inert(annotation: Annotation): Annotation {
  return { ...annotation, title: stripControl(annotation.title), message: stripControl(annotation.message) };
}

/**
 * Rank (urgent first, then errors, warnings, notices, in file order) and apply the per-type and per-job caps. The
 * annotations shown are made inert.
 */
export function selectAnnotations(
  all: readonly Annotation[],
  perType = ANNOTATIONS_PER_TYPE,
  perJob = ANNOTATIONS_PER_JOB,
): AnnotationSelection {
  const ranked = all
    .map((annotation, index) => ({ annotation, index }))
    .sort(
      (a, b) =>
        Number(b.annotation.urgent) - Number(a.annotation.urgent) ||
        LEVEL_ORDER[a.annotation.level] - LEVEL_ORDER[b.annotation.level] ||
        a.index - b.index,
    )
    .map((entry) => entry.annotation);
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  const omitted: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  const shown: Annotation[] = [];
  for (const annotation of ranked) {
    if (counts[annotation.level] >= perType || shown.length >= perJob) {
      omitted[annotation.level]++;
      continue;
    }
    counts[annotation.level]++;
    shown.push(inert(annotation));
  }
  return { shown, omitted };
}

/** Where annotations go: workflow commands on stdout by default. */
export type AnnotationSink = (annotation: Annotation) => void;

export const writeWorkflowAnnotation: AnnotationSink = (annotation) => {
  const properties: core.AnnotationProperties = {
    title: annotation.title,
    ...(annotation.file === undefined ? {} : { file: annotation.file }),
    ...(annotation.line === undefined ? {} : { startLine: annotation.line }),
    ...(annotation.column === undefined ? {} : { startColumn: annotation.column }),
  };
  const write = { error: core.error, warning: core.warning, notice: core.notice }[annotation.level];
  write(annotation.message, properties);
};
