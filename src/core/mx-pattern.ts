/**
 * MX host patterns, RFC 8461 §3.2 and §4.1. A pattern is a host name or `*.` plus a host name; the wildcard
 * covers exactly one left-most label: `*.example.com` matches `mx1.example.com`, but neither `example.com` nor
 * `a.b.example.com`. Matching is case-insensitive and ignores a trailing dot.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Lower case, one trailing dot removed. */
export function normalizeHost(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** A host name in A-label form with at least two labels, not an IP address. */
export function isValidHostName(name: string): boolean {
  const host = normalizeHost(name);
  if (host.length === 0 || host.length > 253 || IPV4.test(host) || host.includes(':')) return false;
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label));
}

/** RFC 8461 §3.2 `sts-policy-mx-value = ["*."] Domain`: no bare `*`, no `*` inside a label, no IP address. */
export function isValidMxPattern(pattern: string): boolean {
  const p = normalizeHost(pattern);
  return isValidHostName(p.startsWith('*.') ? p.slice(2) : p);
}

/** Does the MX host name match the pattern? (RFC 8461 §4.1) */
export function matchesMxPattern(pattern: string, host: string): boolean {
  const p = normalizeHost(pattern);
  const h = normalizeHost(host);
  if (!p.startsWith('*.')) return p === h;
  const suffix = p.slice(1); // ".example.com"
  if (!h.endsWith(suffix)) return false;
  const label = h.slice(0, h.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

/** The first pattern that matches the host, or null. */
export function findMatchingPattern(patterns: readonly string[], host: string): string | null {
  return patterns.find((pattern) => matchesMxPattern(pattern, host)) ?? null;
}
