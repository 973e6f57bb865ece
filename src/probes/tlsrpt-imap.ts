/**
 * The IMAP source of `reports --from` (issue #10 item 1): `imap://` or `imaps://host[:port]/MAILBOX[?move=FOLDER]`.
 *
 * Credentials come from the environment (MTA_STS_DRIFT_IMAP_USER, MTA_STS_DRIFT_IMAP_PASSWORD), never from the URL,
 * so they cannot reach a log, a summary or an issue. The mailbox is opened read-only (IMAP EXAMINE) unless
 * `?move=FOLDER` asks to move the messages whose reports were read. Message size, message count and time are bounded.
 */
import { isIP } from 'node:net';
import type { ImapFlow } from 'imapflow';
import { decodeMessage, emptyCollected, SOURCE_LIMITS, type Collected } from './tlsrpt-decode.js';
import { SourceError } from './tlsrpt-folder.js';

export const IMAP_USER_VAR = 'MTA_STS_DRIFT_IMAP_USER';
export const IMAP_PASSWORD_VAR = 'MTA_STS_DRIFT_IMAP_PASSWORD';
/** The whole IMAP session (connect, search, fetch, move) must end within this. */
export const IMAP_DEADLINE_MS = 120_000;

export interface ImapSource {
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  readonly mailbox: string;
  /** Move the messages whose reports were read to this folder (opens the mailbox read-write). */
  readonly moveTo: string | null;
  /** The URL without credentials, for notes: `imaps://host:993/INBOX`. */
  readonly label: string;
}

export function isImapUrl(spec: string): boolean {
  return /^imaps?:\/\//i.test(spec);
}

/** Parse an IMAP source URL; throws SourceError naming what is wrong. */
export function parseImapUrl(spec: string): ImapSource {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new SourceError(`${JSON.stringify(spec)} is not a URL of the form imaps://host[:port]/MAILBOX`);
  }
  const secure = url.protocol === 'imaps:';
  if (url.username !== '' || url.password !== '') {
    throw new SourceError(
      `the IMAP URL for ${url.hostname} carries credentials; put them in ${IMAP_USER_VAR} and ${IMAP_PASSWORD_VAR} instead`,
    );
  }
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (mailbox === '')
    throw new SourceError(`the IMAP URL for ${url.hostname} names no mailbox (imaps://host/INBOX)`);
  const extra = [...url.searchParams.keys()].filter((k) => k !== 'move');
  if (extra.length > 0)
    throw new SourceError(
      `the IMAP URL for ${url.hostname} has unknown parameters: ${extra.join(', ')} (allowed: move)`,
    );
  const move = url.searchParams.get('move');
  if (move !== null && move.trim() === '')
    throw new SourceError(`the IMAP URL for ${url.hostname}: move= needs a folder name`);
  const port = url.port === '' ? (secure ? 993 : 143) : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { secure, host, port, mailbox, moveTo: move, label: `${url.protocol}//${url.host}/${mailbox}` };
}

/** Plaintext IMAP to loopback only (tests, a local bridge); elsewhere imap:// requires STARTTLS. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

export interface ImapOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Per-operation timeout (connect, greeting, socket idle). */
  readonly timeoutMs: number;
  /** Reports whose date-range could be in the window arrive after its start: search messages since then. */
  readonly since: Date;
  /** Extra trusted roots (tests). */
  readonly ca?: string;
  readonly limits?: { readonly maxMessages: number; readonly maxInputBytes: number };
  readonly deadlineMs?: number;
}

/** Name the failure without echoing anything secret. */
function describeFailure(error: unknown): string {
  const e = error as {
    authenticationFailed?: boolean;
    code?: string;
    responseText?: string;
    message?: string;
  };
  if (e.authenticationFailed === true) return 'authentication failed (check the user and password variables)';
  const text = e.responseText ?? e.message ?? String(error);
  return e.code === undefined ? text : `${e.code}: ${text}`;
}

