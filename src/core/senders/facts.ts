/**
 * The facts every profile reads, gathered from one domain's assessments (issue #7 item 6): the MTA-STS and DANE
 * verdict per MX host, the policy, and the policies senders still hold. Pure.
 */
import type { CachedPolicy } from '../cached-policies.js';
import type { DomainObservation, MxReport, MxTlsStatus, PolicySummary } from '../types.js';
import type { SenderFacts, SenderMx } from './types.js';

/** TLS outcomes with no verdict: the host was not reached, so its §4.2 checks are not known. */
const TLS_UNKNOWN: ReadonlySet<MxTlsStatus> = new Set<MxTlsStatus>(['unreachable', 'not-checked']);

function tlsOk(status: MxTlsStatus): boolean | null {
  if (status === 'ok') return true;
  return TLS_UNKNOWN.has(status) ? null : false;
}

function senderMx(obs: DomainObservation, report: MxReport): SenderMx {
  const base = {
    host: report.host,
    matched: report.matched,
    enforceOk: report.enforceOk,
    tls: report.tls,
    tlsOk: tlsOk(report.tls),
  };
  const observed = obs.mxHosts[report.host]?.dane;
  if (report.dane === undefined || observed === undefined || obs.mxDnssec === undefined) return base;
  return {
    ...base,
    dane: {
      verdict: report.dane.verdict,
      usableTlsa: report.dane.usableTlsa,
      reason: report.dane.reason,
      mxSecurity: obs.mxDnssec.security,
      addressSecurity: observed.addressSecurity,
    },
  };
}

export interface FactsInput {
  readonly obs: DomainObservation;
  readonly policy: PolicySummary;
  readonly mx: { readonly known: boolean; readonly nullMx: boolean };
  /** The MX reports with their `dane` objects (src/core/assess-dane.ts). */
  readonly reports: readonly MxReport[];
  /** null when no state is kept. */
  readonly cached: readonly CachedPolicy[] | null;
}

export function senderFacts(input: FactsInput): SenderFacts {
  const { obs, policy, mx, reports, cached } = input;
  return {
    domain: obs.domain,
    policy: { status: policy.status, mode: policy.mode, mx: policy.mx },
    mxKnown: mx.known,
    nullMx: mx.nullMx,
    mx: reports.map((r) => senderMx(obs, r)),
    daneChecked: obs.mxDnssec !== undefined,
    cached,
  };
}
