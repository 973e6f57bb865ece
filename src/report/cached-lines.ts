/**
 * What senders may still hold, in words, for every human surface (terminal, job summary, issues): one sentence per
 * cached policy that refuses a live MX host, and the end of the bounce window when one refuses them all (issue #8
 * item 4). Plain text; each surface escapes it for its own format.
 */
import type { DomainReport } from '../core/types.js';

/** "2026-12-06 12:00 UTC"; the seconds only when there are some, so an end time is never shown early. */
export function utcTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  // Rounded up to the second: an end time is never shown early.
  const text = new Date(Math.ceil(ms / 1000) * 1000).toISOString();
  const seconds = text.slice(17, 19) === '00' ? '' : text.slice(16, 19);
  return `${text.slice(0, 10)} ${text.slice(11, 16)}${seconds} UTC`;
}

/**
 * "Senders that cached policy id X may refuse mx2.example.com until 2026-12-06 12:00 UTC.", one per cached
 * policy that refuses a live MX host (RFC 8461 §4.1, §5.1), then the bounce window when the report has one.
 */
export function cachedRefusalLines(
  d: Pick<DomainReport, 'cached' | 'bouncesForCachedSenders' | 'bounceWindowEnd'>,
): string[] {
  const refusing = (d.cached ?? []).filter((c) => c.refuses.length > 0);
  const lines = refusing.map(
    (c) =>
      `Senders that cached policy id ${c.id} may refuse ${c.refuses.join(', ')} until ${utcTime(c.heldUntil)}.`,
  );
  if (d.bouncesForCachedSenders === true && d.bounceWindowEnd !== null && d.bounceWindowEnd !== undefined)
    lines.push(
      `Those refusing every MX host bounce mail: the bounce window ends ${utcTime(d.bounceWindowEnd)}.`,
    );
  return lines;
}
