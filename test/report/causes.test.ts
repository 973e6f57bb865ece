/**
 * The terminal report and the job summary lead with root causes when a run covers several domains, bounded, with
 * remote text kept inert (issue #9 item 2).
 */
import { describe, expect, it } from 'vitest';
import { buildReport, type CheckReport } from '../../src/check.js';
import type { DomainReport } from '../../src/core/types.js';
import { causeLines, causesMarkdown, MAX_BOUNCING_NAMED, MAX_LEAD_CAUSES } from '../../src/report/causes.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { finding, report } from '../fixtures/action/reports.js';

const plain = (_style: unknown, text: string) => text;
const NOW = new Date('2026-03-01T00:00:00.000Z');

function uncovered(domain: string): DomainReport {
  const f = finding('mx-not-covered', 'error', {
    host: 'x.h-v1.mx.microsoft',
    expected: '*.mx.microsoft',
    message: `MX host x.h-v1.mx.microsoft matches no mx pattern of ${domain}.`,
  });
  return report(domain, [f], { bounces: true, bouncesIfEnforced: true });
}

const fleet = (n: number) => Array.from({ length: n }, (_, i) => uncovered(`t${i}.example`));

/** `n` domains, each with a cause of its own (a per-domain finding). */
function scattered(n: number): DomainReport[] {
  return Array.from({ length: n }, (_, i) => report(`s${i}.example`, [finding('drift-mode', 'error')]));
}

function summaryOf(r: CheckReport): string {
  return renderSummary({ report: r, verdict: 'fail-on: error', sections: [] });
}

describe('terminal report (issue #9 item 2)', () => {
  it('leads with the causes, count first, before the domain table', () => {
    const text = renderTerminal(buildReport([...fleet(312), ...scattered(2)], [], NOW), plain);
    const lines = text.split('\n');
    expect(lines[0]).toBe('root causes (3), most urgent first');
    expect(lines[1]).toBe(
      '  error    312 domains: MX x.h-v1.mx.microsoft is not covered by *.mx.microsoft: a wildcard covers ' +
        'exactly one label (RFC 8461 §4.1) (mail bounces)',
    );
    expect(lines[2]).toMatch(
      /^ {11}fix: Add `mx: \*\.h-v1\.mx\.microsoft` to the policy of each affected domain/,
    );
    expect(lines[3]).toBe('  error    s0.example: drift-mode happened.');
    expect(text.indexOf('root causes')).toBeLessThan(text.search(/^DOMAIN\s+STATUS/m));
  });

  it(`shows at most ${MAX_LEAD_CAUSES} causes, then how many more`, () => {
    const lines = causeLines(buildReport(scattered(MAX_LEAD_CAUSES + 4), [], NOW), plain);
    expect(lines.filter((l) => /^ {2}error {4}s\d+\.example: /.test(l))).toHaveLength(MAX_LEAD_CAUSES);
    expect(lines).toContain('  … and 4 more causes (all of them in --json, "causes")');
  });

  it('says nothing of causes for a single domain', () => {
    const text = renderTerminal(buildReport(scattered(1), [], NOW), plain);
    expect(text).not.toContain('root causes');
    expect(text.startsWith('DOMAIN')).toBe(true);
  });

  it('renders remote text inertly: escape sequences and bidi controls made visible', () => {
    const evil = report('a.example', [
      finding('policy-content-type', 'error', {
        message: 'served as \u001b[31mred\u202e txt',
        fix: 'Fix\u001b]0;x',
      }),
    ]);
    const lines = causeLines(buildReport([evil, ...scattered(1)], [], NOW), plain).join('\n');
    expect(lines.includes('\u001b') || lines.includes('\u202e')).toBe(false);
    expect(lines).toContain('served as \\u001b[31mred\\u202e txt');
    expect(lines).toContain('fix: Fix\\u001b]0;x');
  });
});

describe('job summary (issue #9 item 2)', () => {
  it('leads with the causes after the counts, before the domain table', () => {
    const text = summaryOf(buildReport([...fleet(312), ...scattered(1)], [], NOW));
    expect(text).toContain('### Root causes (2)');
    expect(text).toContain(
      '- ❌ error · **312 domains** (t0.example, t1.example, t10.example, …): MX x.h-v1.mx.microsoft is not ' +
        'covered by \\*.mx.microsoft: a wildcard covers exactly one label \\(RFC 8461 §4.1\\) **(mail bounces)**',
    );
    expect(text).toContain('- ❌ error · **s0.example**: drift-mode happened.');
    expect(text.indexOf('### Root causes')).toBeGreaterThan(text.indexOf('**313 domains**'));
    expect(text.indexOf('### Root causes')).toBeLessThan(text.indexOf('| Domain'));
  });

  it(`is bounded to ${MAX_LEAD_CAUSES} causes`, () => {
    const lines = causesMarkdown(buildReport(scattered(MAX_LEAD_CAUSES + 2), [], NOW));
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(MAX_LEAD_CAUSES);
    expect(lines.at(-1)).toBe('… and 2 more causes, all of them in the JSON report (`causes`).');
  });

  it('escapes remote text: no markup, HTML, mention or link comes through', () => {
    const evil = report('a.example', [
      finding('policy-content-type', 'error', {
        message: 'served as <img src=x> by @admin, see [here](https://evil.example) #12',
        fix: '**Do** `this`',
      }),
    ]);
    const text = causesMarkdown(buildReport([evil, ...scattered(1)], [], NOW)).join('\n');
    expect(text).toContain('&lt;img src=x&gt;');
    expect(text).not.toContain('<img');
    expect(text).not.toMatch(/@admin|\]\(https|#12/);
    expect(text).toContain('Fix: \\*\\*Do\\*\\* `this`');
  });

  it('has no causes section for a single domain', () => {
    expect(summaryOf(buildReport(fleet(1), [], NOW))).not.toContain('Root causes');
  });
});

describe('the bouncing headline at fleet size (issue #9 item 2)', () => {
  it(`names the first ${MAX_BOUNCING_NAMED} bouncing domains, then how many more`, () => {
    const r = buildReport(fleet(312), [], NOW);
    const summary = summaryOf(r);
    const line = summary.split('\n').find((l) => l.startsWith('**Mail bounces**')) ?? '';
    expect(line.match(/`t\d+\.example`/g)).toHaveLength(MAX_BOUNCING_NAMED);
    expect(line.endsWith(', and 292 more.')).toBe(true);
    const last = renderTerminal(r, plain).trimEnd().split('\n').at(-1) ?? '';
    expect(last).toMatch(/; bouncing: t0\.example, t1\.example, .*, and 292 more$/);
    expect(last.slice(last.indexOf('bouncing: ')).split(', ')).toHaveLength(MAX_BOUNCING_NAMED + 1);
  });
});
