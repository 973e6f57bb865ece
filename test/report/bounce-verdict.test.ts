/**
 * Issue #11 item 20: a `null` bounce verdict ("could not tell") must never count as bouncing: not in the totals,
 * the step outputs, the summary, the issue body, the order of issue writes, or the urgency of annotations.
 */
import { describe, expect, it } from 'vitest';
import { reportOutputs } from '../../src/action/publish.js';
import { buildReport } from '../../src/check.js';
import type { DomainReport } from '../../src/core/types.js';
import { annotationsFromReport } from '../../src/report/annotations.js';
import { renderIssueBody } from '../../src/report/issue-body.js';
import { planIssueOperations } from '../../src/report/issues.js';
import { rankDomains, renderSummary } from '../../src/report/summary.js';
import { finding, report } from '../fixtures/action/reports.js';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const warning = finding('mx-cert-expiring', 'warning', { host: 'mx.example.com' });
const error = finding('drift-mx', 'error');

// Listed so that a null counted as "bounces" would move each one first.
const domains: DomainReport[] = [
  report('a-error.example', [error], { bounces: false }),
  report('b-bounces.example', [error], { bounces: true }),
  report('c-ok.example', [], { bounces: false }),
  report('z-unknown.example', [], { bounces: null, bouncesIfEnforced: null }),
  report('y-unknown-warning.example', [warning], { bounces: null, bouncesIfEnforced: null }),
];
const checked = buildReport(domains, [], NOW);

describe('a null bounce verdict is not "bounces"', () => {
  it('in the totals and the step outputs', () => {
    expect(checked.summary.bouncing).toEqual(['b-bounces.example']);
    expect(reportOutputs(checked, '/tmp/r.json')['bouncing-domains']).toBe('["b-bounces.example"]');
  });

  it('in the job summary: its own word, not in the bounce line, not ranked first', () => {
    const text = renderSummary({ report: checked, verdict: 'v', sections: [] });
    expect(text).toContain('**Mail bounces** at enforcing senders for: `b-bounces.example`.');
    const row = (d: string) => text.split('\n').find((l) => l.startsWith(`| ${d}`)) ?? '';
    expect(row('z-unknown.example')).toContain('| unknown |');
    expect(text.match(/\*\*bounces\*\*/g)).toHaveLength(1);
    expect(rankDomains(domains).map((d) => d.domain)).toEqual([
      'b-bounces.example',
      'a-error.example',
      'y-unknown-warning.example',
      'c-ok.example',
      'z-unknown.example',
    ]);
  });

  it('in the issue body', () => {
    const body = renderIssueBody(domains[4]!, [warning], NOW);
    expect(body).toContain('enforcing senders bounce mail: unknown ·');
  });

  it('in the order of issue writes and the urgency of annotations', () => {
    const ops = planIssueOperations({ reports: domains, issues: [], issueOn: 'warning', now: NOW });
    expect(ops.map((op) => op.domain)).toEqual([
      'b-bounces.example',
      'a-error.example',
      'y-unknown-warning.example',
    ]);
    const urgent = annotationsFromReport(checked, [], 'domains.yml').filter((a) => a.urgent);
    expect(urgent.map((a) => a.title)).toEqual(['drift-mx: b-bounces.example']);
  });
});
