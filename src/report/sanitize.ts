/**
 * Text from remote servers (banners, policy bodies, certificate names) reaches terminals and GitHub. These helpers
 * keep it inert.
 */

/** Replace control characters (ESC sequences, CR, NUL...) with a visible escape; keeps newlines only if asked. */
export function stripControl(text: string, keepNewlines = false): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) =>
    keepNewlines && c === '\n' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
