import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  MAX_SMTP_LINE_BYTES,
  MAX_SMTP_REPLY_LINES,
  MAX_SMTP_SESSION_BYTES,
} from '../../src/probes/limits.js';
import { ProbeFailure } from '../../src/probes/smtp-failure.js';
import { describeReply, offersStartTls, parseReplyLine, ReplyReader } from '../../src/probes/smtp-reply.js';

describe('parseReplyLine (RFC 5321 §4.2)', () => {
  it.each([
    { line: '220 mx.example.test ESMTP', parsed: { code: 220, final: true, text: 'mx.example.test ESMTP' } },
    { line: '250-PIPELINING', parsed: { code: 250, final: false, text: 'PIPELINING' } },
    { line: '250', parsed: { code: 250, final: true, text: '' } },
    { line: '250 ', parsed: { code: 250, final: true, text: '' } },
    { line: '554 5.3.2 go away', parsed: { code: 554, final: true, text: '5.3.2 go away' } },
    { line: '199 too low', parsed: null },
    { line: '600 too high', parsed: null },
    { line: '25 short', parsed: null },
    { line: '2500 long', parsed: null },
    { line: '250x', parsed: null },
    { line: 'HTTP/1.1 400 Bad Request', parsed: null },
    { line: '', parsed: null },
  ])('$line', ({ line, parsed }) => {
    expect(parseReplyLine(line)).toEqual(parsed);
  });
});

describe('offersStartTls (RFC 5321 §4.1.1.1, RFC 3207 §4)', () => {
  it.each([
    { lines: ['mx greets you', 'PIPELINING', 'STARTTLS', '8BITMIME'], offered: true },
    { lines: ['mx greets you', 'starttls'], offered: true },
    { lines: ['mx greets you', 'STARTTLS extra-parameter'], offered: true },
    { lines: ['mx greets you', 'PIPELINING'], offered: false },
    // The first line is the greeting text, not a keyword.
    { lines: ['STARTTLS'], offered: false },
    { lines: ['mx greets you', 'X-STARTTLS'], offered: false },
  ])('$lines -> $offered', ({ lines, offered }) => {
    expect(offersStartTls({ code: 250, lines })).toBe(offered);
  });
});

describe('describeReply', () => {
  it('quotes code and lines', () => {
    expect(describeReply({ code: 454, lines: ['4.7.0 not now', 'try later'] })).toBe(
      '"454 4.7.0 not now / try later"',
    );
  });

  it('cuts a long reply at 512 characters before quoting', () => {
    expect(describeReply({ code: 554, lines: ['x'.repeat(1_000)] })).toHaveLength(512 + 2);
  });
});

/** A stand-in for the plaintext socket: the reader only listens for events and may destroy it. */
function fakeSocket(): Socket & { destroyed: boolean } {
  const socket = new EventEmitter() as unknown as Socket & { destroyed: boolean };
  socket.destroyed = false;
  socket.destroy = () => {
    socket.destroyed = true;
    return socket;
  };
  return socket;
}

async function failureOf(promise: Promise<unknown>): Promise<ProbeFailure> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ProbeFailure)) throw new Error(`expected a ProbeFailure, got ${String(error)}`);
  return error;
}

describe('ReplyReader', () => {
  it('reads a multi-line reply split across chunks, with CRLF or bare LF endings', async () => {
    const socket = fakeSocket();
    const reader = new ReplyReader(socket);
    const reply = reader.read();
    socket.emit('data', Buffer.from('250-mx greets you\r\n250-PIPE'));
    socket.emit('data', Buffer.from('LINING\n250 STARTTLS\r\n'));
    await expect(reply).resolves.toEqual({ code: 250, lines: ['mx greets you', 'PIPELINING', 'STARTTLS'] });
  });

  it('keeps lines that arrived early for the next read', async () => {
    const socket = fakeSocket();
    const reader = new ReplyReader(socket);
    socket.emit('data', Buffer.from('220 hello\r\n250 ok\r\n'));
    await expect(reader.read()).resolves.toEqual({ code: 220, lines: ['hello'] });
    await expect(reader.read()).resolves.toEqual({ code: 250, lines: ['ok'] });
  });

  it.each([
    { fault: 'garbage', data: 'nope\r\n', message: 'not an SMTP reply: "nope"' },
    { fault: 'mixed codes', data: '250-a\r\n251 b\r\n', message: 'reply codes differ within one reply' },
    {
      fault: 'too many lines',
      data: '220-x\r\n'.repeat(MAX_SMTP_REPLY_LINES),
      message: `reply longer than ${MAX_SMTP_REPLY_LINES} lines`,
    },
  ])('rejects $fault as a protocol error', async ({ data, message }) => {
    const socket = fakeSocket();
    const reader = new ReplyReader(socket);
    socket.emit('data', Buffer.from(data));
    const failure = await failureOf(reader.read());
    expect(failure.outcome).toBe('protocol-error');
    expect(failure.message).toContain(message);
  });

  it.each([
    { bound: 'a complete line', data: `220 ${'x'.repeat(MAX_SMTP_LINE_BYTES)}\r\n` },
    { bound: 'an unfinished line', data: `220 ${'x'.repeat(MAX_SMTP_LINE_BYTES)}` },
  ])('stops at $bound over the line bound, and closes the socket', async ({ data }) => {
    const socket = fakeSocket();
    const reader = new ReplyReader(socket);
    socket.emit('data', Buffer.from(data));
    const failure = await failureOf(reader.read());
    expect(failure).toMatchObject({ outcome: 'protocol-error' });
    expect(failure.message).toContain(`longer than ${MAX_SMTP_LINE_BYTES} bytes`);
    expect(socket.destroyed).toBe(true);
  });

  it('accepts a line of exactly the line bound', async () => {
    const socket = fakeSocket();
    const reader = new ReplyReader(socket);
    const text = 'x'.repeat(MAX_SMTP_LINE_BYTES - 4);
    socket.emit('data', Buffer.from(`220 ${text}\r\n`));
    await expect(reader.read()).resolves.toEqual({ code: 220, lines: [text] });
  });

  it('stops after the session bound, counting every byte received', async () => {
    const socket = fakeSocket();
    const reader = new ReplyReader(socket);
    const line = `220-${'x'.repeat(1_000)}\r\n`;
    const reply = reader.read();
    for (let sent = 0; sent <= MAX_SMTP_SESSION_BYTES; sent += line.length)
      socket.emit('data', Buffer.from(line));
    const failure = await failureOf(reply);
    expect(failure.message).toBe(`more than ${MAX_SMTP_SESSION_BYTES} bytes`);
  });

  it('reports a close before a complete reply as unreachable', async () => {
    const socket = fakeSocket();
    const reader = new ReplyReader(socket);
    const reply = reader.read();
    socket.emit('data', Buffer.from('220-first line\r\n'));
    socket.emit('close');
    const failure = await failureOf(reply);
    expect(failure).toMatchObject({ outcome: 'unreachable', message: 'connection closed by the server' });
  });

  it('stops listening once detached, so the socket can carry TLS', () => {
    const socket = fakeSocket();
    const reader = new ReplyReader(socket);
    reader.detach();
    expect(socket.listenerCount('data') + socket.listenerCount('error') + socket.listenerCount('close')).toBe(
      0,
    );
  });
});
