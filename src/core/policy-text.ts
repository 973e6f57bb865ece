/**
 * The policy body as text, before its lines are read. RFC 8461 §3.2 policies are ASCII `key: value` lines; real
 * files also arrive with a UTF-8 byte order mark or as UTF-16 (issue #11 item 22), which must be named as such
 * rather than reported as "line 1 is not key: value".
 */
import type { ProblemList } from './problems.js';

const BOM = '\uFEFF';

/** Characters people cannot see or tell apart from a space, named in messages (issue #11 item 22). */
const NAMES: Readonly<Record<string, string>> = {
  '\u00A0': 'NO-BREAK SPACE',
  '\u2007': 'FIGURE SPACE',
  '\u202F': 'NARROW NO-BREAK SPACE',
  '\u200B': 'ZERO WIDTH SPACE',
  '\u200C': 'ZERO WIDTH NON-JOINER',
  '\u200D': 'ZERO WIDTH JOINER',
  '\u2060': 'WORD JOINER',
  '\uFEFF': 'BYTE ORDER MARK',
  '\u00AD': 'SOFT HYPHEN',
};

/** ASCII text in UTF-16: a NUL at every other position from `offset`, over the first eight characters. */
function alternatesNul(text: string, offset: number): boolean {
  const head = text.slice(0, 8);
  if (head.length < 8) return false;
  return [...head].every((c, i) => (i % 2 === offset) === (c === '\u0000'));
}

/**
 * Check the encoding. Returns the text to parse (a leading UTF-8 BOM removed, after reporting it), or null when
 * the body is not text a sender could read at all.
 */
export function checkPolicyEncoding(body: string, problems: ProblemList): string | null {
  // UTF-16 read as UTF-8: its BOM becomes U+FFFD, and every ASCII character carries a NUL byte.
  if (body.includes('\u0000')) {
    const utf16 = body.startsWith('\uFFFD\uFFFD') || alternatesNul(body, 0) || alternatesNul(body, 1);
    problems.error(
      'policy-encoding',
      utf16
        ? 'The policy is UTF-16 text; senders read it as ASCII and find no "key: value" line. Save it as ASCII (or UTF-8 without a BOM).'
        : 'The policy contains NUL bytes, so it is not a text file; senders find no "key: value" line in it.',
      { line: 1, column: 1 },
    );
    return null;
  }
  if (body.startsWith(BOM)) {
    problems.error(
      'policy-bom',
      'The policy starts with a UTF-8 byte order mark (BOM); senders that do not strip it read an unknown first key instead of "version", so the policy has no version.',
      { line: 1, column: 1 },
    );
    return body.slice(BOM.length);
  }
  return body;
}

/** " (it contains U+00A0 NO-BREAK SPACE)" when the text holds invisible or non-ASCII characters, else "". */
export function describeOddCharacters(text: string): string {
  const odd = [...new Set([...text].filter((c) => !/^[\x20-\x7E]$/.test(c)))];
  if (odd.length === 0) return '';
  const named = odd.slice(0, 3).map((c) => {
    const hex = (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    const name = NAMES[c] ?? (c === '\t' ? 'TAB' : undefined);
    return name === undefined ? `U+${hex}` : `U+${hex} ${name}`;
  });
  return ` (it contains ${named.join(', ')}${odd.length > 3 ? ', …' : ''})`;
}
