/**
 * Splitting a record on a separator with optional blanks around it (`*WSP ";" *WSP`, RFC 8461 §3.1 and
 * RFC 8460 §3), in linear time. Splitting on the regular expression "blanks, separator, blanks" does the same job,
 * but a backtracking engine retries the run of blanks from every position when no separator follows: a 64 KiB TXT
 * record of spaces took seconds (issue #11 item 8).
 */

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09;

/**
 * Splits `text` on `separator` (one character), removing the spaces and tabs next to each separator, and only
 * those: blanks at the very start and end of `text` are kept, as the regular expression kept them.
 */
export function splitFields(text: string, separator: string): string[] {
  const fields: string[] = [];
  let start = 0;
  for (;;) {
    const at = text.indexOf(separator, start);
    const end = at === -1 ? text.length : at;
    let from = start;
    let to = end;
    if (fields.length > 0) while (from < to && isBlank(text.charCodeAt(from))) from++;
    if (at !== -1) while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    fields.push(text.slice(from, to));
    if (at === -1) return fields;
    start = at + separator.length;
  }
}
