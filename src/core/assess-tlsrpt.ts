/** The TLS-RPT record at `_smtp._tls.<domain>` (RFC 8460 §3), against what domains.yml expects. */
import { type FindingCode, makeFinding } from './findings.js';
import { quote } from './problems.js';
import { nearTlsRptRecords, parseTlsRptRecord, selectTlsRptRecords } from './tlsrpt-record.js';
import type { DomainExpectation, DomainObservation, Finding } from './types.js';

/** Returns the findings and the rua URIs published (null when none could be read). */
export function assessTlsRpt(
  obs: DomainObservation,
  expect: DomainExpectation,
): { findings: Finding[]; rua: string[] | null } {
  const d = obs.domain;
  const name = `_smtp._tls.${d}`;
  const required = expect.tlsrpt?.required === true;
  const severity = required ? ('error' as const) : undefined;
  const findings: Finding[] = [];
  if (obs.tlsrptTxt.status === 'unknown') {
    findings.push(
      makeFinding('tlsrpt-unknown', d, `The TXT lookup of ${name} failed (${obs.tlsrptTxt.reason}).`),
    );
    return { findings, rua: null };
  }
  const records = obs.tlsrptTxt.status === 'ok' ? selectTlsRptRecords(obs.tlsrptTxt.value) : [];
  if (records.length === 0) {
    if (expect.tlsrpt?.required !== false) {
      const near = obs.tlsrptTxt.status === 'ok' ? nearTlsRptRecords(obs.tlsrptTxt.value) : [];
      const hint =
        near.length === 0
          ? ''
          : ` Senders discard ${near.map((r) => quote(r)).join(', ')}: a record must begin with exactly "v=TLSRPTv1;" (RFC 8460 §3).`;
      const message = `${name} has no "v=TLSRPTv1;" record, so nobody receives reports of failed TLS deliveries.${hint}`;
      findings.push(makeFinding('tlsrpt-missing', d, message, required ? { severity: 'error' } : {}));
    }
    return { findings, rua: null };
  }
  if (records.length > 1) {
    const message = `${name} has ${records.length} "v=TLSRPTv1" records; senders ignore them all (RFC 8460 §3).`;
    findings.push(
      makeFinding('tlsrpt-multiple', d, message, {
        observed: records.map((r) => quote(r)).join(', '),
        ...(severity ? { severity } : {}),
      }),
    );
    return { findings, rua: null };
  }
  const parsed = parseTlsRptRecord(records[0] ?? '');
  for (const p of [...parsed.errors, ...parsed.warnings]) {
    findings.push(
      makeFinding(p.code as FindingCode, d, `${name}: ${p.message}`, severity ? { severity } : {}),
    );
  }
  if (parsed.value === null) return { findings, rua: null };
  const expected = expect.tlsrpt?.rua;
  if (expected !== undefined && !sameSet(expected, parsed.value.rua)) {
    const message = `${name} sends reports to ${parsed.value.rua.join(', ')}, but domains.yml expects ${expected.join(', ')}.`;
    findings.push(
      makeFinding('drift-tlsrpt', d, message, {
        expected: expected.join(', '),
        observed: parsed.value.rua.join(', '),
      }),
    );
  }
  return { findings, rua: [...parsed.value.rua] };
}

/** Order-insensitive equality of two string lists, ignoring duplicates. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
