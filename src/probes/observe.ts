/**
 * Gather the observations for a set of domains. Decides nothing: every failure is recorded as data.
 *
 * Each MX host address is probed once per run however many domains share it (a thousand domains on one provider
 * must not mean a thousand connections), and the policy host of each domain is fetched from every address.
 */
import type {
  DaneHostObservation,
  DnssecAnswer,
  DomainObservation,
  Lookup,
  MxHostObservation,
  PolicyFetch,
  SmtpProbe,
} from '../core/types.js';
import { mxTargets } from '../core/assess-mx.js';
import { combineSecurity } from '../core/dane.js';
import { capMxTargets, pickAddresses } from '../core/fan-out.js';
import { isPublicAddress, describeAddressRange } from './address-guard.js';
import { MAX_OPEN_SOCKETS, SMTP_TIMEOUT_RETRY_DELAY_MS } from './limits.js';
import { createLimiter, mapPool } from './pool.js';
import { probeKey, replaceProbes, retryTimeouts } from './retry-timeouts.js';
import type { DnsClient, PolicyFetcher, SmtpProber } from './types.js';
import { resolverValidates, type DnsWireClient } from './dns-wire.js';

export type MxTlsMode = 'auto' | 'true' | 'false';

export interface ObserveDeps {
  readonly dns: DnsClient;
  readonly fetchPolicy: PolicyFetcher;
  readonly probeSmtp: SmtpProber;
  readonly now: () => Date;
  /** DNSSEC-aware queries to the validating resolver, for DANE (issue #7); absent: no DANE checks. */
  readonly dnsWire?: DnsWireClient;
}

export interface ObserveOptions {
  readonly concurrency: number;
  /** auto: probe, and treat "no MX reachable at all" as a blocked port 25; false: never probe port 25. */
  readonly checkMxTls: MxTlsMode;
  readonly allowPrivateAddresses: boolean;
  /** With checkMxTls false: why, said once as a run notice (default: disabled by configuration). */
  readonly mxTlsSkipReason?: string;
  /** Sockets open at once, HTTPS and SMTP together, for the whole run (default MAX_OPEN_SOCKETS). */
  readonly maxOpenSockets?: number;
  /** Wait before the second try of a timed-out MX address (default SMTP_TIMEOUT_RETRY_DELAY_MS). */
  readonly timeoutRetryDelayMs?: number;
  /** Look up TLSA and DNSSEC status for DANE (issue #7); needs `deps.dnsWire`. Default off. */
  readonly dane?: boolean;
  /** Called as each domain's observation completes, for the CLI's progress line (issue #9 item 4). */
  readonly onDomainDone?: (done: number, total: number) => void;
}

export interface ObserveResult {
  readonly observations: DomainObservation[];
  /** Run-level remarks, said once (for example: port 25 is blocked here). */
  readonly notices: string[];
  /** Number of SMTP connections attempted. */
  readonly smtpConnections: number;
  /**
   * DANE was asked for, but the resolver does not validate, or did not answer the test query: skipped, and why
   * (issue #7 item 1; the run finding dns-not-validating says it once).
   */
  readonly daneSkipped?: string;
}

export const PORT25_BLOCKED =
  'port 25 could not be reached on any MX host, so outbound port 25 is probably blocked where this runs (as on GitHub-hosted runners)';
const MX_TLS_DISABLED = 'disabled by configuration (check-mx-tls: false)';

/** Said once when the resolver did not answer the test query: whether it validates is not known (issue #7). */
export const DANE_NO_ANSWER =
  'DANE not checked: the DNS resolver did not answer the DNSSEC test query (the root zone SOA, with the DO bit) in time, so whether it validates is unknown; nothing about TLSA or DNSSEC status is concluded.';

/** Said once when the resolver sets no AD bit on a signed name: DANE is skipped rather than guessed (issue #7). */
export const DANE_NOT_VALIDATING =
  'DANE not checked: the DNS resolver does not validate DNSSEC (no AD bit on the signed root zone), so no TLSA or DNSSEC status can be trusted. Name a validating resolver with --dns-server or the input dns-server (for example a local Unbound).';

/**
 * Said after a blocked port 25, once per run: what was skipped and the ways to get it back (issue #10 part 3).
 */
export const MX_TLS_HOW_TO =
  'Skipped: STARTTLS and the certificates and TLS versions of the MX hosts, so whether enforcing senders bounce mail is unknown. ' +
  'To check them, send the probes through a SOCKS5 proxy (--smtp-proxy, or the input smtp-proxy; for example an ssh -D tunnel to a small VM), ' +
  "or run where outbound port 25 is open (a self-hosted runner); the domains' TLS-RPT reports also show MX TLS failures that senders met.";

