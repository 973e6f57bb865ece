/**
 * The grammar of one policy `mx` value, RFC 8461 §3.2: `sts-policy-mx-value = ["*."] Domain`, with RFC 5321
 * §4.1.2's `Domain = sub-domain *("." sub-domain)`. One label is therefore grammatical (`mx: mx1`, `mx: *.com`),
 * and a trailing dot is not: `Domain` has no empty last label (issue #11 items 10 and 22).
 */
import { placeholderReason } from './placeholders.js';
import { describeOddCharacters } from './policy-text.js';
import type { PolicyMode } from './types.js';
import { type Position, type ProblemList, quote } from './problems.js';

/** One `key: value` line of a policy. */
export interface Field {
  readonly key: string;
  readonly value: string;
  readonly line: number;
  /** 1-based column where the value starts. */
  readonly column: number;
}

/** Where a field's value starts. */
export const at = (field: Field): Position => ({ line: field.line, column: field.column });

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

/** One `mx` value: a pattern, or a problem (RFC 8461 §3.2 `sts-policy-mx-value`). */
function parseMxValue(field: Field, problems: ProblemList, placeholders: boolean): string | null {
  const mx = classifyMxValue(field.value);
  if (mx.kind === 'trailing-dot') {
    problems.error(
      'policy-mx-trailing-dot',
      `mx ${quote(field.value)} on line ${field.line} ends with a dot, which RFC 5321's Domain does not allow; senders differ on matching it: write ${quote(mx.pattern)}.`,
      at(field),
    );
    return null;
  }
  if (mx.kind === 'invalid') {
    problems.error(
      'policy-mx-invalid',
      `mx ${quote(field.value)} on line ${field.line} is not a host name or "*." plus a host name (RFC 8461 §3.2)${describeOddCharacters(field.value)}.`,
      at(field),
    );
    return null;
  }
  const template = placeholders ? placeholderReason(mx.pattern) : null;
  if (template !== null) {
    problems.warn(
      'policy-mx-placeholder',
      `mx ${quote(field.value)} on line ${field.line} looks like a template value (${template}); it covers none of your MX hosts.`,
      at(field),
    );
  }
  if (mx.singleLabel) {
    // Grammatical (RFC 5321 Domain may be one label) and applied by senders, but almost always a mistake.
    problems.warn(
      'policy-mx-single-label',
      mx.pattern.startsWith('*.')
        ? `mx ${quote(field.value)} on line ${field.line} matches every two-label name under ${mx.pattern.slice(2)}, not only your MX hosts.`
        : `mx ${quote(field.value)} on line ${field.line} is a single label; it matches only an MX host named exactly ${mx.pattern}, which a public MX host never is.`,
      at(field),
    );
  }
  return mx.pattern;
}

export function parseMx(
  fields: readonly Field[],
  mode: PolicyMode,
  problems: ProblemList,
  placeholders: boolean,
): string[] {
  const patterns: string[] = [];
  let invalid = false;
  for (const field of fields.filter((f) => f.key === 'mx')) {
    const pattern = parseMxValue(field, problems, placeholders);
    if (pattern === null) invalid = true;
    else patterns.push(pattern);
  }
  if (patterns.length === 0 && mode !== 'none' && !invalid) {
    problems.error(
      'policy-mx-missing',
      `A policy in mode "${mode}" needs at least one "mx" line (RFC 8461 §3.2).`,
    );
  }
  return patterns;
}
