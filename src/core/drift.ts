/** The live policy against what domains.yml commits to (mode, mx set, max_age, id). */
import { sameSet } from './assess-tlsrpt.js';
import { makeFinding } from './findings.js';
import type { Policy } from './policy.js';
import type { StsRecord } from './sts-record.js';
import type { DomainExpectation, Finding } from './types.js';

/** Compare only what is both expected and observed; a missing or invalid policy is reported elsewhere. */
export function compareExpectations(
  expect: DomainExpectation,
  record: StsRecord | null,
  policy: Policy | null,
): Finding[] {
  const d = expect.domain;
  const findings: Finding[] = [];
  if (record !== null && expect.id !== undefined && record.id !== expect.id) {
    findings.push(
      makeFinding(
        'drift-id',
        d,
        `_mta-sts.${d} publishes id ${record.id}, but domains.yml expects ${expect.id}.`,
        { expected: expect.id, observed: record.id },
      ),
    );
  }
  if (policy === null) return findings;
  if (expect.mode !== undefined && policy.mode !== expect.mode) {
    findings.push(
      makeFinding(
        'drift-mode',
        d,
        `The policy is in mode ${policy.mode}, but domains.yml expects ${expect.mode}.`,
        { expected: expect.mode, observed: policy.mode },
      ),
    );
  }
  if (expect.mx !== undefined && !sameSet(expect.mx, policy.mx)) {
    const missing = expect.mx.filter((p) => !policy.mx.includes(p));
    const extra = policy.mx.filter((p) => !expect.mx?.includes(p));
    const parts = [
      missing.length > 0 ? `lacks ${missing.join(', ')}` : '',
      extra.length > 0 ? `also lists ${extra.join(', ')}` : '',
    ];
    const message = `The policy mx list ${parts.filter(Boolean).join(' and ')} compared with domains.yml.`;
    findings.push(
      makeFinding('drift-mx', d, message, {
        expected: [...expect.mx].sort().join(', '),
        observed: [...policy.mx].sort().join(', '),
      }),
    );
  }
  const maxAge = expect.maxAge;
  if (maxAge !== undefined) {
    if ('exact' in maxAge && policy.maxAge !== maxAge.exact) {
      findings.push(
        makeFinding(
          'drift-max-age',
          d,
          `The policy max_age is ${policy.maxAge}, but domains.yml expects ${maxAge.exact}.`,
          { expected: String(maxAge.exact), observed: String(policy.maxAge) },
        ),
      );
    } else if ('min' in maxAge && policy.maxAge < maxAge.min) {
      findings.push(
        makeFinding(
          'drift-max-age',
          d,
          `The policy max_age is ${policy.maxAge}, below the minimum of ${maxAge.min} in domains.yml.`,
          { expected: `at least ${maxAge.min}`, observed: String(policy.maxAge) },
        ),
      );
    }
  }
  return findings;
}
