/**
 * Text from remote servers (banners, policy bodies, certificate names) reaches terminals and GitHub. These helpers
 * keep it inert.
 */

/**
 * C0 and C1 controls, and the characters that reorder or break text without being seen (issue #11 item 8): the
 * bidi marks U+200E, U+200F, U+061C, embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069, and the
 * line and paragraph separators U+2028, U+2029. A remote name could otherwise read differently from what it is.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Replace control characters (ESC, CR, NUL, bidi controls...) with a visible escape; keeps newlines if asked. */
export function stripControl(text: string, keepNewlines = false): string {
  return text.replace(CONTROL, (c) =>
    keepNewlines && c === '\n' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
