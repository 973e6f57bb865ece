/**
 * From the `_mta-sts` TXT answer and the HTTPS fetches to the policy a sender would use (RFC 8461 §3.1, §3.3).
 */
import { createHash } from 'node:crypto';
import { type FindingCode, makeFinding } from './findings.js';
import { judgePolicyAddresses, judgePolicyFetch } from './judge-policy-fetch.js';
import { parsePolicy, type Policy } from './policy.js';
import type { Problem } from './problems.js';
import { quote } from './problems.js';
import { parseStsRecord, selectStsRecords, type StsRecord } from './sts-record.js';
import type { DomainObservation, Finding, PolicyFetch, PolicySummary } from './types.js';

export interface PolicyAssessment {
  readonly summary: PolicySummary;
  readonly record: StsRecord | null;
  /** The policy a sender would obtain now, when the TXT record is valid and the fetch succeeds. */
  readonly policy: Policy | null;
  /** A hash of the policy's meaning (mode, max_age, mx set), for the id-freshness check; null when unsure. */
  readonly policyHash: string | null;
  readonly findings: readonly Finding[];
}

function problemFindings(domain: string, problems: readonly Problem[], host?: string): Finding[] {
  return problems.map((p) =>
    makeFinding(p.code as FindingCode, domain, p.message, host === undefined ? {} : { host }),
  );
}

/** RFC 8461 §3.1: exactly one `v=STSv1` record, and it must parse. */
function assessRecord(
  obs: DomainObservation,
  out: Finding[],
): { record: StsRecord | null; state: PolicySummary['status'] | null } {
  const d = obs.domain;
  const name = `_mta-sts.${d}`;
  if (obs.stsTxt.status === 'unknown') {
    out.push(
      makeFinding('sts-record-unknown', d, `The TXT lookup of ${name} failed (${obs.stsTxt.reason}).`),
    );
    return { record: null, state: 'unknown' };
  }
  const records = obs.stsTxt.status === 'ok' ? selectStsRecords(obs.stsTxt.value) : [];
  if (records.length === 0) return { record: null, state: 'absent' };
  if (records.length > 1) {
    const observed = records.map((r) => quote(r)).join(', ');
    out.push(
      makeFinding(
        'sts-record-multiple',
        d,
        `${name} has ${records.length} "v=STSv1" records, so senders ignore them all (RFC 8461 §3.1).`,
        { observed },
      ),
    );
    return { record: null, state: 'invalid' };
  }
  const parsed = parseStsRecord(records[0] ?? '');
  out.push(...problemFindings(d, [...parsed.errors, ...parsed.warnings], name));
  return parsed.value === null ? { record: null, state: 'invalid' } : { record: parsed.value, state: null };
}

/** A hash of what senders act on; formatting changes alone are not a new policy. */
export function hashPolicy(policy: Policy): string {
  const canonical = JSON.stringify([policy.mode, policy.maxAge, [...policy.mx].sort()]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Gather the policy a sender would obtain, with every finding on the way. */
export function assessPolicy(obs: DomainObservation, now: Date, certWarningDays: number): PolicyAssessment {
  const d = obs.domain;
  const findings: Finding[] = [];
  const { record, state: recordState } = assessRecord(obs, findings);
  const host = obs.policyHost.host;
  const empty = { record, policy: null, policyHash: null };
  const summary = (status: PolicySummary['status'], policy: Policy | null = null): PolicySummary => ({
    status,
    id: record?.id ?? null,
    mode: policy?.mode ?? null,
    maxAge: policy?.maxAge ?? null,
    mx: policy?.mx ?? [],
    certificate: policyCertificate(obs.policyHost.fetches),
  });

  const addresses = obs.policyHost.addresses;
  // No record: senders do not use MTA-STS, whether or not mta-sts.<domain> resolves (RFC 8461 §3.1).
  if (recordState === 'absent' && addresses.status !== 'ok')
    return assessWithoutRecord(obs, [], findings, summary);
  if (addresses.status === 'unknown') {
    if (recordState === null)
      findings.push(
        makeFinding('policy-host-unknown', d, `The address lookup of ${host} failed (${addresses.reason}).`, {
          host,
        }),
      );
    return { ...empty, summary: summary(recordState ?? 'unknown'), findings };
  }
  if (addresses.status === 'absent') {
    if (recordState === null)
      findings.push(
        makeFinding(
          'policy-host-missing',
          d,
          `${host} has no A or AAAA record, so senders cannot fetch the policy.`,
          { host },
        ),
      );
    return { ...empty, summary: summary(recordState ?? 'unreachable'), findings };
  }
  const fetchFindings: Finding[] = [];
  const ctx = { domain: d, host, now, warningDays: certWarningDays };
  const bodies = obs.policyHost.fetches.map((f) => judgePolicyFetch(ctx, f, fetchFindings));
  const served = bodies.filter((b): b is string => b !== null);
  // Without a TXT record senders never fetch; a policy still served there matters only to caches (§8.3).
  if (recordState === 'absent') return assessWithoutRecord(obs, served, findings, summary);
  findings.push(...fetchFindings);
  judgePolicyAddresses(ctx, addresses, findings);
  if (recordState !== null) return { ...empty, summary: summary(recordState), findings };
  const first = served[0];
  if (first === undefined) {
    const onlyUnknown = fetchFindings.every((f) => f.unknown === true);
    return { ...empty, summary: summary(onlyUnknown ? 'unknown' : 'unreachable'), findings };
  }
  const distinct = new Set(served);
  if (distinct.size > 1) {
    findings.push(
      makeFinding(
        'policy-addresses-differ',
        d,
        `The addresses of ${host} serve ${distinct.size} different policy bodies; senders get whichever address they reach.`,
        { host },
      ),
    );
  }
  const parsed = parsePolicy(first);
  findings.push(...problemFindings(d, [...parsed.errors, ...parsed.warnings, ...parsed.notices], host));
  if (parsed.value === null) return { ...empty, summary: summary('invalid'), findings };
  const policyHash = distinct.size > 1 ? null : hashPolicy(parsed.value);
  return { record, policy: parsed.value, policyHash, summary: summary('valid', parsed.value), findings };
}

function assessWithoutRecord(
  obs: DomainObservation,
  served: readonly string[],
  findings: Finding[],
  summary: (status: PolicySummary['status']) => PolicySummary,
): PolicyAssessment {
  const d = obs.domain;
  findings.push(
    makeFinding(
      'sts-record-missing',
      d,
      `_mta-sts.${d} has no "v=STSv1" TXT record, so senders do not use MTA-STS for ${d}.`,
    ),
  );
  const still = served.map((body) => parsePolicy(body).value).find((p) => p !== null && p.mode !== 'none');
  if (still !== undefined && still !== null) {
    findings.push(
      makeFinding(
        'policy-without-record',
        d,
        `${obs.policyHost.host} still serves a policy in mode ${still.mode}; senders that cached it keep applying it for up to ${still.maxAge} s.`,
      ),
    );
  }
  return { record: null, policy: null, policyHash: null, summary: summary('absent'), findings };
}

/** The first certificate seen on the policy host, for the report; faults are findings, not this. */
function policyCertificate(fetches: readonly PolicyFetch[]): PolicySummary['certificate'] {
  for (const fetch of fetches) {
    const cert = fetch.outcome === 'response' ? fetch.tls.certificate : null;
    if (cert !== null) return { names: cert.dnsNames, issuer: cert.issuer, notAfter: cert.notAfter };
  }
  return null;
}
