/**
 * Offline validation before publishing: a policy file, `_mta-sts` TXT values, TLS-RPT TXT values.
 * Each TXT argument is one record at that name, so the RFC's "exactly one" rule applies across them.
 *
 * Severities and fixes are those of the findings table (issue #11 item 12); `valid` says whether senders would
 * accept what was linted at all, which is what the exit status reports.
 */
import { lintCodeInfo } from './lint-codes.js';
import { stripControl } from './report/sanitize.js';
import { findMatchingPattern, normalizeHost } from './core/mx-pattern.js';
import { parsePolicy } from './core/policy.js';
import { classifyMxValue } from './core/policy-mx.js';
import { type Problem, quote } from './core/problems.js';
import { parseStsRecord, selectStsRecords } from './core/sts-record.js';
import { parseTlsRptRecord, selectTlsRptRecords } from './core/tlsrpt-record.js';
import type { Severity } from './core/types.js';

/** One problem, where it is and how to fix it. */
export interface LintProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
  /** For `lint sts-record` and `lint tlsrpt-record`: which TXT argument (1-based). */
  readonly record?: number;
  /** 1-based; whole-file or whole-record problems point at line 1, column 1. */
  readonly line: number;
  readonly column: number;
}

export interface LintResult {
  readonly valid: boolean;
  readonly errors: readonly LintProblem[];
  readonly warnings: readonly LintProblem[];
  readonly notices: readonly LintProblem[];
  readonly policy?: { version: string; mode: string; maxAge: number; mx: readonly string[] };
  readonly id?: string;
  readonly rua?: readonly string[];
  readonly mx?: readonly { host: string; matched: boolean; pattern: string | null }[];
}

/** Gathers problems with the catalogue's severity; `reject` marks what makes senders refuse the input. */
class Collector {
  readonly problems: LintProblem[] = [];
  valid = true;

  add(problem: Problem, parserSeverity: Severity, record?: number): void {
    const info = lintCodeInfo(problem.code);
    this.problems.push({
      code: problem.code,
      severity: info?.severity ?? parserSeverity,
      message: problem.message,
      fix: info?.fix ?? '',
      ...(record === undefined ? {} : { record }),
      line: problem.line ?? 1,
      column: problem.column ?? 1,
    });
  }

  reject(problem: Problem, record?: number): void {
    this.valid = false;
    this.add(problem, 'error', record);
  }

  result(extra: Partial<LintResult>): LintResult {
    const of = (severity: Severity): LintProblem[] => this.problems.filter((p) => p.severity === severity);
    return {
      valid: this.valid,
      errors: of('error'),
      warnings: of('warning'),
      notices: of('notice'),
      ...extra,
    };
  }
}

/** Why an `--mx` argument is not an MX host name, or null when it is one (RFC 5321 Domain, one final dot allowed). */
export function mxHostError(raw: string): string | null {
  const host = raw.trim().replace(/\.$/, '');
  if (host.includes(',') || /\s/.test(host)) return 'is not one host name; repeat --mx once per MX host';
  if (host.startsWith('*')) return 'is a pattern; --mx takes the host name of an MX record';
  const verdict = classifyMxValue(host);
  if (verdict.kind !== 'pattern')
    return 'is not a host name (letters, digits and hyphens in dot-separated labels, no IP address)';
  return null;
}

/** Lint a policy body; each `--mx` host must match one of its patterns (RFC 8461 §4.1). */
export function lintPolicy(body: string, mxHosts: readonly string[]): LintResult {
  const parsed = parsePolicy(body, { placeholders: true });
  const out = new Collector();
  parsed.errors.forEach((p) => {
    out.reject(p);
  });
  parsed.warnings.forEach((p) => {
    out.add(p, 'warning');
  });
  parsed.notices.forEach((p) => {
    out.add(p, 'notice');
  });
  if (parsed.value === null) return out.result({});
  const { version, mode, maxAge, mx } = parsed.value;
  const matches = mxHosts.map((raw) => {
    const host = normalizeHost(raw);
    const pattern = findMatchingPattern(mx, host);
    if (pattern === null && mode !== 'none') {
      out.reject({
        code: 'mx-not-covered',
        message: `MX host ${host} matches no mx pattern (${mx.join(', ')}); enforcing senders would refuse it.`,
      });
    }
    return { host, matched: pattern !== null, pattern };
  });
  return out.result({ policy: { version, mode, maxAge, mx }, mx: matches });
}

/**
 * `dig` prints a TXT record as quoted strings (`"v=STSv1; id=1"`, or `"a" "b"` when split): the value is the text
 * inside, joined without spaces (RFC 8461 §3.1). Returns that text when the argument still has its quotes.
 */
export function unquoteDigTxt(arg: string): string | null {
  const strings = /^\s*(?:"(?:[^"\\]|\\.)*"\s*)+$/.test(arg) ? arg.match(/"(?:[^"\\]|\\.)*"/g) : null;
  if (strings === null) return null;
  return strings.map((s) => s.slice(1, -1).replace(/\\(.)/g, '$1')).join('');
}

