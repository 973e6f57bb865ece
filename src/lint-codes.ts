/**
 * Codes that only `lint` reports, with the same shape as the findings catalogue. Every other lint code is a finding
 * code, reported with the severity and fix of the findings table (issue #11 item 12); README.md lists these.
 */
import { FINDING_CODES, isFindingCode } from './core/findings.js';
import type { Severity } from './core/types.js';

interface LintCodeInfo {
  readonly severity: Severity;
  readonly meaning: string;
  readonly fix: string;
}

export const LINT_CODES = {
  'sts-record-ignored': {
    severity: 'notice',
    meaning:
      'A TXT value does not begin with `v=STSv1`: senders discard it (RFC 8461 §3.1), so it is not counted.',
    fix: 'Nothing to change if the record is unrelated (SPF, a site verification); otherwise start it with `v=STSv1;`.',
  },
  'tlsrpt-record-ignored': {
    severity: 'notice',
    meaning:
      'A TXT value does not begin with exactly `v=TLSRPTv1;`: senders discard it (RFC 8460 §3), so it is not counted.',
    fix: 'Nothing to change if the record is unrelated; otherwise start it with exactly `v=TLSRPTv1;`.',
  },
  'txt-quoted': {
    severity: 'warning',
    meaning:
      'A TXT argument is still in the double quotes `dig` prints around each string, so it is linted with its quotes.',
    fix: 'Pass the text inside the quotes, with split strings joined without spaces, as the message shows it.',
  },
  'policy-mx-placeholder': {
    severity: 'warning',
    meaning:
      'An mx value looks like a template (mx1.example.com, mail.yourdomain.com, domain.tld): it covers none of your MX hosts.',
    fix: 'Replace the template value with the host names of your MX records.',
  },
} as const satisfies Record<string, LintCodeInfo>;

export type LintCode = keyof typeof LINT_CODES;

/** The severity and fix of any code lint reports: a lint-only code or a finding code. */
export function lintCodeInfo(code: string): LintCodeInfo | null {
  if (Object.hasOwn(LINT_CODES, code)) return LINT_CODES[code as LintCode];
  return isFindingCode(code) ? FINDING_CODES[code] : null;
}
