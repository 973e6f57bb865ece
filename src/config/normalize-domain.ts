import { domainToASCII } from 'node:url';

/** A normalised name, or why the input is not a usable domain name. */
export type Normalized =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/** RFC 1035 §2.3.4: 63 octets per label, 255 per name on the wire, so 253 in dotted text without the root. */
const MAX_LABEL_LENGTH = 63;
const MAX_NAME_LENGTH = 253;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * Normalises a domain name for comparison: trims it, drops one trailing dot, lower-cases it and converts
 * internationalised labels to A-labels (`bücher.example` becomes `xn--bcher-kva.example`), the form in which
 * DNS names and policy mx patterns are compared (RFC 8461 §3.2 requires A-labels in policies).
 */
export function normalizeDomain(input: string): Normalized {
  const trimmed = input.trim();
  const undotted = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
  if (undotted === '') return { ok: false, reason: 'is empty' };
  // WHATWG domain-to-ASCII (UTS #46) maps case and width, and returns '' for names it cannot convert.
  const ascii = domainToASCII(undotted.toLowerCase());
  if (ascii === '') return { ok: false, reason: 'is not a valid domain name' };
  return checkHostname(ascii);
}

/**
 * Normalises an mx pattern the same way: a host name, or `*.` followed by a host name (RFC 8461 §4.1).
 * A `*` anywhere else, and IP addresses, are rejected as the policy grammar does.
 */
export function normalizeMxPattern(input: string): Normalized {
  const trimmed = input.trim();
  const wildcard = trimmed.startsWith('*.');
  const host = normalizeDomain(wildcard ? trimmed.slice(2) : trimmed);
  if (!host.ok) return host;
  return { ok: true, value: wildcard ? `*.${host.value}` : host.value };
}

function checkHostname(ascii: string): Normalized {
  if (ascii.length > MAX_NAME_LENGTH) {
    return { ok: false, reason: `is longer than ${MAX_NAME_LENGTH} characters` };
  }
  // domainToASCII passes a bracketed IPv6 literal through unchanged.
  if (ascii.startsWith('[')) return { ok: false, reason: 'is an IP address, not a domain name' };
  const labels = ascii.split('.');
  if (labels.length < 2)
    return { ok: false, reason: 'has a single label; expected a name such as example.com' };
  // An all-numeric last label means an IP address (domainToASCII also turns 0x7f.1 into 127.0.0.1).
  if (/^[0-9]+$/.test(labels.at(-1) ?? ''))
    return { ok: false, reason: 'is an IP address, not a domain name' };
  for (const label of labels) {
    if (label.length > MAX_LABEL_LENGTH) {
      return { ok: false, reason: `has a label longer than ${MAX_LABEL_LENGTH} characters` };
    }
    if (!LDH_LABEL.test(label)) {
      return {
        ok: false,
        reason: `has an invalid label "${label}"; expected letters, digits and inner hyphens`,
      };
    }
  }
  return { ok: true, value: ascii };
}
