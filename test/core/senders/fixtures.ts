/**
 * Facts for the sender profile table tests: one domain, its MX hosts with an MTA-STS and a DANE outcome each,
 * the live policy mode and the policies senders still hold. Built directly, so each row states only its inputs.
 */
import type { CachedPolicy } from '../../../src/core/cached-policies.js';
import type { DaneVerdict } from '../../../src/core/dane-verdict.js';
import type { DnsSecurity } from '../../../src/core/dane.js';
import type { SenderFacts, SenderMx } from '../../../src/core/senders/types.js';
import type { MxTlsStatus, PolicyMode } from '../../../src/core/types.js';

export const MX1 = 'mx1.example.com';
export const MX2 = 'mx2.example.com';

/** MTA-STS outcome of a host: passes, not listed in the policy, a TLS fault, or not probed. */
export type Sts = 'pass' | 'unlisted' | 'bad-cert' | 'unprobed';
/** DANE outcome of a host, or `-` when DANE was not checked. */
export type Dane = DaneVerdict | '-';

const TLS: Record<Sts, MxTlsStatus> = {
  pass: 'ok',
  unlisted: 'ok',
  'bad-cert': 'cert-expired',
  unprobed: 'not-checked',
};

export interface HostSpec {
  readonly host?: string;
  readonly sts: Sts;
  readonly dane: Dane;
  /** Usable TLSA records (default: 1 for DANE verdicts that need them, else 0). */
  readonly usable?: number;
  readonly mxSecurity?: DnsSecurity;
  readonly addressSecurity?: DnsSecurity;
}

export function mx(spec: HostSpec): SenderMx {
  const host = spec.host ?? MX1;
  const tls = TLS[spec.sts];
  const tlsOk = tls === 'ok' ? true : tls === 'not-checked' ? null : false;
  const matched = spec.sts !== 'unlisted';
  const enforceOk = !matched || tlsOk === false ? false : tlsOk;
  const usable =
    spec.usable ?? (['dane-ok', 'dane-fail', 'unknown', 'no-starttls-with-tlsa'].includes(spec.dane) ? 1 : 0);
  const base = { host, matched, enforceOk, tls, tlsOk };
  if (spec.dane === '-') return base;
  return {
    ...base,
    dane: {
      verdict: spec.dane,
      usableTlsa: usable,
      reason: `DANE ${spec.dane} at ${host}`,
      mxSecurity: spec.mxSecurity ?? 'secure',
      addressSecurity: spec.addressSecurity ?? 'secure',
    },
  };
}

export function cachedPolicy(
  refuses: readonly string[],
  overrides: Partial<CachedPolicy> = {},
): CachedPolicy {
  return {
    id: 'old1',
    mode: 'enforce',
    mx: ['mx.old.example'],
    maxAge: 604_800,
    firstSeen: '2026-05-01T00:00:00.000Z',
    lastSeen: '2026-05-20T00:00:00.000Z',
    heldUntil: '2026-06-10T00:00:00.000Z',
    why: 'same-id-change',
    refuses,
    ...overrides,
  };
}

export interface FactsSpec {
  readonly mode?: PolicyMode | 'absent' | 'unknown';
  readonly hosts: readonly HostSpec[];
  readonly patterns?: readonly string[];
  readonly cached?: readonly CachedPolicy[] | null;
  readonly mxKnown?: boolean;
  readonly nullMx?: boolean;
}

export function facts(spec: FactsSpec): SenderFacts {
  const mode = spec.mode ?? 'enforce';
  const status = mode === 'absent' ? 'absent' : mode === 'unknown' ? 'unknown' : 'valid';
  const hosts = spec.hosts.map(mx);
  return {
    domain: 'example.com',
    policy: {
      status,
      mode: status === 'valid' ? (mode as PolicyMode) : null,
      // By default the policy lists every host that is not `unlisted`.
      mx: status === 'valid' ? (spec.patterns ?? hosts.filter((h) => h.matched).map((h) => h.host)) : [],
    },
    mxKnown: spec.mxKnown ?? true,
    nullMx: spec.nullMx ?? false,
    mx: hosts,
    daneChecked: spec.hosts.some((h) => h.dane !== '-'),
    cached: spec.cached === undefined ? [] : spec.cached,
  };
}
