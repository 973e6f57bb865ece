/** The CLI's progress line (issue #9 item 4): the pure renderer, and the writer's terminal-only, rate-limited output. */
import { describe, expect, it } from 'vitest';
import { createProgress, PROGRESS_INTERVAL_MS, renderProgress } from '../../src/report/progress.js';

describe('renderProgress', () => {
  it.each<[number, number, number, string]>([
    [0, 1000, 0, 'Checking domains: 0/1000 (0%), 0.0 s'],
    [120, 1000, 4249, 'Checking domains: 120/1000 (12%), 4.2 s'],
    [999, 1000, 61_000, 'Checking domains: 999/1000 (99%), 61.0 s'],
    [3, 3, 250, 'Checking domains: 3/3 (100%), 0.3 s'],
    [0, 0, 10, 'Checking domains: 0/0 (100%), 0.0 s'],
  ])('%i of %i after %i ms', (done, total, ms, line) => {
    expect(renderProgress(done, total, ms)).toBe(line);
  });
});

/** A stream that records writes, and a clock the test moves. */
function setup(isTTY: boolean) {
  const writes: string[] = [];
  let now = 1000;
  const progress = createProgress(
    { write: (text: string) => writes.push(text) },
    { isTTY, clock: () => now },
  );
  return { writes, progress, advance: (ms: number) => (now += ms) };
}

describe('createProgress', () => {
  it('writes nothing when the stream is not a terminal', () => {
    const { writes, progress, advance } = setup(false);
    for (let i = 0; i <= 10; i++) {
      progress.update(i, 10);
      advance(PROGRESS_INTERVAL_MS);
    }
    progress.finish();
    expect(writes).toEqual([]);
  });

  it('rewrites one line in place at most every 200 ms, then clears it', () => {
    const { writes, progress, advance } = setup(true);
    progress.update(0, 10);
    progress.update(1, 10); // too soon: skipped
    advance(PROGRESS_INTERVAL_MS - 1);
    progress.update(2, 10); // still too soon
    advance(1);
    progress.update(3, 10);
    advance(PROGRESS_INTERVAL_MS * 3);
    progress.update(10, 10);
    progress.finish();
    expect(writes).toEqual([
      '\r\u001b[KChecking domains: 0/10 (0%), 0.0 s',
      '\r\u001b[KChecking domains: 3/10 (30%), 0.2 s',
      '\r\u001b[KChecking domains: 10/10 (100%), 0.8 s',
      '\r\u001b[K',
    ]);
    expect(writes.join('')).not.toContain('\n');
  });

  it('clears nothing when it never wrote', () => {
    const { writes, progress } = setup(true);
    progress.finish();
    expect(writes).toEqual([]);
  });
});
