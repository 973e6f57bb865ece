import { describe, expect, it } from 'vitest';
import { createLimiter, mapPool } from '../../src/probes/pool.js';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('createLimiter (issue #11 item 6)', () => {
  it('never runs more than the bound at once, across callers arriving at any moment', async () => {
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const task = async (ms: number): Promise<number> => {
      running++;
      peak = Math.max(peak, running);
      await tick(ms);
      running--;
      return ms;
    };
    // Two independent pools share the limiter, as SMTP probes and policy fetches do.
    const [a, b] = await Promise.all([
      mapPool([5, 1, 3, 2, 4, 1], 6, (ms) => limit(() => task(ms))),
      mapPool([2, 2, 2, 2], 4, (ms) => limit(() => task(ms))),
    ]);
    expect(a).toEqual([5, 1, 3, 2, 4, 1]);
    expect(b).toEqual([2, 2, 2, 2]);
    expect(peak).toBe(3);
  });

  it('frees the slot when a task fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
