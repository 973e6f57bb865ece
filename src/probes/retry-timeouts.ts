/**
 * The second try of timed-out MX addresses (issue #11 item 9). Outbound port 25 is often blocked where a check
 * runs, so one timeout says little; once another MX probe of the run got an answer across port 25, it does say
 * something, and a second timeout a few seconds later makes it the host's fault.
 */
import type { DomainObservation, SmtpProbe } from '../core/types.js';

/** Key of one SMTP probe: the same address under another host name is another probe (SNI differs). */
export const probeKey = (host: string, address: string): string => `${host}|${address}`;

/**
 * The server sent something over port 25, SMTP or not: port 25 is open between here and there. A refused
 * connection is not enough, since a firewall may refuse on the server's behalf; nor is a failed SOCKS proxy, which
 * never reached the server at all.
 */
function answered(probe: SmtpProbe): boolean {
  if (probe.outcome === 'timeout') return probe.banner !== undefined || probe.heard === true;
  return probe.outcome !== 'unreachable' && probe.outcome !== 'blocked' && probe.outcome !== 'proxy-failed';
}

/**
 * Issue #11 item 9: a timeout means little while port 25 may be blocked where the check runs. When another MX
 * probe of the run answered, it is not; then each timed-out address is tried once more after `delayMs`, all at
 * once, and a second timeout is marked `confirmed`: the host's own fault. So is a host that sent bytes but no
 * complete greeting, on its own evidence. Returns the new results by probe key.
 */
export async function retryTimeouts(
  probes: ReadonlyMap<string, SmtpProbe>,
  retry: { readonly delayMs: number; readonly probe: (host: string, address: string) => Promise<SmtpProbe> },
): Promise<Map<string, SmtpProbe>> {
  const answeredKeys = [...probes].filter(([, p]) => answered(p)).map(([key]) => key);
  // A host that sent bytes but never finished its greeting is its own evidence that port 25 is open.
  const timedOut = [...probes].filter(
    ([key, p]) =>
      p.outcome === 'timeout' && (p.heard === true || answeredKeys.some((other) => other !== key)),
  );
  const results = new Map<string, SmtpProbe>();
  if (timedOut.length === 0) return results;
  await new Promise((resolve) => setTimeout(resolve, retry.delayMs));
  await Promise.all(
    timedOut.map(async ([key]) => {
      const separator = key.lastIndexOf('|');
      const second = await retry.probe(key.slice(0, separator), key.slice(separator + 1));
      results.set(key, second.outcome === 'timeout' ? { ...second, confirmed: true } : second);
    }),
  );
  return results;
}

/** The observation with the probes of `results` in place of the first tries. */
export function replaceProbes(
  obs: DomainObservation,
  results: ReadonlyMap<string, SmtpProbe>,
): DomainObservation {
  const mxHosts = Object.fromEntries(
    Object.entries(obs.mxHosts).map(([host, h]) => [
      host,
      h.smtp === null ? h : { ...h, smtp: h.smtp.map((p) => results.get(probeKey(host, p.address)) ?? p) },
    ]),
  );
  return { ...obs, mxHosts };
}
