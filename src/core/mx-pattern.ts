/**
 * Matching MX hosts against policy patterns, RFC 8461 §4.1; the grammar of a pattern is in policy-mx.ts. A pattern
 * is a host name or `*.` plus a host name; the wildcard covers exactly one left-most label: `*.example.com` matches
 * `mx1.example.com`, but neither `example.com` nor `a.b.example.com`. Matching is case-insensitive and ignores a
 * trailing dot.
 */

/** Lower case, one trailing dot removed. */
export function normalizeHost(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
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