function blockedReason(address: string, allowPrivate: boolean): string | null {
  if (allowPrivate || isPublicAddress(address)) return null;
  return `${address} is a ${describeAddressRange(address)} address; not contacted without --allow-private-addresses`;
}

/** The addresses to contact: within the per-host cap (issue #11 item 6); the core reports the rest. */
function addressList(lookup: Lookup<readonly string[]>): readonly string[] {
  return lookup.status === 'ok' ? pickAddresses(lookup.value) : [];
}

/** Observe many domains with bounded concurrency and shared MX probes. */
export async function observeDomains(
  domains: readonly string[],
  deps: ObserveDeps,
  options: ObserveOptions,
): Promise<ObserveResult> {
  const hostCache = new Map<string, Promise<MxHostObservation>>();
  // Does the resolver validate? Asked once per run, before any TLSA lookup (issue #7 item 1).
  const wire = options.dane === true ? deps.dnsWire : undefined;
  // Started now and awaited only by the DANE lookups, so a silent resolver does not delay the other probes.
  const validating = wire === undefined ? Promise.resolve(false) : resolverValidates(wire);
  const daneHost = async (host: string): Promise<DaneHostObservation | undefined> =>
    wire !== undefined && (await validating) === true ? observeDaneHost(wire, host) : undefined;
  const daneMx = async (domain: string): Promise<DnssecAnswer | undefined> =>
    wire !== undefined && (await validating) === true ? observeMxDnssec(wire, domain) : undefined;
  const probeCache = new Map<string, Promise<SmtpProbe>>();
  let smtpConnections = 0;
  // One bound on open sockets for every probe of the run, whatever the domain concurrency (issue #11 item 6).
  const limit = createLimiter(options.maxOpenSockets ?? MAX_OPEN_SOCKETS);

  const probeAddress = (host: string, address: string): Promise<SmtpProbe> => {
    const key = probeKey(host, address);
    let probe = probeCache.get(key);
    if (probe === undefined) {
      const blocked = blockedReason(address, options.allowPrivateAddresses);
      if (blocked !== null) {
        probe = Promise.resolve({ address, outcome: 'blocked', error: blocked });
      } else {
        smtpConnections++;
        probe = limit(() => deps.probeSmtp(host, address));
      }
      probeCache.set(key, probe);
    }
    return probe;
  };

  const observeHost = (host: string): Promise<MxHostObservation> => {
    let pending = hostCache.get(host);
    if (pending === undefined) {
      pending = (async (): Promise<MxHostObservation> => {
        const [addresses, dane] = await Promise.all([deps.dns.addresses(host), daneHost(host)]);
        const withDane = dane === undefined ? {} : { dane };
        if (options.checkMxTls === 'false')
          return {
            host,
            addresses,
            smtp: null,
            notCheckedReason: options.mxTlsSkipReason ?? MX_TLS_DISABLED,
            ...withDane,
          };
        const smtp = await Promise.all(addressList(addresses).map((a) => probeAddress(host, a)));
        return { host, addresses, smtp, ...withDane };
      })();
      hostCache.set(host, pending);
    }
    return pending;
  };

  const fetchFrom = (host: string, address: string): Promise<PolicyFetch> => {
    const blocked = blockedReason(address, options.allowPrivateAddresses);
    return blocked === null
      ? limit(() => deps.fetchPolicy(host, address))
      : Promise.resolve({ address, outcome: 'blocked', error: blocked });
  };

  /**
   * A domain's own work: its DNS look-ups and policy fetches, under the domain concurrency. Its MX hosts are
   * started here but not awaited: they are shared with other domains and bounded by the socket limiter, so a
   * domain waiting on a shared MX probe does not hold one of the `concurrency` slots (issue #9 item 4).
   */
  const observeOwn = async (domain: string): Promise<() => Promise<DomainObservation>> => {
    const policyHostName = `mta-sts.${domain}`;
    const [stsTxt, tlsrptTxt, mx, policyAddresses, mxDnssec] = await Promise.all([
      deps.dns.txt(`_mta-sts.${domain}`),
      deps.dns.txt(`_smtp._tls.${domain}`),
      deps.dns.mx(domain),
      deps.dns.addresses(policyHostName),
      daneMx(domain),
    ]);
    const targets = mxTargets(domain, mx);
    // The MX hosts past the cap are not contacted; the core reports them (issue #11 item 6).
    const hosts = Array.isArray(targets) ? capMxTargets(targets).checked.map((t) => t.host) : [];
    const hostObservations = Promise.all(hosts.map(observeHost));
    // Awaited below, after the pool; a rejection meanwhile must not count as unhandled.
    hostObservations.catch(() => undefined);
    const fetches = await Promise.all(addressList(policyAddresses).map((a) => fetchFrom(policyHostName, a)));
    return async () => {
      const observed = await hostObservations;
      options.onDomainDone?.(++done, domains.length);
      return {
        domain,
        observedAt: deps.now().toISOString(),
        stsTxt,
        tlsrptTxt,
        mx,
        policyHost: { host: policyHostName, addresses: policyAddresses, fetches },
        mxHosts: Object.fromEntries(observed.map((h) => [h.host, h])),
        ...(mxDnssec === undefined ? {} : { mxDnssec }),
      };
    };
  };

  let done = 0;
  const pending = await mapPool(domains, options.concurrency, async (domain) => {
    const finish = await observeOwn(domain);
    // Each domain completes as soon as its MX hosts do, so the progress line moves while the pool runs. Wrapped,
    // so that the pool does not wait for it.
    const completed = finish();
    completed.catch(() => undefined);
    return { completed };
  });
  const observations = await Promise.all(pending.map((p) => p.completed));
  const notices: string[] =
    options.checkMxTls === 'false' && options.mxTlsSkipReason !== undefined
      ? [`MX TLS not checked: ${options.mxTlsSkipReason}. ${MX_TLS_HOW_TO}`]
      : [];
  const validated = wire === undefined ? true : await validating;
  const daneSkipped =
    validated === true ? {} : { daneSkipped: validated === 'unknown' ? DANE_NO_ANSWER : DANE_NOT_VALIDATING };
  const probes = new Map<string, SmtpProbe>();
  for (const [key, probe] of probeCache) probes.set(key, await probe);
  if (options.checkMxTls === 'auto' && port25Blocked(hostCache.size, [...probes.values()])) {
    notices.push(`MX TLS not checked: ${PORT25_BLOCKED}. ${MX_TLS_HOW_TO}`);
    return { observations: observations.map(markNotChecked), notices, smtpConnections, ...daneSkipped };
  }
  const retried = await retryTimeouts(probes, {
    delayMs: options.timeoutRetryDelayMs ?? SMTP_TIMEOUT_RETRY_DELAY_MS,
    probe: (host, address) => limit(() => deps.probeSmtp(host, address)),
  });
  if (retried.size === 0) return { observations, notices, smtpConnections, ...daneSkipped };
  return {
    observations: observations.map((obs) => replaceProbes(obs, retried)),
    notices,
    smtpConnections: smtpConnections + retried.size,
    ...daneSkipped,
  };
}

