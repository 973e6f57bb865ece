/**
 * Offline validation before publishing: a policy file, `_mta-sts` TXT values, TLS-RPT TXT values.
 * Each TXT argument is one record at that name, so the RFC's "exactly one" rule applies across them.
 */
import { findMatchingPattern, normalizeHost } from './core/mx-pattern.js';
import { parsePolicy } from './core/policy.js';
import type { Problem } from './core/problems.js';
import { parseStsRecord, selectStsRecords } from './core/sts-record.js';
import { parseTlsRptRecord, selectTlsRptRecords } from './core/tlsrpt-record.js';

export interface LintResult {
  readonly valid: boolean;
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  readonly notices: readonly Problem[];
  readonly policy?: { version: string; mode: string; maxAge: number; mx: readonly string[] };
  readonly id?: string;
  readonly rua?: readonly string[];
  readonly mx?: readonly { host: string; matched: boolean; pattern: string | null }[];
}

function result(
  errors: Problem[],
  warnings: Problem[],
  notices: Problem[],
  extra: Partial<LintResult>,
): LintResult {
  return { valid: errors.length === 0, errors, warnings, notices, ...extra };
}

/** Lint a policy body; each `--mx` host must match one of its patterns (RFC 8461 §4.1). */
export function lintPolicy(body: string, mxHosts: readonly string[]): LintResult {
  const parsed = parsePolicy(body);
  const errors = [...parsed.errors];
  const extra: { policy?: NonNullable<LintResult['policy']>; mx?: NonNullable<LintResult['mx']> } = {};
  if (parsed.value !== null) {
    const { version, mode, maxAge, mx } = parsed.value;
    extra.policy = { version, mode, maxAge, mx };
    extra.mx = mxHosts.map((raw) => {
      const host = normalizeHost(raw);
      const pattern = findMatchingPattern(mx, host);
      if (pattern === null && mode !== 'none') {
        errors.push({
          code: 'mx-not-covered',
          message: `MX host ${host} matches no mx pattern (${mx.join(', ')}); enforcing senders would refuse it.`,
        });
      }
      return { host, matched: pattern !== null, pattern };
    });
  }
  return result(errors, [...parsed.warnings], [...parsed.notices], extra);
}

/** Lint the TXT records that would be published at `_mta-sts.<domain>`. */
export function lintStsRecords(records: readonly string[]): LintResult {
  const selected = selectStsRecords(records);
  const ignored = records.length - selected.length;
  const notices: Problem[] =
    ignored > 0
      ? [
          {
            code: 'sts-record-ignored',
            message: `${ignored} record(s) not beginning with "v=STSv1" are ignored by senders.`,
          },
        ]
      : [];
  if (selected.length !== 1) {
    const error =
      selected.length === 0
        ? { code: 'sts-record-missing', message: 'No record begins with "v=STSv1".' }
        : {
            code: 'sts-record-multiple',
            message: `${selected.length} records begin with "v=STSv1"; senders ignore them all.`,
          };
    return result([error], [], notices, {});
  }
  const parsed = parseStsRecord(selected[0] ?? '');
  return result(
    [...parsed.errors],
    [...parsed.warnings],
    notices,
    parsed.value ? { id: parsed.value.id } : {},
  );
}

/** Lint the TXT records that would be published at `_smtp._tls.<domain>`. */
export function lintTlsRptRecords(records: readonly string[]): LintResult {
  const selected = selectTlsRptRecords(records);
  if (selected.length !== 1) {
    const error =
      selected.length === 0
        ? { code: 'tlsrpt-missing', message: 'No record begins with "v=TLSRPTv1".' }
        : {
            code: 'tlsrpt-multiple',
            message: `${selected.length} records begin with "v=TLSRPTv1"; senders ignore them all.`,
          };
    return result([error], [], [], {});
  }
  const parsed = parseTlsRptRecord(selected[0] ?? '');
  return result([...parsed.errors], [...parsed.warnings], [], parsed.value ? { rua: parsed.value.rua } : {});
}

/** Plain-text rendering of a lint result. */
export function renderLint(what: string, lint: LintResult): string {
  const lines = [`${what}: ${lint.valid ? 'valid' : 'INVALID'}`];
  for (const [label, list] of [
    ['error', lint.errors],
    ['warning', lint.warnings],
    ['notice', lint.notices],
  ] as const) {
    for (const p of list) lines.push(`  ${label.padEnd(7)} ${p.code}: ${p.message}`);
  }
  if (lint.policy)
    lines.push(`  mode ${lint.policy.mode}, max_age ${lint.policy.maxAge}, mx ${lint.policy.mx.join(', ')}`);
  for (const m of lint.mx ?? [])
    lines.push(`  mx ${m.host}: ${m.matched ? `matches ${m.pattern ?? ''}` : 'NOT covered'}`);
  if (lint.id !== undefined) lines.push(`  id ${lint.id}`);
  if (lint.rua !== undefined) lines.push(`  rua ${lint.rua.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