/** Collect the reports of one IMAP mailbox. Connection and login failures throw SourceError. */
export async function collectImap(source: ImapSource, options: ImapOptions): Promise<Collected> {
  const user = options.env[IMAP_USER_VAR];
  const pass = options.env[IMAP_PASSWORD_VAR];
  if (user === undefined || user === '' || pass === undefined) {
    throw new SourceError(
      `${source.label}: set ${IMAP_USER_VAR} and ${IMAP_PASSWORD_VAR} to read this mailbox`,
    );
  }
  const limits = options.limits ?? SOURCE_LIMITS;
  // Loaded only when a mailbox is read: the IMAP client and its dependencies add about 30 MB to a process that
  // only checks domains (issue #9 item 4).
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: source.host,
    port: source.port,
    secure: source.secure,
    // imap:// must upgrade with STARTTLS, except to loopback (a local bridge, the tests), where it stays plaintext.
    ...(source.secure ? {} : { doSTARTTLS: !isLoopback(source.host) }),
    auth: { user, pass },
    logger: false,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: Math.max(options.timeoutMs, 30_000),
    // A literal (one message) over the bound ends the connection rather than filling memory.
    maxLiteralSize: limits.maxInputBytes + 64 * 1024,
    ...(options.ca === undefined ? {} : { tls: { ca: options.ca } }),
  });
  client.on('error', () => undefined); // Surfaced through the rejected promise; an unhandled 'error' would crash.
  const deadline = setTimeout(() => client.close(), options.deadlineMs ?? IMAP_DEADLINE_MS);
  try {
    await client.connect();
    return await readMailbox(client, source, options.since, limits);
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`${source.label}: ${describeFailure(error)}`);
  } finally {
    clearTimeout(deadline);
    await client.logout().catch(() => client.close());
  }
}

async function readMailbox(
  client: ImapFlow,
  source: ImapSource,
  since: Date,
  limits: { readonly maxMessages: number; readonly maxInputBytes: number },
): Promise<Collected> {
  const out = emptyCollected();
  // EXAMINE unless messages are to be moved (RFC 9051 §6.3.3): reading never changes the \Seen flags.
  const lock = await client.getMailboxLock(source.mailbox, { readOnly: source.moveTo === null });
  try {
    const found = (await client.search({ since }, { uid: true })) || [];
    const uids = [...found].sort((a, b) => a - b);
    const skipped = uids.slice(0, Math.max(0, uids.length - limits.maxMessages));
    if (skipped.length > 0) {
      out.ignored.push({
        source: source.label,
        reason: `${skipped.length} older messages over the bound of ${limits.maxMessages}; not read`,
      });
    }
    const wanted = uids.slice(skipped.length);
    if (wanted.length === 0) return out;
    const small: number[] = [];
    for await (const msg of client.fetch(wanted, { uid: true, size: true }, { uid: true })) {
      if ((msg.size ?? 0) > limits.maxInputBytes) {
        out.rejected.push({
          source: `${source.label}/${msg.uid}`,
          reason: `message is ${msg.size} bytes; at most ${limits.maxInputBytes} are read`,
        });
      } else small.push(msg.uid);
    }
    const processed: number[] = [];
    if (small.length > 0) {
      // maxLength bounds the download even when the server's size was a lie.
      const messages = await client.fetchAll(
        small,
        { uid: true, source: { maxLength: limits.maxInputBytes + 1 } },
        { uid: true },
      );
      for (const msg of messages) {
        const label = `${source.label}/${msg.uid}`;
        const raw = msg.source ?? Buffer.alloc(0);
        if (raw.length > limits.maxInputBytes) {
          out.rejected.push({
            source: label,
            reason: `message is over ${limits.maxInputBytes} bytes; not read`,
          });
          continue;
        }
        const before = out.reports.length;
        await decodeMessage(raw, label, out);
        if (out.reports.length > before) processed.push(msg.uid);
      }
    }
    if (source.moveTo !== null && processed.length > 0) {
      const moved = await client.messageMove(processed, source.moveTo, { uid: true });
      if (moved === false)
        throw new SourceError(`${source.label}: could not move messages to ${source.moveTo}`);
    }
    return out;
  } finally {
    lock.release();
  }
}
