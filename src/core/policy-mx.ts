/**
 * The grammar of one policy `mx` value, RFC 8461 §3.2: `sts-policy-mx-value = ["*."] Domain`, with RFC 5321
 * §4.1.2's `Domain = sub-domain *("." sub-domain)`. One label is therefore grammatical (`mx: mx1`, `mx: *.com`),
 * and a trailing dot is not: `Domain` has no empty last label (issue #11 items 10 and 22).
 */

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** What the parser makes of one `mx` value. */
export type MxValue =
  | { readonly kind: 'pattern'; readonly pattern: string; readonly singleLabel: boolean }
  | { readonly kind: 'trailing-dot'; readonly pattern: string }
  | { readonly kind: 'invalid' };

function isDomain(name: string): boolean {
  if (name.length === 0 || name.length > 253 || IPV4.test(name)) return false;
  return name.split('.').every((label) => LABEL.test(label));
}

/** Classify one `mx` value; `pattern` is lower case, without the trailing dot. */
export function classifyMxValue(value: string): MxValue {
  const wildcard = value.startsWith('*.');
  const name = wildcard ? value.slice(2) : value;
  if (name.endsWith('.') && isDomain(name.slice(0, -1))) {
    return { kind: 'trailing-dot', pattern: value.slice(0, -1).toLowerCase() };
  }
  if (!isDomain(name)) return { kind: 'invalid' };
  return { kind: 'pattern', pattern: value.toLowerCase(), singleLabel: !name.includes('.') };
}
