/**
 * Run-level findings: what makes the whole run unable to observe, said once rather than as a notice per domain
 * (issue #10 part 3: "a monitor that cannot observe must say so loudly"). Pure, like the rest of the core.
 */
import { makeFinding } from './findings.js';
import type { DomainObservation, Finding, Lookup } from './types.js';

/** Findings of the run itself carry this domain: they belong to no domain. */
export const RUN_DOMAIN = '';

/**
 * The run is blind when more than this share of its DNS lookups came back unknown (SERVFAIL, REFUSED, timeout).
 * Half, because a few failing name servers of some domains are per-domain notices, while a broken resolver or
 * network fails nearly every lookup; with one domain, more than half of its own lookups failing means nothing
 * about it can be concluded either.
 */
export const BLIND_DNS_SHARE = 0.5;

/** Every DNS answer the observations rest on: the four per domain, and each MX host's addresses once. */
function lookupsOf(observations: readonly DomainObservation[]): Lookup<unknown>[] {
  const lookups: Lookup<unknown>[] = [];
  const hosts = new Map<string, Lookup<unknown>>();
  for (const obs of observations) {
    lookups.push(obs.stsTxt, obs.tlsrptTxt, obs.mx, obs.policyHost.addresses);
    for (const [host, h] of Object.entries(obs.mxHosts)) hosts.set(host, h.addresses);
  }
  return [...lookups, ...hosts.values()];
}

function dnsBlindness(observations: readonly DomainObservation[]): Finding | null {
  const lookups = lookupsOf(observations);
  const failed = lookups.flatMap((l) => (l.status === 'unknown' ? [l.reason] : []));
  if (lookups.length === 0 || failed.length <= lookups.length * BLIND_DNS_SHARE) return null;
  const reasons = [...new Set(failed)].slice(0, 3).join('; ');
  return makeFinding(
    'dns-unavailable',
    RUN_DOMAIN,
    `${failed.length} of ${lookups.length} DNS lookups failed or timed out (${reasons}): the domains cannot be observed, so this run concludes nothing about them.`,
    {
      expected: `at most ${Math.round(BLIND_DNS_SHARE * 100)}% failed lookups`,
      observed: `${failed.length} of ${lookups.length}`,
    },
  );
}

function proxyFailure(observations: readonly DomainObservation[]): Finding | null {
  const failures = new Map<string, string>();
  for (const obs of observations) {
    for (const host of Object.values(obs.mxHosts)) {
      for (const probe of host.smtp ?? []) {
        if (probe.outcome === 'proxy-failed') failures.set(`${host.host}|${probe.address}`, probe.error);
      }
    }
  }
  const first = failures.values().next();
  if (first.done === true) return null;
  return makeFinding(
    'smtp-proxy-failed',
    RUN_DOMAIN,
    `${failures.size} SMTP probe(s) could not go through the proxy (${first.value}): MX TLS was not checked for them.`,
  );
}

/** The run-level findings of one run's observations. */
export function assessRun(observations: readonly DomainObservation[]): Finding[] {
  return [dnsBlindness(observations), proxyFailure(observations)].filter((f) => f !== null);
}
