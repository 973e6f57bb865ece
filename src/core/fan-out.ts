/**
 * How far one domain's DNS may fan a run out (issue #11 item 6). Without a cap, a domain that publishes hundreds
 * of MX hosts with hundreds of addresses each decides how many connections the run opens. The probes contact only
 * what these functions pick, and the core reports the rest as not checked, with a finding that says so.
 *
 * The numbers follow what real senders try for one delivery:
 * - RFC 5321 §5.1 allows "a configurable limit on the number of alternate addresses that can be tried", and asks
 *   for at least two.
 * - Postfix tries at most 5 addresses per delivery (`smtp_mx_address_limit`, default 5) and at most 2 sessions
 *   (`smtp_mx_session_limit`, default 2); Exim tries at most 5 hosts (`hosts_max_try`, default 5).
 * - KumoMTA keeps at most 10 addresses per MX host and 50 addresses per destination (`max_mx_addresses_per_host`,
 *   `max_mx_plan_size`).
 *
 * Senders shuffle MX hosts of equal preference and the addresses of a host, so any of them may be the one a
 * sender tries: the monitor covers more than one sender's five tries. 10 hosts with 5 addresses each is at most
 * 50 SMTP probes per domain, KumoMTA's whole plan, and it covers the large providers (Google publishes 5 MX hosts).
 */
import type { Lookup } from './types.js';

/** MX hosts checked per domain, in preference order. */
export const MAX_MX_HOSTS_PER_DOMAIN = 10;

/** Addresses contacted per host (an MX host, the domain itself without MX, or the policy host). */
export const MAX_ADDRESSES_PER_HOST = 5;

/** The first `MAX_MX_HOSTS_PER_DOMAIN` targets (already in preference order) and the rest. */
export function capMxTargets<T>(targets: readonly T[]): { checked: T[]; skipped: T[] } {
  return {
    checked: targets.slice(0, MAX_MX_HOSTS_PER_DOMAIN),
    skipped: targets.slice(MAX_MX_HOSTS_PER_DOMAIN),
  };
}

/**
 * The addresses to contact: at most `MAX_ADDRESSES_PER_HOST`, IPv4 and IPv6 taken in turn so that a long A list
 * cannot crowd out every AAAA (a sender with IPv6 may well use one). DNS order is kept within each family.
 */
export function pickAddresses(addresses: readonly string[]): string[] {
  if (addresses.length <= MAX_ADDRESSES_PER_HOST) return [...addresses];
  const v6 = addresses.filter((a) => a.includes(':'));
  const v4 = addresses.filter((a) => !a.includes(':'));
  const picked: string[] = [];
  for (let i = 0; picked.length < MAX_ADDRESSES_PER_HOST; i++) {
    const four = v4[i];
    const six = v6[i];
    if (four !== undefined) picked.push(four);
    if (six !== undefined && picked.length < MAX_ADDRESSES_PER_HOST) picked.push(six);
  }
  return picked;
}

/** The addresses of a lookup that were not contacted because of the cap (empty when nothing was left out). */
export function skippedAddresses(addresses: Lookup<readonly string[]>): string[] {
  if (addresses.status !== 'ok') return [];
  const picked = new Set(pickAddresses(addresses.value));
  return addresses.value.filter((a) => !picked.has(a));
}

/** A list for a finding message: the first few items and how many more. */
export function listSome(items: readonly string[], shown = 5): string {
  const head = items.slice(0, shown).join(', ');
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}