function hintQuoted(records: readonly string[], out: Collector): void {
  records.forEach((arg, index) => {
    const inner = unquoteDigTxt(arg);
    if (inner === null) return;
    out.add(
      {
        code: 'txt-quoted',
        message: `Argument ${index + 1} is still in quotes, the way dig prints it; the record is the text inside them: ${quote(inner, 200)}.`,
      },
      'warning',
      index + 1,
    );
  });
}

interface RecordKind {
  readonly prefix: string;
  readonly select: (txt: readonly string[]) => string[];
  readonly ignored: string;
  readonly missing: string;
  readonly multiple: string;
}

/** The RFC's "exactly one record" rule across the arguments; returns the argument number of the one record. */
function selectOne(records: readonly string[], kind: RecordKind, out: Collector): number | null {
  hintQuoted(records, out);
  const kept = new Set(kind.select(records));
  const chosen = records.map((r, i) => (kept.has(r) ? i + 1 : 0)).filter((n) => n > 0);
  records.forEach((record, index) => {
    if (kept.has(record)) return;
    out.add(
      {
        code: kind.ignored,
        message: `Argument ${index + 1} does not begin with ${quote(kind.prefix)}, so senders discard it: ${quote(record)}.`,
      },
      'notice',
      index + 1,
    );
  });
  if (chosen.length === 1) return chosen[0] ?? null;
  if (chosen.length === 0) {
    out.reject({ code: kind.missing, message: `No record begins with ${quote(kind.prefix)}.` }, 1);
  } else {
    out.reject(
      {
        code: kind.multiple,
        message: `${chosen.length} records begin with ${quote(kind.prefix)}; senders ignore them all.`,
      },
      chosen[1],
    );
  }
  return null;
}

const STS: RecordKind = {
  prefix: 'v=STSv1',
  select: selectStsRecords,
  ignored: 'sts-record-ignored',
  missing: 'sts-record-missing',
  multiple: 'sts-record-multiple',
};

const TLSRPT: RecordKind = {
  prefix: 'v=TLSRPTv1;',
  select: selectTlsRptRecords,
  ignored: 'tlsrpt-record-ignored',
  missing: 'tlsrpt-missing',
  multiple: 'tlsrpt-multiple',
};

/** Lint the TXT records that would be published at `_mta-sts.<domain>`. */
export function lintStsRecords(records: readonly string[]): LintResult {
  const out = new Collector();
  const n = selectOne(records, STS, out);
  if (n === null) return out.result({});
  const parsed = parseStsRecord(records[n - 1] ?? '');
  parsed.errors.forEach((p) => {
    out.reject(p, n);
  });
  parsed.warnings.forEach((p) => {
    out.add(p, 'warning', n);
  });
  return out.result(parsed.value ? { id: parsed.value.id } : {});
}

/** Lint the TXT records that would be published at `_smtp._tls.<domain>`. */
export function lintTlsRptRecords(records: readonly string[]): LintResult {
  const out = new Collector();
  const n = selectOne(records, TLSRPT, out);
  if (n === null) return out.result({});
  const parsed = parseTlsRptRecord(records[n - 1] ?? '');
  parsed.errors.forEach((p) => {
    out.reject(p, n);
  });
  parsed.warnings.forEach((p) => {
    out.add(p, 'warning', n);
  });
  return out.result(parsed.value ? { rua: parsed.value.rua } : {});
}

/** `FILE:LINE:COL`; a TXT argument is named `argN`. */
function where(file: string, p: LintProblem): string {
  return `${p.record === undefined ? file : `arg${p.record}`}:${p.line}:${p.column}`;
}

/**
 * Plain-text rendering: one line per problem, in source order, as `FILE:LINE:COL: severity code: message` followed
 * by the fix, then the verdict and the values read.
 */
export function renderLint(file: string, lint: LintResult): string {
  const all = [...lint.errors, ...lint.warnings, ...lint.notices].sort(
    (a, b) => (a.record ?? 0) - (b.record ?? 0) || a.line - b.line || a.column - b.column,
  );
  const lines = all.map(
    (p) => `${where(file, p)}: ${p.severity} ${p.code}: ${p.message}${p.fix === '' ? '' : ` Fix: ${p.fix}`}`,
  );
  lines.push(`${file}: ${lint.valid ? 'valid' : 'INVALID'}`);
  if (lint.policy)
    lines.push(`  mode ${lint.policy.mode}, max_age ${lint.policy.maxAge}, mx ${lint.policy.mx.join(', ')}`);
  for (const m of lint.mx ?? [])
    lines.push(`  mx ${m.host}: ${m.matched ? `matches ${m.pattern ?? ''}` : 'NOT covered'}`);
  if (lint.id !== undefined) lines.push(`  id ${lint.id}`);
  if (lint.rua !== undefined) lines.push(`  rua ${lint.rua.join(', ')}`);
  // The values linted are often pasted from dig: remote text, made inert for the terminal.
  return `${lines.map((line) => stripControl(line)).join('\n')}\n`;
}