/** The MX answer's DNSSEC status (RFC 7672 §2.2.1: senders MAY still use DANE with the hosts of an insecure MX RRset). */
async function observeMxDnssec(wire: DnsWireClient, domain: string): Promise<DnssecAnswer> {
  const answer = await wire.query(domain, 'MX');
  return {
    security: answer.security,
    signatureExpirations: answer.signatures.map((s) => s.expiration),
  };
}

/**
 * One A, one AAAA and one TLSA lookup per MX host; the caller caches it with the host (issue #7: no multiplying).
 * The address security is the weaker of the two answers, as a sender may use either (RFC 7672 §2.2.1).
 */
async function observeDaneHost(wire: DnsWireClient, host: string): Promise<DaneHostObservation> {
  const [v4, v6] = await Promise.all([wire.query(host, 'A'), wire.query(host, 'AAAA')]);
  const tlsa = await wire.lookupTlsa(host, v4);
  return {
    addressSecurity: combineSecurity([v4.security, v6.security]),
    addressSignatureExpirations: [...v4.signatures, ...v6.signatures].map((s) => s.expiration),
    tlsa,
  };
}

/**
 * Outbound port 25 is blocked on many cloud runners. When no MX host at all could be reached (and there were
 * at least two to try, so one dead server is not mistaken for a blocked port), MX TLS is "not checked".
 */
export function port25Blocked(hostCount: number, probes: readonly SmtpProbe[]): boolean {
  const attempted = probes.filter((p) => p.outcome !== 'blocked');
  // A timeout after the server sent something (a greeting, or part of one) proves port 25 open.
  const silent = (p: SmtpProbe): boolean =>
    p.outcome === 'unreachable' || (p.outcome === 'timeout' && p.banner === undefined && p.heard !== true);
  return hostCount >= 2 && attempted.length > 0 && attempted.every(silent);
}

function markNotChecked(obs: DomainObservation): DomainObservation {
  const mxHosts = Object.fromEntries(
    Object.entries(obs.mxHosts).map(([host, h]) => [
      host,
      { ...h, smtp: null, notCheckedReason: PORT25_BLOCKED },
    ]),
  );
  return { ...obs, mxHosts };
}
