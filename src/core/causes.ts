/**
 * Root causes (issue #9 item 1): a run's findings grouped by what one fix would resolve, so that one provider
 * change seen on 312 domains reads as one problem, not 312. Pure: report data in, causes out.
 *
 * The key of a cause is `CODE/KIND:VALUE`, stable across runs for the same problem:
 * - `mx-not-covered/pattern:*.PARENT`: MX hosts one label too deep for a wildcard of the policy (the `*.mx.microsoft`
 *   trap: `x.h-v1.mx.microsoft` is two labels under it, RFC 8461 §4.1); the fix is the pattern `*.PARENT`;
 * - `CODE/mx:HOST`: a problem of one MX host, shared by every domain that uses it (not covered, expired,
 *   untrusted or wrong-name certificate, no STARTTLS, ...);
 * - `CODE/policy-address:ADDR[,ADDR...]`: a policy-host fault (fetch or certificate) at the same addresses for
 *   every affected domain: one web server serves their policy hosts;
 * - `CODE/domain:DOMAIN`: everything else, one cause per code and domain.
 * Findings of the run itself (domain "") are not causes: the report lists them apart.
 */
import { compare, fixOf, titleOf, type CauseGroup, type CauseKind } from './cause-text.js';
import { normalizeHost } from './mx-pattern.js';
import type { DomainReport, Finding, Severity } from './types.js';

export interface Cause {
  /** `CODE/KIND:VALUE`, see above. */
  readonly key: string;
  readonly code: string;
  /** The highest severity of its findings. */
  readonly severity: Severity;
  /** One line on what is wrong; may quote remote text, so reporters sanitise it. */
  readonly title: string;
  /** The one fix that resolves the cause for every affected domain. */
  readonly fix: string;
  /** The affected domains, sorted. */
  readonly domains: readonly string[];
  /** How many domains it affects. */
  readonly count: number;
  /** It explains the bounce verdict (`bounces: true`) of at least one affected domain. */
  readonly bounces: boolean;
  /** It explains the `bouncesIfEnforced: true` verdict of at least one affected domain. */
  readonly bouncesIfEnforced: boolean;
  /** Every finding of it says "could not be observed" rather than "is wrong". */
  readonly unknown: boolean;
  /** The host names involved (MX hosts, or the policy hosts), sorted. */
  readonly hosts: readonly string[];
  /** For a `policy-address` cause, the addresses of the shared policy web server; else empty. */
  readonly addresses: readonly string[];
}

export type CauseInput = Pick<DomainReport, 'domain' | 'bounces' | 'bouncesIfEnforced' | 'findings'>;

/**
 * Faults that make an MX host refuse an RFC 8461 sender (§4.1, §4.2), or a DANE sender (RFC 7672 §2, §3). A domain
 * bounces only when every MX host fails (the rfc sender profile, src/core/senders/rfc.ts), so each of these findings
 * on a bouncing domain explains its bounce.
 */
const BLOCKING_MX_CODES: ReadonlySet<string> = new Set([
  'mx-not-covered',
  'mx-starttls-missing',
  'mx-cert-expired',
  'mx-cert-untrusted',
  'mx-cert-malformed',
  'mx-cert-name-mismatch',
  'mx-tls-old',
  'mx-tls-failed',
  'mx-smtp-error',
  'mx-timeout-confirmed',
  // DANE faults refuse or defer the host for the rfc sender profile, whose verdict `bounces` is (issue #7 item 4).
  'tlsa-mismatch',
  'tlsa-lookup-failed',
  'tlsa-no-starttls',
]);

/** Verdicts that restate the MX faults: folded into the causes that explain them. */
const VERDICT_CODES: ReadonlySet<string> = new Set(['mail-bounces', 'bounces-if-enforced']);

/** Policy-host faults whose finding names the address in `observed`: grouped by address. */
const POLICY_ADDRESS_CODES: ReadonlySet<string> = new Set([
  'policy-fetch-failed',
  'policy-fetch-timeout',
  'policy-cert-expired',
  'policy-cert-not-yet-valid',
  'policy-cert-untrusted',
  'policy-cert-malformed',
  'policy-cert-name-mismatch',
  'policy-too-large',
  'address-blocked',
]);

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

function looksLikeAddress(text: string | undefined): text is string {
  return (
    text !== undefined &&
    (/^\d{1,3}(\.\d{1,3}){3}$/.test(text) || (text.includes(':') && /^[0-9a-f:.]+$/i.test(text)))
  );
}

/** `*.S` of the policy when `host` is under `S` but more than one label deep, else null. */
function nearMiss(host: string, expected: string | undefined): string | null {
  const patterns = (expected ?? '').split(', ').map(normalizeHost);
  for (const p of patterns) {
    if (!p.startsWith('*.')) continue;
    const suffix = p.slice(1);
    if (host.endsWith(suffix) && host.slice(0, -suffix.length).includes('.')) return p;
  }
  return null;
}

