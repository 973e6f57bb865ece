/**
 * The scenario table of the end-to-end suite (issue #4): one object per recipient domain `<id>.e2e.test`.
 *
 * Each scenario says what the small internet publishes for the domain (TXT records, policy host, MX hosts and their
 * certificates) and what must happen: whether the real enforcing sender (Postfix + postfix-mta-sts-resolver)
 * delivers, and the RFC 8461 `bounces` verdict the engine must give. The two agree unless the scenario names a
 * `divergence`: a case where Postfix with the resolver departs from RFC 8461. The engine follows the RFC there, and
 * the reason is recorded in test/e2e/README.md (a test checks that the README lists every divergence).
 *
 * Names in policy bodies and TXT records may use `{d}`, replaced with the scenario's domain.
 */
import type { MxTlsStatus, PolicySummary } from '../../src/core/types.js';
import type { CertFault } from './world/certs.js';

export const ZONE = 'e2e.test';

/** What an MX host offers on port 25: STARTTLS with a certificate that has a fault (or none), or no STARTTLS. */
export type MxTls = CertFault | 'no-starttls' | { readonly names: readonly string[] };

export interface MxSpec {
  /** Relative to the domain (`mx1` is `mx1.<domain>`); `@` is the domain itself. */
  readonly host: string;
  readonly preference?: number;
  readonly tls: MxTls;
}

/** How the policy host answers `GET /.well-known/mta-sts.txt`. */
export type PolicyServing =
  'text/plain' | 'text/plain; charset=utf-8' | 'text/html' | 'redirect' | 'not-found';

export interface PolicySpec {
  /** The policy body (with `{d}`); served as is, or behind a redirect. */
  readonly body: string;
  readonly serve?: PolicyServing;
  /** The policy host's certificate, for `mta-sts.<domain>`. */
  readonly cert?: CertFault;
}

/** The engine's JSON contract, imported so the suite cannot drift from it. */
export type PolicyStatus = PolicySummary['status'];
export type { MxTlsStatus };

export interface Expectation {
  /** What Postfix + postfix-mta-sts-resolver did with one message. */
  readonly sender: 'delivered' | 'deferred';
  /** The RFC 8461 verdict: enforcing senders will not deliver. */
  readonly bounces: boolean;
  readonly bouncesIfEnforced?: boolean;
  /** Acceptable `policy.status` values. */
  readonly policy?: readonly PolicyStatus[];
  /** Per MX host (relative name): acceptable `tls` values. */
  readonly mxTls?: Readonly<Record<string, readonly MxTlsStatus[]>>;
  /** Per MX host (relative name): whether it matches the live policy. */
  readonly matched?: Readonly<Record<string, boolean>>;
  /** Acceptable domain `status` values (a healthy domain must not be flagged). */
  readonly status?: readonly ('ok' | 'warning' | 'error' | 'unknown')[];
  /** Finding codes that must be reported for the domain (README.md lists them). */
  readonly findings?: readonly string[];
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** `_mta-sts` TXT records, each a list of character-strings; `[]` publishes none. */
  readonly sts: readonly (readonly string[])[];
  /** Publish `_mta-sts.<domain>` as a CNAME to this absolute name instead of TXT records (RFC 8461 §8.2). */
  readonly stsCname?: string;
  /** `_smtp._tls` TXT records; defaults to one valid record. */
  readonly tlsrpt?: readonly (readonly string[])[];
  /** The policy host `mta-sts.<domain>`; null: no such host. */
  readonly policy: PolicySpec | null;
  readonly mx: readonly MxSpec[];
  /** False: publish no MX records, so the domain itself is the MX (RFC 5321 §5.1); use host `@`. */
  readonly publishMx?: boolean;
  readonly expect: Expectation;
  /** Why Postfix + the resolver depart from RFC 8461 here (the sender outcome is then the opposite of `bounces`). */
  readonly divergence?: string;
  /**
   * Phase 2 of the id-freshness scenario: what is published after phase 1 (the sender's cache is kept). Fields
   * left out stay as in phase 1.
   */
  readonly phase2?: {
    /** The new policy body; null: the file is deleted (the policy host answers 404); absent: unchanged. */
    readonly policy?: PolicySpec | null;
    /** The `_mta-sts` TXT records of phase 2 (`[]`: removed); absent: unchanged. */
    readonly sts?: readonly (readonly string[])[];
    readonly mx: readonly MxSpec[];
    readonly expect: Expectation & { readonly findings: readonly string[] };
    /** After the sender's cache is dropped (resolver restarted), the live policy applies again. */
    readonly afterCacheFlush: 'delivered' | 'deferred';
  };
}

