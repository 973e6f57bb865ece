import { describe, expect, it } from 'vitest';
import { comparePullRequest } from '../../src/action/pr-compare.js';
import type { DomainExpectation } from '../../src/core/types.js';
import { finding, report } from '../fixtures/action/reports.js';

const expect_ = (extra: Partial<DomainExpectation> = {}): DomainExpectation => ({
  domain: 'example.com',
  line: 3,
  column: 5,
  mode: 'testing',
  mx: ['mx1.example.com'],
  maxAge: { exact: 604800 },
  id: '20240101',
  certWarningDays: 21,
  ignore: [],
  ...extra,
});

const healthy = [report('example.com', [])];

describe('comparePullRequest', () => {
  it.each([
    ['nothing changed', expect_(), []],
    ['the id alone changed', expect_({ id: '20240202' }), []],
    ['mode and id changed together', expect_({ mode: 'enforce', id: '20240202' }), []],
    ['mode changed, same id', expect_({ mode: 'enforce' }), ['error pr-policy-without-new-id']],
    [
      'mx changed, same id',
      expect_({ mx: ['mx1.example.com', 'mx2.example.com'] }),
      ['error pr-policy-without-new-id'],
    ],
    ['max_age changed, same id', expect_({ maxAge: { min: 86400 } }), ['error pr-policy-without-new-id']],
    ['mx order only', expect_({ mx: ['mx1.example.com'] }), []],
  ])('%s', (_name, head, expected) => {
    const problems = comparePullRequest([expect_()], [head], healthy);
    expect(problems.map((p) => `${p.severity} ${p.code}`)).toEqual(expected);
  });

  it('reordering the mx lines is not a policy change (issue #11 item 20)', () => {
    const base = expect_({ mx: ['mx1.example.com', 'mx2.example.com', '*.backup.example.com'] });
    const head = expect_({ mx: ['*.backup.example.com', 'mx2.example.com', 'mx1.example.com'] });
    // Even with an old mx drift on the live side, a reorder changes nothing to flag.
    const live = [report('example.com', [finding('drift-mx', 'error', { observed: 'mx9.example.com' })])];
    expect(comparePullRequest([base], [head], healthy)).toEqual([]);
    expect(comparePullRequest([base], [head], live)).toEqual([]);
    const unpinned = { ...base };
    delete (unpinned as { id?: string }).id;
    expect(comparePullRequest([unpinned], [{ ...unpinned, mx: head.mx ?? [] }], healthy)).toEqual([]);
  });

  it('warns when no id is pinned on either side', () => {
    const unpinned = { ...expect_() };
    delete (unpinned as { id?: string }).id;
    const problems = comparePullRequest([unpinned], [{ ...unpinned, mode: 'enforce' }], healthy);
    expect(problems.map((p) => `${p.severity} ${p.code}`)).toEqual(['warning pr-id-not-pinned']);
  });

  it('names the change and the id, at the line of the entry', () => {
    const [problem] = comparePullRequest([expect_()], [expect_({ mode: 'enforce' })], healthy);
    expect(problem).toMatchObject({ domain: 'example.com', line: 3, column: 5 });
    expect(problem?.message).toContain('mode (testing → enforce)');
    expect(problem?.message).toContain('keeps id 20240101');
  });

  it('flags a change the live policy contradicts, not an old drift', () => {
    const head = expect_({ mx: ['mx1.example.com', 'mx2.example.com'], id: '20240202' });
    const live = [
      report('example.com', [
        finding('drift-mx', 'error', {
          expected: 'mx1.example.com, mx2.example.com',
          observed: 'mx1.example.com',
        }),
        finding('drift-id', 'error', { expected: '20240202', observed: '20240101' }),
        finding('drift-mode', 'error', { expected: 'testing', observed: 'enforce' }),
      ]),
    ];
    const problems = comparePullRequest([expect_()], [head], live);
    expect(problems.map((p) => p.code)).toEqual(['pr-contradicted', 'pr-contradicted']);
    expect(problems[0]?.message).toContain('expects mx mx1.example.com, mx2.example.com');
    expect(problems[0]?.message).toContain('the live policy has mx1.example.com');
    expect(problems[1]?.message).toContain('expects id 20240202');
  });

  it('treats every domain as new when the base has no config', () => {
    const live = [report('example.com', [finding('drift-mode', 'error', { observed: 'enforce' })])];
    expect(comparePullRequest(null, [expect_()], live).map((p) => p.code)).toEqual(['pr-contradicted']);
    expect(comparePullRequest(null, [expect_()], healthy)).toEqual([]);
  });
});
