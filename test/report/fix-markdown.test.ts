/**
 * Issue #11 item 13: the text an administrator copies from a fix (a suggested record, a policy line, a host name)
 * is a code span, and no invisible character lands inside it.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/check.js';
import { FINDING_CODES, type FindingCode, makeFinding } from '../../src/core/findings.js';
import { findingLines } from '../../src/report/issue-body.js';
import { fixMarkdown } from '../../src/report/markdown.js';
import { renderSummary } from '../../src/report/summary.js';
import { report } from '../fixtures/action/reports.js';

/** Format characters (zero-width joiners, bidi marks, BOM) and soft hyphens: invisible once rendered. */
const INVISIBLE = /[\p{Cf}\u00AD]/u;
const ALL_CODES = Object.keys(FINDING_CODES) as FindingCode[];

/** The fix line of a finding as rendered in issue bodies and job summaries. */
const fixLine = (code: FindingCode, domain = 'www.example.org'): string =>
  findingLines(makeFinding(code, domain, 'message')).find((l) => l.startsWith('  - Fix: ')) ?? '';

describe('fixMarkdown', () => {
  it('puts a suggested TLS-RPT record in a code span, with no zero-width joiner', () => {
    expect(fixMarkdown('Publish `v=TLSRPTv1; rua=mailto:<address>` at `_smtp._tls.example.org`.')).toBe(
      'Publish `v=TLSRPTv1; rua=mailto:<address>` at `_smtp._tls.example.org`.',
    );
  });

  it('still escapes the prose between code spans', () => {
    expect(fixMarkdown('See @team and *this*: `mode: none`.')).toBe(
      'See @\u200dteam and \\*this\\*: `mode: none`.',
    );
  });

  it('the tlsrpt-missing fix copies as a record (the case from the issue)', () => {
    expect(fixLine('tlsrpt-missing', 'example.org')).toBe(
      '  - Fix: Publish `v=TLSRPTv1; rua=mailto:<address>` at `_smtp._tls.example.org` to receive failure reports.',
    );
  });
});

describe('every fix in the catalogue', () => {
  it.each(ALL_CODES)('%s: backticks are paired', (code) => {
    expect(FINDING_CODES[code].fix.split('`').length % 2).toBe(1);
  });

  it.each(ALL_CODES)('%s: no invisible character anywhere in the rendered fix', (code) => {
    expect(fixLine(code)).not.toMatch(INVISIBLE);
  });

  it.each(ALL_CODES)('%s: records and policy lines are inside code spans', (code) => {
    // Outside the spans, nothing that looks like a record or a policy line may remain.
    const prose = FINDING_CODES[code].fix
      .split('`')
      .filter((_, i) => i % 2 === 0)
      .join(' ');
    expect(prose).not.toMatch(/v=STSv1|v=TLSRPTv1|rua=|mailto:|https:|\b(?:version|mode|max_age|mx): /);
    expect(prose).not.toMatch(/_mta-sts|_smtp\._tls|mta-sts\.<domain>/);
  });

  it('the job summary carries the same copyable fix', () => {
    const summary = renderSummary({
      report: buildReport(
        [report('example.org', [makeFinding('tlsrpt-missing', 'example.org', 'No record.')])],
        [],
        new Date('2026-11-29T00:00:00.000Z'),
      ),
      verdict: 'Nothing reaches fail-on: error.',
      sections: [],
    });
    expect(summary).toContain('`v=TLSRPTv1; rua=mailto:<address>`');
    expect(summary).not.toContain('mailto\u200d');
  });
});