/** One valid `_mta-sts` record. */
export const sts = (id = 'e2e1'): string[][] => [[`v=STSv1; id=${id}`]];

/** A policy body; `mx` patterns may use `{d}`. */
export function policy(
  mode: 'enforce' | 'testing' | 'none',
  mx: readonly string[],
  maxAge = 86400,
  eol = '\n',
): string {
  return ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join(
    eol,
  );
}

const enforce = (...mx: string[]) => policy('enforce', mx);

/** An MX whose certificate has expired: if a sender applies the enforce policy, mail is deferred. */
const TRAP_MX: MxSpec[] = [{ host: 'mx1', tls: 'expired' }];

const healthyMx: MxSpec[] = [{ host: 'mx1', tls: 'valid' }];

/** Scenarios whose policy must not reach the sender: the MX is a trap, so delivery proves the policy was ignored. */
function policyFault(
  id: string,
  title: string,
  spec: Partial<PolicySpec>,
  statuses: PolicyStatus[],
  code: string,
): Scenario {
  return {
    id,
    title,
    sts: sts(),
    policy: { body: enforce('mx1.{d}'), ...spec },
    mx: TRAP_MX,
    expect: { sender: 'delivered', bounces: false, policy: statuses, findings: [code] },
  };
}

function mxFault(id: string, title: string, tls: MxTls, statuses: MxTlsStatus[], code: string): Scenario {
  return {
    id,
    title,
    sts: sts(),
    policy: { body: enforce('mx1.{d}') },
    mx: [{ host: 'mx1', tls }],
    expect: {
      sender: 'deferred',
      bounces: true,
      policy: ['valid'],
      mxTls: { mx1: statuses },
      matched: { mx1: true },
      findings: [code, 'mail-bounces'],
    },
  };
}

