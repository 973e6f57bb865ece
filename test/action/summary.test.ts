import { describe, expect, it } from 'vitest';
import { buildReport, type CheckReport } from '../../src/check.js';
import type { DomainReport } from '../../src/core/types.js';
import { COLLAPSE_AFTER, MAX_SUMMARY_BYTES, rankDomains, renderSummary } from '../../src/report/summary.js';
import { finding, report } from '../fixtures/action/reports.js';

function checkReport(domains: DomainReport[], notices: string[] = []): CheckReport {
  return buildReport(domains, notices, new Date('2026-03-01T00:00:00.000Z'));
}

const render = (domains: DomainReport[], notices: string[] = []) =>
  renderSummary({
    report: checkReport(domains, notices),
    verdict: 'Nothing reaches fail-on: error.',
    sections: [],
  });

describe('renderSummary: skipped checks and run-level findings (issue #10 part 3)', () => {
  it('labels a domain with skipped checks incomplete, between unknown and ok, naming what was skipped', () => {
    const text = render([
      report('ok.example', []),
      report('skipped.example', [], { status: 'incomplete', bounces: null, notChecked: ['mx-tls'] }),
      report('warn.example', [finding('mx-cert-expiring', 'warning')], { notChecked: ['mx-tls'] }),
    ]);
    const rows = text.split('\n').filter((l) => /^\| [a-z]+\.example/.test(l));
    expect(rows.map((r) => r.split(' | ').slice(0, 2).join(' | '))).toEqual([
      '| warn.example | ⚠️ warning (MX TLS not checked)',
      '| skipped.example | ◐ incomplete (MX TLS not checked)',
      '| ok.example | ✅ ok',
    ]);
  });

  it('puts run-level findings first and counts them', () => {
    const run = { ...finding('dns-unavailable'), domain: '', message: '8 of 8 DNS lookups failed.' };
    const text = renderSummary({
      report: buildReport([report('ok.example', [])], [], new Date('2026-03-01T00:00:00.000Z'), [run]),
      verdict: 'fail-on: error, so this run fails.',
      sections: [],
    });
    expect(text).toContain('**1 domains**: 1 errors, 0 warnings, 0 notices.');
    expect(text.indexOf('**This run could not observe everything:**')).toBeLessThan(text.indexOf('| Domain'));
    expect(text).toContain('- **error** `dns-unavailable`: 8 of 8 DNS lookups failed.');
  });
});

describe('renderSummary', () => {
  it('shows a table worst first, then details per domain', () => {
    const text = render([
      report('ok.example', []),
      report('warn.example', [finding('mx-cert-expiring', 'warning')]),
      report('bounce.example', [finding('mail-bounces')], { bounces: true }),
    ]);
    expect(text).toContain('**3 domains**: 1 errors, 1 warnings, 0 notices.');
    expect(text).toContain('**Mail bounces** at enforcing senders for: `bounce.example`.');
    const rows = text
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Domain') && !l.startsWith('| ---'));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual([
      '| bounce.example',
      '| warn.example',
      '| ok.example',
    ]);
    expect(text).toContain('#### bounce.example');
    expect(text).not.toContain('<details>');
  });

  it(`collapses details beyond ${COLLAPSE_AFTER} domains`, () => {
    const domains = Array.from({ length: COLLAPSE_AFTER + 1 }, (_, i) => report(`d${i}.example`, []));
    const text = render(domains);
    expect(text.match(/<details><summary>/g)).toHaveLength(COLLAPSE_AFTER + 1);
    expect(text).toContain('<details><summary>d0.example: ok, 0 findings</summary>\n\n');
  });

  it('neutralises hostile remote text in the table and the details', () => {
    const hostile =
      'Line 2 is not "key: value": "@octocat <img src=x onerror=alert(1)> [x](http://evil) `tick`".';
    const text = render([
      report('evil.example', [
        finding('policy-line-invalid', 'error', { message: hostile, observed: '@octocat `x`' }),
      ]),
    ]);
    const escaped =
      'Line 2 is not "key: value": "@\u200doctocat &lt;img src=x onerror=alert\\(1\\)&gt; ' +
      '\\[x\\]\\(http\u200d://evil\\) \\`tick\\`".';
    const row = text.split('\n').find((l) => l.startsWith('| evil'));
    expect(row).toContain(escaped.slice(0, 60));
    const item = text.split('\n').find((l) => l.startsWith('- **error**'));
    expect(item).toBe(`- **error** \`policy-line-invalid\`: ${escaped}`);
    // Remote text in a code span is inert as it is: no mention, no markup inside backticks.
    expect(text).toContain('observed `` @octocat `x` ``');
  });

  it('stays under the size limit with thousands of domains', () => {
    const big = 'x'.repeat(280);
    const domains = Array.from({ length: 3000 }, (_, i) =>
      report(
        `d${i}.example`,
        Array.from({ length: 5 }, () => finding('policy-line-invalid', 'error', { message: big })),
      ),
    );
    const text = render(domains);
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_SUMMARY_BYTES + 1000);
    expect(text).toMatch(/and 2000 more domains|details of \d+ more domains left out/);
  });

  it('keeps the header, the table and the sections under 1 MiB too, saying what was left out (issue #11 item 8)', () => {
    const name = (i: number) => `${'<'.repeat(200)}${i}.example`;
    const heavy = finding('policy-line-invalid', 'error', { message: '<'.repeat(400) });
    const domains = Array.from({ length: 1500 }, (_, i) =>
      report(name(i), [heavy], { bounces: i % 2 === 0 }),
    );
    const notices = Array.from({ length: 1500 }, (_, i) => `notice ${i} ${'&'.repeat(290)}`);
    const section = {
      title: 'Issues',
      markdown: Array.from({ length: 5000 }, (_, i) => `- line ${i}`).join('\n'),
    };
    const text = renderSummary({ report: checkReport(domains, notices), verdict: 'v', sections: [section] });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.byteLength(text)).toBeGreaterThan(800 * 1024);
    const last = text.trimEnd().split('\n').at(-1) ?? '';
    expect(last).toMatch(
      /^… \d+ more lines of this summary and the details of 1500 domains left out to stay under GitHub's 1 MiB job summary limit \(\d+ KiB\); the JSON report \(output `report`\) has everything\.$/,
    );
    // The cut line stands on its own, never inside the table.
    expect(text.trimEnd().split('\n').at(-2)).toBe('');
  });

  it('ranks by bounce, status, then name', () => {
    const ranked = rankDomains([
      report('b.example', []),
      report('a.example', []),
      report('c.example', [finding('x', 'warning')]),
    ]);
    expect(ranked.map((d) => d.domain)).toEqual(['c.example', 'a.example', 'b.example']);
  });
});
