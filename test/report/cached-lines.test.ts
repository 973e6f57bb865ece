/**
 * What senders may still hold, on every human surface (issue #8 item 4): the terminal report, the job summary and
 * the issue body each say which cached policy refuses which live MX host until when, and when a bounce window ends.
 */
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check.js';
import type { CachedPolicy } from '../../src/core/cached-policies.js';
import type { DomainReport } from '../../src/core/types.js';
import { cachedRefusalLines, utcTime } from '../../src/report/cached-lines.js';
import { renderIssueBody } from '../../src/report/issue-body.js';
import { renderSummary } from '../../src/report/summary.js';
import { painterFor, renderTerminal } from '../../src/report/terminal.js';

const pipe = { isTTY: false } as unknown as NodeJS.WritableStream;

const cachedOld: CachedPolicy = {
  id: 'old1',
  mode: 'enforce',
  mx: ['mx1.example.com'],
  maxAge: 604800,
  firstSeen: '2026-11-01T00:00:00.000Z',
  lastSeen: '2026-11-28T12:00:00.000Z',
  heldUntil: '2026-12-06T12:00:00.000Z',
  why: 'not-yet-refetched',
  refuses: ['mx2.example.com'],
};

const domain: DomainReport = {
  domain: 'example.com',
  status: 'ok',
  bounces: false,
  bouncesIfEnforced: false,
  policy: {
    status: 'valid',
    id: 'new1',
    mode: 'enforce',
    maxAge: 604800,
    mx: ['mx1.example.com', 'mx2.example.com'],
    certificate: null,
  },
  mx: ['mx1.example.com', 'mx2.example.com'].map((host, i) => ({
    host,
    preference: (i + 1) * 10,
    matched: true,
    tls: 'ok' as const,
    notAfter: null,
    enforceOk: true,
  })),
  notChecked: [],
  findings: [],
  cached: [cachedOld, { ...cachedOld, id: 'older', mode: 'testing', refuses: [] }],
  bouncesForCachedSenders: false,
  bounceWindowEnd: null,
};

/** The same domain after a move to mx2 alone, under a same-id change: the cached policy refuses every MX host. */
const bouncing: DomainReport = {
  ...domain,
  mx: [domain.mx[1]!],
  cached: [{ ...cachedOld, why: 'same-id-change', heldUntil: '2026-12-06T12:00:30.000Z' }],
  bouncesForCachedSenders: true,
  bounceWindowEnd: '2026-12-06T12:00:30.000Z',
};

const report = (d: DomainReport): CheckReport => ({
  version: 1,
  generatedAt: '2026-11-29T00:00:00.000Z',
  notices: [],
  runFindings: [],
  causes: [],
  summary: { domains: 1, errors: 0, warnings: 0, notices: 0, bouncing: [] },
  domains: [d],
});

const REFUSES = 'Senders that cached policy id old1 may refuse mx2.example.com until 2026-12-06 12:00 UTC.';

describe('cachedRefusalLines', () => {
  it.each([
    ['2026-12-06T12:00:00.000Z', '2026-12-06 12:00 UTC'],
    ['2026-12-06T12:00:30.000Z', '2026-12-06 12:00:30 UTC'],
    ['2026-12-06T12:00:00Z', '2026-12-06 12:00 UTC'],
    ['2026-12-06T12:00:00.250Z', '2026-12-06 12:00:01 UTC'],
    ['not a time', 'not a time'],
  ])('utcTime(%s) is %s', (iso, text) => {
    expect(utcTime(iso)).toBe(text);
  });

  it('one sentence per cached policy that refuses a live MX host; a testing one refuses nothing', () => {
    expect(cachedRefusalLines(domain)).toEqual([REFUSES]);
  });

  it('the bounce window when a cached policy refuses every MX host', () => {
    expect(cachedRefusalLines(bouncing)).toEqual([
      'Senders that cached policy id old1 may refuse mx2.example.com until 2026-12-06 12:00:30 UTC.',
      'Those refusing every MX host bounce mail: the bounce window ends 2026-12-06 12:00:30 UTC.',
    ]);
  });

  it('nothing without a cache-aware verdict (no state)', () => {
    expect(cachedRefusalLines({})).toEqual([]);
  });
});

describe('the surfaces show it', () => {
  it('terminal: under the domain, even without findings', () => {
    const text = renderTerminal(report(domain), painterFor(pipe, {}));
    expect(text).toContain(`example.com (ok)\n  cached   ${REFUSES}\n`);
    expect(renderTerminal(report(bouncing), painterFor(pipe, {}))).toContain(
      '  cached   Those refusing every MX host bounce mail: the bounce window ends 2026-12-06 12:00:30 UTC.',
    );
  });

  it('job summary: in the details of the domain, and the bounce window in the header', () => {
    const markdown = renderSummary({ report: report(domain), verdict: 'ok', sections: [] });
    expect(markdown).toContain(
      '- **cached policy**: Senders that cached policy id old1 may refuse mx2.example.com until 2026-12-06 12:00 UTC.',
    );
    expect(markdown).not.toContain('No findings.');
    const header = renderSummary({ report: report(bouncing), verdict: 'fails', sections: [] });
    expect(header).toContain(
      '**Mail bounces for senders holding a cached policy** of `example.com` until 2026-12-06 12:00:30 UTC.',
    );
  });

  it('issue body: after the status line', () => {
    const body = renderIssueBody(bouncing, [], new Date('2026-11-29T00:00:00Z'));
    expect(body).toMatch(
      /Status: .*\n\nSenders that cached policy id old1 may refuse mx2\.example\.com until 2026-12-06 12:00:30 UTC\.\n\nThose refusing every MX host bounce mail: the bounce window ends 2026-12-06 12:00:30 UTC\.\n\n### Findings \(0\)/,
    );
  });
});
