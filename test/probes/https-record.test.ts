import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startAttempt, type Attempt } from '../../src/probes/https-connect.js';
import { headerValue, readCapped, recordFailure } from '../../src/probes/https-record.js';

describe('headerValue', () => {
  it.each([
    { value: undefined, text: null },
    { value: 'text/plain', text: 'text/plain' },
    { value: '', text: '' },
    { value: ['text/plain', 'text/html'], text: 'text/plain, text/html' },
  ])('$value -> $text', ({ value, text }) => {
    expect(headerValue(value)).toBe(text);
  });
});

/** A body stream of `chunks` that records whether it was destroyed and how many chunks were pulled. */
function body(chunks: readonly (string | Buffer)[]): Readable & { pulled: () => number } {
  let pulled = 0;
  const stream = Readable.from(
    (function* () {
      for (const chunk of chunks) {
        pulled++;
        yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      }
    })(),
    { objectMode: false, highWaterMark: 1 },
  );
  return Object.assign(stream, { pulled: () => pulled });
}

describe('readCapped', () => {
  it('keeps a body that fits', async () => {
    const read = await readCapped(body(['ab', 'cd']), 4);
    expect(read).toEqual({ bytes: Buffer.from('abcd'), truncated: false });
  });

  it('keeps an empty body', async () => {
    expect(await readCapped(body([]), 4)).toEqual({ bytes: Buffer.alloc(0), truncated: false });
  });

  it('cuts a longer body at maxBytes, stops pulling and destroys the stream', async () => {
    const stream = body(['abc', 'def', 'ghi', 'jkl']);
    const read = await readCapped(stream, 4);
    expect(read).toEqual({ bytes: Buffer.from('abcd'), truncated: true });
    expect(stream.destroyed).toBe(true);
    expect(stream.pulled()).toBeLessThan(4);
  });

  it('accepts string chunks from a non-Buffer iterable', async () => {
    const chunks = ['ab', 'c'];
    const iterable = {
      destroy: () => undefined,
      [Symbol.asyncIterator]: async function* () {
        yield* chunks;
      },
    };
    expect(await readCapped(iterable, 10)).toEqual({ bytes: Buffer.from('abc'), truncated: false });
  });
});

function attempt(overrides: Partial<Attempt>): Attempt {
  return { ...startAttempt(), ...overrides };
}

const address = '192.0.2.80';
const refused = Object.assign(new Error('connect ECONNREFUSED 192.0.2.80:443'), { code: 'ECONNREFUSED' });
const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('recordFailure', () => {
  it.each([
    {
      case: 'the deadline, whatever the error',
      error: reset,
      attempt: attempt({ phase: 'headers', timedOut: true }),
      fetch: { address, outcome: 'timeout', error: 'no complete response within 1000 ms (headers)' },
    },
    {
      case: 'a system ETIMEDOUT is a timeout too',
      error: Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }),
      attempt: attempt({ phase: 'connect' }),
      fetch: { address, outcome: 'timeout', error: 'no complete response within 1000 ms (connect)' },
    },
    {
      case: 'an error during the handshake is a TLS failure',
      error: reset,
      attempt: attempt({ phase: 'handshake' }),
      fetch: { address, outcome: 'tls-failed', error: 'ECONNRESET: socket hang up' },
    },
    {
      case: 'an error before TCP is up is unreachable',
      error: refused,
      attempt: attempt({ phase: 'connect' }),
      fetch: { address, outcome: 'unreachable', error: 'connect ECONNREFUSED 192.0.2.80:443' },
    },
    {
      case: 'a non-Error is still described',
      error: 'odd',
      attempt: attempt({ phase: 'body' }),
      fetch: { address, outcome: 'unreachable', error: 'odd' },
    },
  ])('$case', ({ error, attempt, fetch }) => {
    expect(recordFailure(address, error, attempt, 1_000)).toEqual(fetch);
  });
});
