/**
 * fail-on and the pull request's own problems (issue #11 item 20): under `fail-on: warning` a pull request whose
 * only problem is a warning fails, as a warning finding does; under `fail-on: error` it does not.
 */
import { describe, expect, it } from 'vitest';
import { driftFailures } from '../../src/action/finish.js';
import { buildReport, type FailOn } from '../../src/check.js';
import type { Severity } from '../../src/core/types.js';
import { finding, report } from '../fixtures/action/reports.js';

const clean = buildReport([report('a.test', [])], [], new Date('2026-11-29T00:00:00Z'));
const withWarning = buildReport(
  [report('a.test', [finding('policy-max-age-short', 'warning', { domain: 'a.test' })])],
  [],
  new Date('2026-11-29T00:00:00Z'),
);
const pr = (severity: Severity) => [{ severity }];

describe('driftFailures', () => {
  it.each<[string, FailOn, ReturnType<typeof pr>, string[]]>([
    [
      'a PR warning under fail-on warning',
      'warning',
      pr('warning'),
      ["1 problems with the pull request's changes to domains.yml"],
    ],
    ['a PR warning under fail-on error', 'error', pr('warning'), []],
    [
      'a PR error under fail-on error',
      'error',
      pr('error'),
      ["1 problems with the pull request's changes to domains.yml"],
    ],
    ['a PR error under fail-on never', 'never', pr('error'), []],
    ['a PR notice under fail-on warning', 'warning', pr('notice'), []],
    ['nothing at all under fail-on warning', 'warning', [], []],
  ])('%s', (_, failOn, problems, expected) => {
    expect(driftFailures(clean, problems, failOn)).toEqual(expected);
  });

  it('counts a PR warning beside a warning finding under fail-on warning', () => {
    expect(driftFailures(withWarning, pr('warning'), 'warning')).toEqual([
      '0 error(s) and 1 warning(s) reach fail-on: warning',
      "1 problems with the pull request's changes to domains.yml",
    ]);
    expect(driftFailures(withWarning, pr('warning'), 'error')).toEqual([]);
  });
});