function parentOf(host: string): string {
  return host.slice(host.indexOf('.') + 1);
}

/** Where one finding belongs; `addresses` is the domain's address set for this code (policy-address kind). */
function place(
  f: Finding,
  addresses: ReadonlyMap<string, readonly string[]>,
): { kind: CauseKind; value: string; host?: string; near?: string } {
  const host = f.host === undefined ? undefined : normalizeHost(f.host);
  if (f.code === 'mx-not-covered' && host !== undefined) {
    const near = nearMiss(host, f.expected);
    if (near !== null) return { kind: 'pattern', value: `*.${parentOf(host)}`, host, near };
    return { kind: 'mx', value: host, host };
  }
  const policyHost = `mta-sts.${f.domain}`;
  if (host !== undefined && host !== policyHost) return { kind: 'mx', value: host, host };
  const shared = addresses.get(f.code);
  if (host === policyHost && shared !== undefined && looksLikeAddress(f.observed)) {
    return { kind: 'policy-address', value: shared.join(','), host };
  }
  return { kind: 'domain', value: f.domain, ...(host === undefined ? {} : { host }) };
}

/** Per code, the sorted addresses of the policy-host findings of one domain. */
function policyAddresses(d: CauseInput): Map<string, string[]> {
  const byCode = new Map<string, Set<string>>();
  for (const f of d.findings) {
    if (!POLICY_ADDRESS_CODES.has(f.code) || f.host === undefined) continue;
    if (normalizeHost(f.host) !== `mta-sts.${d.domain}` || !looksLikeAddress(f.observed)) continue;
    const set = byCode.get(f.code) ?? new Set<string>();
    set.add(f.observed);
    byCode.set(f.code, set);
  }
  return new Map([...byCode].map(([code, set]) => [code, [...set].sort(compare)]));
}

/** Group the findings of every domain into causes, most urgent first (bouncing, severity, domains, key). */
export function groupCauses(domains: readonly CauseInput[]): Cause[] {
  const groups = new Map<string, CauseGroup>();
  const byDomain = new Map(domains.map((d) => [d.domain, d]));
  const add = (f: Finding, where: ReturnType<typeof place>) => {
    const key = `${f.code}/${where.kind}:${where.value}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        code: f.code,
        kind: where.kind,
        value: where.value,
        findings: [],
        hosts: new Set(),
        near: new Set(),
      };
      groups.set(key, group);
    }
    group.findings.push(f);
    if (where.host !== undefined) group.hosts.add(where.host);
    if (where.near !== undefined) group.near.add(where.near);
  };
  for (const d of domains) {
    const addresses = policyAddresses(d);
    const explained = d.findings.some((f) => BLOCKING_MX_CODES.has(f.code));
    for (const f of d.findings) {
      // A verdict is the sum of its MX faults; it stands alone only when none is left (all ignored).
      if (VERDICT_CODES.has(f.code) && explained) continue;
      add(f, place(f, addresses));
    }
  }
  return [...groups.entries()].map(([key, g]) => toCause(key, g, byDomain)).sort(rankCauses);
}

function explains(f: Finding, verdict: boolean | null | undefined, code: string): boolean {
  // A null verdict is "unknown", not a bounce.
  return verdict === true && (BLOCKING_MX_CODES.has(f.code) || f.code === code);
}

function toCause(key: string, g: CauseGroup, byDomain: ReadonlyMap<string, CauseInput>): Cause {
  const findings = [...g.findings].sort(
    (a, b) => compare(a.domain, b.domain) || compare(a.message, b.message),
  );
  const domains = [...new Set(findings.map((f) => f.domain))].sort(compare);
  const severity = findings.reduce<Severity>(
    (worst, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst] ? f.severity : worst),
    'notice',
  );
  const hosts = [...g.hosts].sort(compare);
  return {
    key,
    code: g.code,
    severity,
    title: titleOf(g, findings, domains, hosts),
    fix: fixOf(g, findings, domains),
    domains,
    count: domains.length,
    bounces: findings.some((f) => explains(f, byDomain.get(f.domain)?.bounces, 'mail-bounces')),
    bouncesIfEnforced: findings.some((f) =>
      explains(f, byDomain.get(f.domain)?.bouncesIfEnforced, 'bounces-if-enforced'),
    ),
    unknown: findings.every((f) => f.unknown === true),
    hosts,
    addresses: g.kind === 'policy-address' ? g.value.split(',') : [],
  };
}

/** Most urgent first: makes mail bounce, then severity, then the most domains, then the key. */
function rankCauses(a: Cause, b: Cause): number {
  return (
    Number(b.bounces) - Number(a.bounces) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    b.count - a.count ||
    compare(a.key, b.key)
  );
}
