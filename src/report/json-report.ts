/**
 * The JSON report as text, in pieces: byte for byte `JSON.stringify(report, null, 2)` and a newline, but a batch of
 * domains at a time, so a 10,000-domain report is never one 12 MB string and its copies (issue #9 item 4: the
 * peak RSS of a check ends with the report).
 */

/** About this many characters per piece: one write each, with a handful of domains in it. */
const PIECE_CHARS = 64 * 1024;

/** A key no report has, standing for the domain list in the rest of the report. */
const PLACEHOLDER = '\u0000domains\u0000';

/**
 * The text of `report` (an object with a `domains` array, serialised by JSON.stringify with two-space indent),
 * in pieces that join to exactly `JSON.stringify(report, null, 2) + '\n'`.
 */
export function* jsonReportPieces(report: { readonly domains: readonly unknown[] }): Generator<string> {
  const outline = JSON.stringify({ ...report, domains: PLACEHOLDER }, null, 2);
  const marker = JSON.stringify(PLACEHOLDER);
  const at = outline.indexOf(marker);
  if (report.domains.length === 0 || at === -1) {
    yield `${JSON.stringify(report, null, 2)}\n`;
    return;
  }
  // `domains` is a key of the top-level object, so its items stand two levels deep: four spaces.
  let piece = `${outline.slice(0, at)}[\n`;
  const last = report.domains.length - 1;
  for (const [index, domain] of report.domains.entries()) {
    // An item JSON cannot represent (undefined, a function) stands as null in an array, as JSON.stringify has it.
    const text = JSON.stringify(domain, null, 2) ?? 'null';
    piece += `    ${text.replaceAll('\n', '\n    ')}${index < last ? ',' : ''}\n`;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}  ]${outline.slice(at + marker.length)}\n`;
}