export const SCENARIOS: readonly Scenario[] = [
  // --- healthy and MX matching (RFC 8461 §4.1) ---
  {
    id: 'healthy',
    title: 'enforce, one MX listed by name, valid certificates',
    sts: sts(),
    policy: { body: enforce('mx1.{d}') },
    mx: healthyMx,
    expect: {
      sender: 'delivered',
      bounces: false,
      status: ['ok'],
      policy: ['valid'],
      mxTls: { mx1: ['ok'] },
      matched: { mx1: true },
    },
  },
  {
    id: 'healthy-crlf-charset',
    title: 'CRLF policy served as text/plain; charset=utf-8, upper-case MX pattern',
    sts: sts(),
    policy: { body: policy('enforce', ['MX1.{d}'], 604800, '\r\n'), serve: 'text/plain; charset=utf-8' },
    mx: healthyMx,
    expect: {
      sender: 'delivered',
      bounces: false,
      status: ['ok'],
      policy: ['valid'],
      matched: { mx1: true },
    },
  },
  {
    id: 'mx-not-covered',
    title: 'enforce, the MX host is not in the policy',
    sts: sts(),
    policy: { body: enforce('mail.{d}') },
    mx: healthyMx,
    expect: {
      sender: 'deferred',
      bounces: true,
      policy: ['valid'],
      matched: { mx1: false },
      findings: ['mx-not-covered', 'mail-bounces'],
    },
  },
  {
    id: 'wildcard-one-label',
    title: '`*.{d}` covers mx1.{d} (one label)',
    sts: sts(),
    policy: { body: enforce('*.{d}') },
    mx: healthyMx,
    expect: {
      sender: 'delivered',
      bounces: false,
      status: ['ok'],
      policy: ['valid'],
      matched: { mx1: true },
    },
  },
  {
    id: 'wildcard-two-labels',
    title: '`*.{d}` does not cover a.b.{d} (two labels)',
    sts: sts(),
    policy: { body: enforce('*.{d}') },
    mx: [{ host: 'a.b', tls: 'valid' }],
    expect: {
      sender: 'delivered',
      bounces: true,
      policy: ['valid'],
      matched: { 'a.b': false },
      findings: ['mx-not-covered'],
    },
    divergence:
      'The resolver turns `*.example.com` into Postfix `match=.example.com`, and Postfix matches that suffix at any ' +
      'depth; RFC 8461 §4.1: the wildcard covers exactly one left-most label.',
  },
  {
    id: 'wildcard-apex',
    title: '`*.{d}` does not cover the domain itself (no MX records, implicit MX)',
    sts: sts(),
    policy: { body: enforce('*.{d}') },
    mx: [{ host: '@', tls: 'valid' }],
    publishMx: false,
    expect: {
      sender: 'deferred',
      bounces: true,
      policy: ['valid'],
      matched: { '@': false },
      findings: ['mx-not-covered', 'mx-implicit'],
    },
  },
  {
    id: 'implicit-mx',
    title: 'no MX records: the domain itself is the MX and is listed',
    sts: sts(),
    policy: { body: enforce('{d}') },
    mx: [{ host: '@', tls: 'valid' }],
    publishMx: false,
    expect: {
      sender: 'delivered',
      bounces: false,
      policy: ['valid'],
      matched: { '@': true },
      findings: ['mx-implicit'],
    },
  },
  {
    id: 'mx-wildcard-cert',
    title: 'the MX presents a wildcard certificate `*.{d}`',
    sts: sts(),
    policy: { body: enforce('mx1.{d}') },
    mx: [{ host: 'mx1', tls: { names: ['*'] } }],
    expect: {
      sender: 'delivered',
      bounces: false,
      status: ['ok'],
      policy: ['valid'],
      mxTls: { mx1: ['ok'] },
    },
  },
  {
    id: 'mx-cert-names-covered',
    title: 'MX host not listed, but its certificate also carries a listed name',
    sts: sts(),
    policy: { body: enforce('mail.{d}') },
    mx: [{ host: 'mx1', tls: { names: ['mx1', 'mail'] } }],
    expect: {
      sender: 'delivered',
      bounces: true,
      policy: ['valid'],
      matched: { mx1: false },
      findings: ['mx-not-covered'],
    },
    divergence:
      'The resolver hands Postfix `secure match=<patterns>`, and Postfix checks the certificate names against the ' +
      'patterns, never the MX host name; RFC 8461 §4.1 matches the MX host name against the patterns, then the ' +
      'certificate against that host name.',
  },

  // --- certificate faults and STARTTLS on the MX (RFC 8461 §4.2) ---
  mxFault('mx-expired', 'MX certificate expired', 'expired', ['cert-expired'], 'mx-cert-expired'),
  mxFault(
    'mx-not-yet-valid',
    'MX certificate not yet valid',
    'not-yet-valid',
    ['cert-expired', 'cert-untrusted'],
    'mx-cert-expired',
  ),
  mxFault(
    'mx-wrong-name',
    'MX certificate for another name',
    'wrong-name',
    ['name-mismatch'],
    'mx-cert-name-mismatch',
  ),
  mxFault(
    'mx-self-signed',
    'MX certificate self-signed',
    'self-signed',
    ['cert-untrusted'],
    'mx-cert-untrusted',
  ),
  mxFault(
    'mx-untrusted-ca',
    'MX certificate from a CA nobody trusts',
    'untrusted-ca',
    ['cert-untrusted'],
    'mx-cert-untrusted',
  ),
  mxFault(
    'mx-no-starttls',
    'MX does not offer STARTTLS',
    'no-starttls',
    ['no-starttls'],
    'mx-starttls-missing',
  ),
  {
    id: 'two-mx-primary-broken',
    title: 'two MX, the primary has an expired certificate, the backup is fine',
    sts: sts(),
    policy: { body: enforce('mx1.{d}', 'mx2.{d}') },
    mx: [
      { host: 'mx1', preference: 10, tls: 'expired' },
      { host: 'mx2', preference: 20, tls: 'valid' },
    ],
    expect: {
      sender: 'delivered',
      bounces: false,
      policy: ['valid'],
      mxTls: { mx1: ['cert-expired'], mx2: ['ok'] },
      findings: ['mx-cert-expired'],
    },
  },
  {
    id: 'two-mx-backup-broken',
    title: 'two MX, the backup is self-signed (RFC 8461 §8.4: backups must pass too)',
    sts: sts(),
    policy: { body: enforce('mx1.{d}', 'mx2.{d}') },
    mx: [
      { host: 'mx1', preference: 10, tls: 'valid' },
      { host: 'mx2', preference: 20, tls: 'self-signed' },
    ],
    expect: {
      sender: 'delivered',
      bounces: false,
      policy: ['valid'],
      mxTls: { mx1: ['ok'], mx2: ['cert-untrusted'] },
      findings: ['mx-cert-untrusted'],
    },
  },
  {
    id: 'two-mx-both-broken',
    title: 'two MX, one expired and one without STARTTLS',
    sts: sts(),
    policy: { body: enforce('mx1.{d}', 'mx2.{d}') },
    mx: [
      { host: 'mx1', preference: 10, tls: 'expired' },
      { host: 'mx2', preference: 20, tls: 'no-starttls' },
    ],
    expect: {
      sender: 'deferred',
      bounces: true,
      policy: ['valid'],
      findings: ['mx-cert-expired', 'mx-starttls-missing', 'mail-bounces'],
    },
  },

  // --- the policy host (RFC 8461 §3.3): every fault means "no policy", so the trap MX still gets mail ---
  policyFault(
    'policy-expired',
    'policy host certificate expired',
    { cert: 'expired' },
    ['unreachable'],
    'policy-cert-expired',
  ),
  policyFault(
    'policy-not-yet-valid',
    'policy host certificate not yet valid',
    { cert: 'not-yet-valid' },
    ['unreachable'],
    'policy-cert-not-yet-valid',
  ),
  policyFault(
    'policy-wrong-name',
    'policy host certificate for another name',
    { cert: 'wrong-name' },
    ['unreachable'],
    'policy-cert-name-mismatch',
  ),
  policyFault(
    'policy-self-signed',
    'policy host certificate self-signed',
    { cert: 'self-signed' },
    ['unreachable'],
    'policy-cert-untrusted',
  ),
  policyFault(
    'policy-untrusted-ca',
    'policy host certificate from an untrusted CA',
    { cert: 'untrusted-ca' },
    ['unreachable'],
    'policy-cert-untrusted',
  ),
  policyFault(
    'policy-redirect',
    'policy answered with a 301 redirect (never followed)',
    { serve: 'redirect' },
    ['unreachable', 'invalid'],
    'policy-redirect',
  ),
  policyFault(
    'policy-404',
    'policy answered with 404',
    { serve: 'not-found' },
    ['unreachable', 'invalid'],
    'policy-http-status',
  ),
  policyFault(
    'policy-wrong-type',
    'policy served as text/html',
    { serve: 'text/html' },
    ['invalid', 'unreachable'],
    'policy-content-type',
  ),
  policyFault(
    'policy-bad-key-case',
    'policy says `Mode: enforce` (keys are case-sensitive, so mode is missing)',
    { body: 'version: STSv1\nMode: enforce\nmx: mx1.{d}\nmax_age: 86400\n' },
    ['invalid'],
    'policy-mode-missing',
  ),

  // --- modes (RFC 8461 §5) ---
  {
    id: 'testing-mode',
    title: 'testing mode with a broken MX: delivered, reported only',
    sts: sts(),
    policy: { body: policy('testing', ['mx1.{d}']) },
    mx: TRAP_MX,
    expect: {
      sender: 'delivered',
      bounces: false,
      bouncesIfEnforced: true,
      policy: ['valid'],
      findings: ['bounces-if-enforced'],
    },
  },
  {
    id: 'mode-none',
    title: 'mode none with a broken MX',
    sts: sts(),
    policy: { body: policy('none', []) },
    mx: TRAP_MX,
    expect: { sender: 'delivered', bounces: false, policy: ['valid'] },
  },

  // --- the `_mta-sts` TXT record (RFC 8461 §3.1) ---
  {
    id: 'txt-missing',
    title: 'no TXT record, policy host up: no MTA-STS',
    sts: [],
    policy: { body: enforce('mx1.{d}') },
    mx: TRAP_MX,
    expect: { sender: 'delivered', bounces: false, policy: ['absent'], findings: ['sts-record-missing'] },
  },
  {
    id: 'txt-two-records',
    title: 'two v=STSv1 TXT records: no policy',
    sts: [['v=STSv1; id=e2e1'], ['v=STSv1; id=e2e2']],
    policy: { body: enforce('mx1.{d}') },
    mx: TRAP_MX,
    expect: {
      sender: 'delivered',
      bounces: false,
      policy: ['invalid', 'absent'],
      findings: ['sts-record-multiple'],
    },
  },
  {
    id: 'txt-no-id',
    title: 'TXT record without id: invalid, no policy',
    sts: [['v=STSv1;']],
    policy: { body: enforce('mx1.{d}') },
    mx: TRAP_MX,
    expect: { sender: 'delivered', bounces: false, policy: ['invalid'], findings: ['sts-id-missing'] },
  },
  {
    id: 'txt-bad-id',
    title: 'TXT id with `-` and `:` (an ISO timestamp): invalid, no policy',
    sts: [['v=STSv1; id=2024-07-21T20:16']],
    policy: { body: enforce('mx1.{d}') },
    mx: TRAP_MX,
    expect: { sender: 'deferred', bounces: false, policy: ['invalid'], findings: ['sts-id-invalid'] },
    divergence:
      'The resolver checks only that `v=STSv1` and an `id` are present, not the id syntax (1 to 32 ALPHA/DIGIT, RFC ' +
      '8461 §3.1), so it applies the policy; by the RFC the record is invalid and the domain has no policy.',
  },
  {
    id: 'txt-unrelated-record',
    title: 'an SPF record beside the valid one is ignored: the policy applies',
    sts: [['v=spf1 -all'], ['v=STSv1; id=e2e1']],
    policy: { body: enforce('mx1.{d}') },
    mx: TRAP_MX,
    expect: { sender: 'deferred', bounces: true, policy: ['valid'] },
  },
  {
    id: 'txt-multi-string',
    title: 'one TXT record split in two character-strings (joined without spaces)',
    sts: [['v=STSv1; ', 'id=e2e1']],
    policy: { body: enforce('mx1.{d}') },
    mx: TRAP_MX,
    expect: { sender: 'deferred', bounces: true, policy: ['valid'] },
  },
  {
    id: 'txt-cname',
    title: '`_mta-sts` is a CNAME to another name that holds the record (RFC 8461 §8.2)',
    sts: [],
    stsCname: `_mta-sts.healthy.${ZONE}.`,
    policy: { body: enforce('mx1.{d}') },
    mx: TRAP_MX,
    expect: { sender: 'deferred', bounces: true, policy: ['valid'] },
  },

  // --- id freshness (RFC 8461 §3.1, §5.1): two phases, the sender's cache kept in between ---
  {
    id: 'stale-id',
    title: 'policy body and MX changed, TXT id kept: cached senders keep the old policy',
    sts: sts('e2e1'),
    policy: { body: enforce('mx1.{d}') },
    mx: [{ host: 'mx1', tls: 'valid' }],
    expect: { sender: 'delivered', bounces: false, policy: ['valid'] },
    phase2: {
      policy: { body: enforce('mx2.{d}') },
      mx: [{ host: 'mx2', tls: 'valid' }],
      expect: { sender: 'deferred', bounces: false, policy: ['valid'], findings: ['stale-policy-id'] },
      afterCacheFlush: 'delivered',
    },
  },
];

/** The scenario's domain. */
export const domainOf = (s: Pick<Scenario, 'id'>): string => `${s.id}.${ZONE}`;

/** An MX host's absolute name (without trailing dot). */
export function mxHostName(s: Pick<Scenario, 'id'>, host: string): string {
  return host === '@' ? domainOf(s) : `${host}.${domainOf(s)}`;
}

/** `{d}` → the domain. */
export const expand = (s: Pick<Scenario, 'id'>, text: string): string => text.replaceAll('{d}', domainOf(s));

/** What an RFC 8461 sender does when the verdict is `bounces`. */
export const rfcSender = (bounces: boolean): 'delivered' | 'deferred' => (bounces ? 'deferred' : 'delivered');
