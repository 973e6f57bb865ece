/**
 * The sender classes that refuse mail, in the terminal report, the job summary and issue titles (issue #7 items 4
 * and 5): one line per domain, only when a counted class refuses some MX host.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/check.js';
import type { SenderVerdict, SenderVerdicts } from '../../src/core/senders/index.js';
import type { DomainReport } from '../../src/core/types.js';
import { issueTitle, renderIssueBody } from '../../src/report/issue-body.js';
import { planIssueOperations } from '../../src/report/issues.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { finding, report } from '../fixtures/action/reports.js';

const NOW = new Date('2026-03-01T00:00:00.000Z');

const verdict = (refusedMx: string[], counted = true): SenderVerdict => ({
  bounces: refusedMx.length > 0,
  refusedMx,
  reason: refusedMx.length > 0 ? 'refuses every MX host' : 'delivers',
  bouncesForCachedSenders: false,
  counted,
});

function senders(
  refused: Partial<Record<keyof SenderVerdicts, string[]>>,
  uncounted: string[] = [],
): SenderVerdicts {
  const v = (id: keyof SenderVerdicts) => verdict(refused[id] ?? [], !uncounted.includes(id));
  return {
    rfc: v('rfc'),
    'exchange-online': v('exchange-online'),
    gmail: v('gmail'),
    'postfix-dane': v('postfix-dane'),
    'postfix-sts-resolver': v('postfix-sts-resolver'),
  };
}

const MX = 'mx1.dane.example';
const dane: DomainReport = {
  ...report('dane.example', [finding('tlsa-mismatch')], { bounces: true }),
  senders: senders({ 'exchange-online': [MX], 'postfix-dane': [MX] }),
};
const healthy: DomainReport = { ...report('ok.example', []), senders: senders({}) };
const onlyUncounted: DomainReport = {
  ...report('quiet.example', []),
  senders: senders({ 'postfix-dane': [MX] }, ['postfix-dane']),
};

describe('sender classes that refuse mail', () => {
  it('the terminal report has one line per refused domain', () => {
    const text = renderTerminal(buildReport([dane, healthy, onlyUncounted], [], NOW), (_s, t) => t);
    const at = text.indexOf('sender classes that refuse mail');
    expect(at).toBeGreaterThan(0);
    const block = text.slice(at).split('\n').slice(1, 3);
    expect(block).toEqual([`  dane.example: Exchange Online and Postfix (DANE) refuse ${MX}`, '']);
  });

  it('says nothing when no counted class refuses', () => {
    const text = renderTerminal(buildReport([healthy, onlyUncounted], [], NOW), (_s, t) => t);
    expect(text).not.toContain('sender classes that refuse mail');
    const summary = renderSummary({ report: buildReport([healthy], [], NOW), verdict: 'ok', sections: [] });
    expect(summary).not.toContain('Sender classes that refuse mail');
  });

  it('the job summary lists them after the table', () => {
    const text = renderSummary({
      report: buildReport([healthy, dane], [], NOW),
      verdict: 'ok',
      sections: [],
    });
    expect(text).toContain(
      `**Sender classes that refuse mail** (see "Sender profiles" in the README):\n\n- \`dane.example\`: Exchange Online and Postfix \\(DANE\\) refuse ${MX}\n`,
    );
    expect(text.indexOf('Sender classes that refuse mail')).toBeGreaterThan(text.indexOf('| Domain'));
  });

  it('names them in the title of a new issue and in its body', () => {
    expect(issueTitle(dane)).toBe(
      `MTA-STS drift on dane.example: Exchange Online and Postfix (DANE) refuse ${MX}`,
    );
    expect(issueTitle(onlyUncounted)).toBe('MTA-STS drift on quiet.example');
    const ops = planIssueOperations({ reports: [dane], issues: [], issueOn: 'error', now: NOW });
    expect(ops[0]).toMatchObject({ kind: 'create', title: issueTitle(dane) });
    expect(renderIssueBody(dane, dane.findings, NOW)).toContain(
      'Sender classes that refuse mail: Exchange Online',
    );
  });

  it('retitles an existing issue when the refusing senders change, and leaves a current title alone', () => {
    const body = renderIssueBody(report('dane.example', [finding('drift-mx')]), [finding('drift-mx')], NOW);
    const open = { number: 4, state: 'open' as const, title: 'MTA-STS drift on dane.example', body };
    const [update] = planIssueOperations({ reports: [dane], issues: [open], issueOn: 'error', now: NOW });
    expect(update).toMatchObject({ kind: 'update', number: 4, title: issueTitle(dane) });
    const [reopen] = planIssueOperations({
      reports: [dane],
      issues: [{ ...open, state: 'closed' }],
      issueOn: 'error',
      now: NOW,
    });
    expect(reopen).toMatchObject({ kind: 'reopen', title: issueTitle(dane) });
    const current = { ...open, title: issueTitle(dane) };
    const [same] = planIssueOperations({ reports: [dane], issues: [current], issueOn: 'error', now: NOW });
    expect(same?.kind).toBe('update');
    expect(same !== undefined && 'title' in same).toBe(false);
  });

  it('shortens a long host list', () => {
    const many = {
      ...dane,
      senders: senders({ gmail: ['a.example', 'b.example', 'c.example', 'd.example'] }),
    };
    expect(issueTitle(many)).toBe(
      'MTA-STS drift on dane.example: Gmail refuses a.example, b.example and 2 more',
    );
  });
});
