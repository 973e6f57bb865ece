/**
 * SMTP replies (RFC 5321 §4.2): parsing one line, judging a complete reply, and reading replies from the
 * plaintext part of a session within the line, reply and session size bounds.
 */
import type { Socket } from 'node:net';
import {
  MAX_BANNER_CHARS,
  MAX_SMTP_LINE_BYTES,
  MAX_SMTP_REPLY_LINES,
  MAX_SMTP_SESSION_BYTES,
} from './limits.js';
import { errorText, ProbeFailure } from './smtp-failure.js';

/** One parsed reply line (RFC 5321 §4.2): `250-text` continues a reply, `250 text` or `250` ends it. */
export interface ReplyLine {
  readonly code: number;
  readonly final: boolean;
  readonly text: string;
}

/** A complete reply: one code, one text per line. */
export interface Reply {
  readonly code: number;
  readonly lines: readonly string[];
}

/**
 * Parses one reply line without its line ending. Returns null for anything that is not `Reply-code [SP text]`
 * or `Reply-code "-" text` with a code of 2xx to 5xx (RFC 5321 §4.2, §4.2.1).
 */
export function parseReplyLine(line: string): ReplyLine | null {
  const match = /^([2-5][0-9][0-9])(?:([ -])(.*))?$/.exec(line);
  if (match === null) return null;
  return { code: Number(match[1]), final: match[2] !== '-', text: match[3] ?? '' };
}

/** EHLO reply lines after the first are keywords with parameters (RFC 5321 §4.1.1.1); keywords ignore case. */
export function offersStartTls(ehlo: Reply): boolean {
  return ehlo.lines.slice(1).some((line) => line.split(' ')[0]?.toUpperCase() === 'STARTTLS');
}

/** A reply quoted for an error message, cut at the banner length: the server's text is data, not trusted. */
export function describeReply(reply: Reply): string {
  return JSON.stringify(`${reply.code} ${reply.lines.join(' / ')}`.slice(0, MAX_BANNER_CHARS));
}

/** Reads reply lines from the plaintext part of the session, within the line, reply and session bounds. */
export class ReplyReader {
  private partial = Buffer.alloc(0);
  private readonly lines: string[] = [];
  private received = 0;
  private failure: ProbeFailure | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  /** Reads one complete reply; every line must carry the same code (RFC 5321 §4.2.1). */
  async read(): Promise<Reply> {
    const texts: string[] = [];
    let code: number | null = null;
    for (;;) {
      const raw = await this.nextLine();
      const line = parseReplyLine(raw);
      if (line === null) throw new ProbeFailure('protocol-error', `not an SMTP reply: ${quoteRaw(raw)}`);
      if (code !== null && line.code !== code) {
        throw new ProbeFailure('protocol-error', `reply codes differ within one reply: ${quoteRaw(raw)}`);
      }
      code = line.code;
      texts.push(line.text);
      if (line.final) return { code, lines: texts };
      if (texts.length >= MAX_SMTP_REPLY_LINES) {
        throw new ProbeFailure('protocol-error', `reply longer than ${MAX_SMTP_REPLY_LINES} lines`);
      }
    }
  }

  /** Stops reading, so the socket can be handed to TLS. */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('error', this.onError);
    this.socket.off('close', this.onClose);
  }

  private async nextLine(): Promise<string> {
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) return line;
      if (this.failure !== null) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private readonly onData = (chunk: Buffer): void => {
    this.received += chunk.length;
    if (this.received > MAX_SMTP_SESSION_BYTES) return this.fail(`more than ${MAX_SMTP_SESSION_BYTES} bytes`);
    let data = Buffer.concat([this.partial, chunk]);
    for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a)) {
      const line = data.subarray(0, end > 0 && data[end - 1] === 0x0d ? end - 1 : end);
      if (line.length > MAX_SMTP_LINE_BYTES)
        return this.fail(`reply line longer than ${MAX_SMTP_LINE_BYTES} bytes`);
      this.lines.push(line.toString('utf8'));
      data = data.subarray(end + 1);
    }
    this.partial = data;
    if (data.length > MAX_SMTP_LINE_BYTES)
      return this.fail(`reply line longer than ${MAX_SMTP_LINE_BYTES} bytes`);
    this.notify();
  };

  private readonly onError = (error: Error): void => {
    this.failure ??= new ProbeFailure('unreachable', errorText(error));
  };

  private readonly onClose = (): void => {
    this.failure ??= new ProbeFailure('unreachable', 'connection closed by the server');
    this.notify();
  };

  private fail(message: string): void {
    this.failure ??= new ProbeFailure('protocol-error', message);
    this.socket.destroy();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

function quoteRaw(raw: string): string {
  return JSON.stringify(raw.slice(0, 80));
}
