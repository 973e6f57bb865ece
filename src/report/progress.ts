/**
 * Progress of `check` on stderr (issue #9 item 4): on a terminal only, one line rewritten in place, at most a few
 * times a second, and cleared at the end so that what stays on the screen is the report. Whether stdout is a pipe
 * (`--json > report.json`) does not matter: the line goes to stderr, and only a terminal there gets it.
 */

/** At most five updates a second: often enough to look alive, rarely enough to cost nothing on a slow terminal. */
export const PROGRESS_INTERVAL_MS = 200;

/** The progress line: `Checking domains: 120/1000 (12%), 4.2 s`. */
export function renderProgress(done: number, total: number, elapsedMs: number): string {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `Checking domains: ${done}/${total} (${percent}%), ${(elapsedMs / 1000).toFixed(1)} s`;
}

export interface Progress {
  /** `done` of `total` domains are observed. */
  update(done: number, total: number): void;
  /** Clear the line, if one was written. */
  finish(): void;
}

export interface ProgressOptions {
  /** Is the stream a terminal? Nothing is written to anything else. */
  readonly isTTY: boolean;
  /** Milliseconds, for the elapsed time and the rate limit (default performance.now). */
  readonly clock?: () => number;
  readonly intervalMs?: number;
}

const NONE: Progress = { update: () => undefined, finish: () => undefined };

/** Carriage return, the line, then "erase to the end of the line" (ECMA-48 EL), so a shorter line leaves nothing. */
const CLEAR_LINE = '\r\u001b[K';

/** A progress writer on `stream`; a no-op unless `isTTY`. */
export function createProgress(stream: { write(text: string): unknown }, options: ProgressOptions): Progress {
  if (!options.isTTY) return NONE;
  const clock = options.clock ?? (() => performance.now());
  const interval = options.intervalMs ?? PROGRESS_INTERVAL_MS;
  const started = clock();
  let last: number | null = null;
  return {
    update(done, total) {
      const now = clock();
      if (last !== null && now - last < interval) return;
      last = now;
      stream.write(`${CLEAR_LINE}${renderProgress(done, total, now - started)}`);
    },
    finish() {
      if (last !== null) stream.write(CLEAR_LINE);
    },
  };
}
