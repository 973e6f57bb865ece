import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPORT_VERSION, type CheckReport } from '../../src/check.js';
import type { DomainExpectation, DomainReport, Severity } from '../../src/core/types.js';
import {
  annotationsFromReport,
  selectAnnotations,
  writeWorkflowAnnotation,
  type Annotation,
} from '../../src/report/annotations.js';
import { prAnnotations } from '../../src/action/publish.js';
import { finding, report } from '../fixtures/action/reports.js';

function checkReport(domains: DomainReport[]): CheckReport {
  return {
    version: REPORT_VERSION,
    generatedAt: '2026-03-01T00:00:00.000Z',
    notices: [],
    runFindings: [],
    causes: [],
    summary: { domains: domains.length, errors: 0, warnings: 0, notices: 0, bouncing: [] },
    domains,
  };
}

const expectation = (domain: string, line: number): DomainExpectation => ({
  domain,
  line,
  column: 5,
  certWarningDays: 21,
  ignore: [],
});

const make = (level: Severity, n: number, urgent = false): Annotation[] =>
  Array.from({ length: n }, (_, i) => ({ level, title: `${level}${i}`, message: 'm', urgent }));

afterEach(() => vi.restoreAllMocks());

describe('annotationsFromReport', () => {
  it('places each finding on its domain entry and keeps control characters out', () => {
    const domains = [
      report('a.example', [
        finding('mx-smtp-error', 'warning', { host: 'mx.a.example', message: 'bad\u001b[2J' }),
      ]),
    ];
    const [annotation] = annotationsFromReport(
      checkReport(domains),
      [expectation('a.example', 7)],
      'dns/domains.yml',
    );
    expect(annotation).toEqual({
      level: 'warning',
      title: 'mx-smtp-error: a.example (mx.a.example)',
      message: 'bad\\u001b[2J Fix: Fix mx-smtp-error.',
      file: 'dns/domains.yml',
      line: 7,
      column: 5,
      urgent: false,
    });
  });
});

describe('selectAnnotations', () => {
  it('passes every annotation, pull-request ones included, through the control-character filter (issue #11 item 8)', () => {
    const pr = prAnnotations(
      [
        {
          code: 'pr-contradicted',
          severity: 'error',
          domain: 'evil\u202e.test',
          line: 3,
          column: 5,
          message: 'the live policy has mx\u001b[31m\u2028x\u200f',
        },
      ],
      'domains.yml',
    );
    const hostile = annotationsFromReport(
      checkReport([
        report('b.example', [finding('mx-smtp-error', 'warning', { host: 'mx\u2066.b.example' })]),
      ]),
      [],
      'domains.yml',
    );
    const { shown } = selectAnnotations([...pr, ...hostile]);
    expect(shown.map((a) => [a.title, a.message])).toEqual([
      ['pr-contradicted: evil\\u202e.test', 'the live policy has mx\\u001b[31m\\u2028x\\u200f'],
      ['mx-smtp-error: b.example (mx\\u2066.b.example)', 'mx-smtp-error happened. Fix: Fix mx-smtp-error.'],
    ]);
    expect(shown[0]).toMatchObject({ file: 'domains.yml', line: 3, column: 5 });
  });

  it('keeps 10 of each type and counts the rest', () => {
    const { shown, omitted } = selectAnnotations([
      ...make('notice', 12),
      ...make('warning', 3),
      ...make('error', 15),
    ]);
    expect(shown.map((a) => a.level).filter((l) => l === 'error')).toHaveLength(10);
    expect(omitted).toEqual({ error: 5, warning: 0, notice: 2 });
    expect(shown[0]?.level).toBe('error');
  });

  it('puts urgent ones (bouncing domains) first within a type', () => {
    const { shown } = selectAnnotations([...make('error', 10), ...make('error', 2, true)]);
    expect(shown.slice(0, 2).every((a) => a.urgent)).toBe(true);
  });

  it('respects the job-wide cap', () => {
    const { shown, omitted } = selectAnnotations([...make('error', 10), ...make('warning', 10)], 10, 15);
    expect(shown).toHaveLength(15);
    expect(omitted).toEqual({ error: 0, warning: 5, notice: 0 });
  });
});

describe('writeWorkflowAnnotation', () => {
  it('writes a workflow command with file, line and column', () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    writeWorkflowAnnotation({
      level: 'error',
      title: 't: x',
      message: 'a\nb 50%',
      file: 'domains.yml',
      line: 3,
      column: 5,
      urgent: false,
    });
    expect(out.join('')).toBe('::error title=t%3A x,file=domains.yml,line=3,col=5::a%0Ab 50%25\n');
  });
});
