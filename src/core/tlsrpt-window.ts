/**
 * The window of `reports --since` (issue #10 item 1): a number of days before now, or a calendar date (UTC
 * midnight). Default 7 days. Pure: the clock is a parameter.
 */

export const DEFAULT_WINDOW_DAYS = 7;
/** A window longer than this is refused: reports older than a year say nothing about today. */
export const MAX_WINDOW_DAYS = 366;
const DAY_MS = 86_400_000;

export interface ReportWindow {
  readonly start: Date;
  readonly end: Date;
}

/** Parse `--since`; returns the window or a sentence saying what is wrong. */
export function parseSince(since: string | undefined, now: Date): ReportWindow | string {
  const value = (since ?? String(DEFAULT_WINDOW_DAYS)).trim();
  if (/^[0-9]{1,4}$/.test(value)) {
    const days = Number(value);
    if (days < 1 || days > MAX_WINDOW_DAYS)
      return `--since ${value}: the number of days must be from 1 to ${MAX_WINDOW_DAYS}`;
    return { start: new Date(now.getTime() - days * DAY_MS), end: now };
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null)
    return `--since ${JSON.stringify(value)} is neither a number of days nor a date YYYY-MM-DD`;
  const start = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (start.toISOString().slice(0, 10) !== value) return `--since ${value} is not a calendar date`;
  if (start.getTime() >= now.getTime()) return `--since ${value} is not in the past`;
  if (now.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    return `--since ${value} is more than ${MAX_WINDOW_DAYS} days ago`;
  return { start, end: now };
}
