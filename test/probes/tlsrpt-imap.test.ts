import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectImap, parseImapUrl } from '../../src/probes/tlsrpt-imap.js';
import { SourceError } from '../../src/probes/tlsrpt-folder.js';

describe('parseImapUrl', () => {
  it.each<[string, object]>([
    [
      'imaps://imap.example.net/INBOX',
      {
        secure: true,
        host: 'imap.example.net',
        port: 993,
        mailbox: 'INBOX',
        moveTo: null,
        label: 'imaps://imap.example.net/INBOX',
      },
    ],
    [
      'imap://127.0.0.1:1143/TLS%20Reports?move=Done',
      {
        secure: false,
        host: '127.0.0.1',
        port: 1143,
        mailbox: 'TLS Reports',
        moveTo: 'Done',
        label: 'imap://127.0.0.1:1143/TLS Reports',
      },
    ],
    ['imaps://[::1]:9993/a/b', { host: '::1', port: 9993, mailbox: 'a/b' }],
  ])('%s', (url, expected) => {
    expect(parseImapUrl(url)).toMatchObject(expected);
  });

  it.each<[string, string]>([
    ['imaps://user:pw@imap.example.net/INBOX', 'carries credentials'],
    ['imaps://imap.example.net/', 'names no mailbox'],
    ['imaps://imap.example.net/INBOX?delete=1', 'unknown parameters: delete (allowed: move)'],
    ['imaps://imap.example.net/INBOX?move=', 'move= needs a folder name'],
  ])('%s is refused: %s', (url, message) => {
    expect(() => parseImapUrl(url)).toThrow(SourceError);
    expect(() => parseImapUrl(url)).toThrow(message);
  });
});

describe('collectImap timeouts', () => {
  let silent: Server;
  let port = 0;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts and never greets: the greeting timeout must end the attempt.
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('a server that never greets fails within the timeout with a clear error', async () => {
    const started = Date.now();
    const attempt = collectImap(parseImapUrl(`imap://127.0.0.1:${port}/INBOX`), {
      env: { MTA_STS_DRIFT_IMAP_USER: 'u', MTA_STS_DRIFT_IMAP_PASSWORD: 'p-secret' },
      timeoutMs: 500,
      since: new Date(),
    });
    await expect(attempt).rejects.toThrow(SourceError);
    await expect(attempt).rejects.toThrow(new RegExp(`^imap://127.0.0.1:${port}/INBOX: `));
    await expect(attempt).rejects.not.toThrow('p-secret');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('the overall deadline ends a session that keeps going', async () => {
    const attempt = collectImap(parseImapUrl(`imap://127.0.0.1:${port}/INBOX`), {
      env: { MTA_STS_DRIFT_IMAP_USER: 'u', MTA_STS_DRIFT_IMAP_PASSWORD: 'p' },
      timeoutMs: 60_000,
      since: new Date(),
      deadlineMs: 300,
    });
    await expect(attempt).rejects.toThrow(SourceError);
  });
});
