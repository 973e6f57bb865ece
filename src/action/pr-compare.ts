/**
 * The pull-request check: the domains.yml of the pull request against the base branch's and the live world
 * (issue #3). Pure; the base file is fetched by the caller.
 *
 * - A changed expected policy (mode, mx, max_age) with the same pinned id is an error: senders holding the old
 *   policy do not fetch again while the id is unchanged (RFC 8461 §3.1, §5.1). Without a pinned id it is a warning.
 * - A change the live world contradicts is an error: merging it would make the nightly run report drift (for
 *   example an mx pattern the published policy does not list yet). New domains count as changed in every field.
 */
import type { DomainExpectation, DomainReport, Severity } from '../core/types.js';

export type PrProblemCode =
  'pr-policy-without-new-id' | 'pr-id-not-pinned' | 'pr-contradicted' | 'pr-cached-policy-refuses';

/**
 * The pull-request codes with their severity, meaning and fix (README.md "Pull-request finding codes"); the rules of
 * the SARIF file (issue #11 item 15).
 */
export const PR_PROBLEM_CODES: Readonly<
  Record<PrProblemCode, { readonly severity: Severity; readonly meaning: string; readonly fix: string }>
> = {
  'pr-policy-without-new-id': {
    severity: 'error',
    meaning:
      "A domain's expected mode, mx or max_age changes while its pinned id stays: senders keep the cached policy.",
    fix: 'Publish the policy change with a new id, and pin the new id in the same pull request.',
  },
  'pr-id-not-pinned': {
    severity: 'warning',
    meaning:
      'The expected policy changes and neither side pins an id, so the change cannot be checked against the id.',
    fix: 'Add id: for the domain in domains.yml.',
  },
  'pr-contradicted': {
    severity: 'error',
    meaning:
      'A changed or new expectation is contradicted by the live world (for example an mx the published policy does not list yet).',
    fix: 'Publish first (policy, then a new id), then merge.',
  },
  // Issue #8 item 4 (src/action/pr-cached.ts): a warning while other hosts take the mail, an error when none does.
  'pr-cached-policy-refuses': {
    severity: 'error',
    meaning:
      'A changed mx or mode leads to MX hosts that a policy senders may hold now (the live one, or an earlier one from the history) refuses, until its max_age runs out. A warning while the other hosts take the mail, an error when it refuses them all.',
    fix: 'Follow the steps of mta-sts-drift plan for the change (the policy lists a host before the host is added, and a host leaves only after the caches that need it run out); the annotation gives the first one.',
  },
};

export interface PrProblem {
  readonly code: PrProblemCode;
  readonly severity: Severity;
  readonly domain: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

type Field = 'mode' | 'mx' | 'max_age' | 'id';

/** The drift finding that contradicts each field. */
const DRIFT_CODE: Record<Field, string> = {
  mode: 'drift-mode',
  mx: 'drift-mx',
  max_age: 'drift-max-age',
  id: 'drift-id',
};

function show(e: DomainExpectation, field: Field): string {
  if (field === 'mode') return e.mode ?? '(not set)';
  if (field === 'mx') return e.mx === undefined ? '(not set)' : [...e.mx].sort().join(', ');
  if (field === 'id') return e.id ?? '(not set)';
  if (e.maxAge === undefined) return '(not set)';
  return 'exact' in e.maxAge ? String(e.maxAge.exact) : `at least ${e.maxAge.min}`;
}

const POLICY_FIELDS: readonly Field[] = ['mode', 'mx', 'max_age'];

function changed(
  base: DomainExpectation | undefined,
  head: DomainExpectation,
  fields: readonly Field[],
): Field[] {
  return fields.filter((f) => base === undefined || show(base, f) !== show(head, f));
}

function idProblem(base: DomainExpectation, head: DomainExpectation): PrProblem | null {
  const fields = changed(base, head, POLICY_FIELDS);
  if (fields.length === 0 || head.id !== base.id) return null;
  const what = fields.map((f) => `${f} (${show(base, f)} → ${show(head, f)})`).join(', ');
  const at = { domain: head.domain, line: head.line, column: head.column };
  if (head.id === undefined) {
    const message = `This pull request changes ${what} for ${head.domain}, and domains.yml does not pin its policy id: make sure the published _mta-sts id changes with the policy, or senders keep the cached one (RFC 8461 §3.1).`;
    return { code: 'pr-id-not-pinned', severity: 'warning', ...at, message };
  }
  const message = `This pull request changes ${what} for ${head.domain} but keeps id ${head.id}: senders that cached the old policy keep it until its max_age runs out (RFC 8461 §3.1). Publish the new policy with a new id and set that id here.`;
  return { code: 'pr-policy-without-new-id', severity: 'error', ...at, message };
}

function contradictions(
  base: DomainExpectation | undefined,
  head: DomainExpectation,
  report: DomainReport | undefined,
): PrProblem[] {
  const fields = changed(base, head, [...POLICY_FIELDS, 'id']);
  return fields.flatMap((field) => {
    const drift = report?.findings.find((f) => f.code === DRIFT_CODE[field]);
    if (drift === undefined) return [];
    const live = drift.observed === undefined ? 'something else' : drift.observed;
    const message = `This pull request expects ${field} ${show(head, field)} for ${head.domain}, but the live policy has ${live}: publish the change (policy first, then a new id) before merging, or senders and the nightly check disagree with domains.yml.`;
    return [
      {
        code: 'pr-contradicted' as const,
        severity: 'error' as const,
        domain: head.domain,
        line: head.line,
        column: head.column,
        message,
      },
    ];
  });
}

/**
 * Compare the pull request's expectations with the base branch's (`base` null: no usable base file, so every
 * domain is new) and with the live reports.
 */
export function comparePullRequest(
  base: readonly DomainExpectation[] | null,
  head: readonly DomainExpectation[],
  reports: readonly DomainReport[],
): PrProblem[] {
  const baseByDomain = new Map((base ?? []).map((e) => [e.domain, e]));
  const reportByDomain = new Map(reports.map((r) => [r.domain, r]));
  return head.flatMap((expectation) => {
    const before = baseByDomain.get(expectation.domain);
    const id = before === undefined ? null : idProblem(before, expectation);
    return [
      ...(id === null ? [] : [id]),
      ...contradictions(before, expectation, reportByDomain.get(expectation.domain)),
    ];
  });
}
