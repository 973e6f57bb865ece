/**
 * The IMAP source of TLS-RPT reports against a real Dovecot (issue #10 item 1): read-only by default, the move
 * option, bounds on message size and count, credentials from the environment and never printed.
 */
import { gzipSync } from 'node:zlib';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportsSummary } from '../../src/core/tlsrpt-aggregate.js';
import { collectImap, IMAP_PASSWORD_VAR, IMAP_USER_VAR, parseImapUrl } from '../../src/probes/tlsrpt-imap.js';
import { failure, tlsrptMessage, tlsrptReport } from '../helpers/tlsrpt-fixtures.js';
import { issueCertificate, testCa } from '../helpers/test-ca.js';
import { startDovecot, type Dovecot } from './world/dovecot.js';
import { runCliCaptured } from '../helpers/run-cli.js';

let dovecot: Dovecot;
const NOW = new Date();
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

function client(): ImapFlow {
  return new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
}

/** Run a block with a logged-in client of our own, to set up and inspect the mailbox. */
async function withClient<T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = client();
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.logout();
  }
}

async function mailbox(c: ImapFlow, path: string): Promise<{ uid: number; seen: boolean }[]> {
  const lock = await c.getMailboxLock(path, { readOnly: true });
  try {
    if (c.mailbox === false || c.mailbox.exists === 0) return [];
    return (await c.fetchAll('1:*', { uid: true, flags: true })).map((m) => ({
      uid: m.uid,
      seen: m.flags?.has('\\Seen') === true,
    }));
  } finally {
    lock.release();
  }
}

async function cli(args: string[], env: NodeJS.ProcessEnv, ca?: string) {
  return runCliCaptured(args, { env, now: () => NOW, ...(ca === undefined ? {} : { ca }) });
}

const report = (reportId: string, extra: Parameters<typeof tlsrptReport>[0] = {}) =>
  JSON.stringify(tlsrptReport({ organization: 'Org A', reportId, start: day(2), end: day(1), ...extra }));

beforeAll(async () => {
  dovecot = await startDovecot({ tls: issueCertificate({ names: ['localhost'] }) });
  await withClient(async (c) => {
    await c.mailboxCreate('Processed');
    await c.mailboxCreate('Bounds');
    await c.append(
      'INBOX',
      tlsrptMessage(gzipSync(report('r1', { failed: 4, failures: [failure('certificate-expired', 4)] }))),
    );
    await c.append(
      'INBOX',
      tlsrptMessage(Buffer.from(report('r2')), { mediaType: 'application/tlsrpt+json', filename: 'r2.json' }),
    );
    await c.append(
      'INBOX',
      'From: someone@example.net\r\nTo: reports@example.com\r\nSubject: hello\r\n\r\nnot a report\r\n',
    );
    await c.append('INBOX', tlsrptMessage(gzipSync(Buffer.alloc(32 * 1024 * 1024), { level: 9 })));
    // Copies of r1 and r2 in another mailbox for the bounds: one small, one large.
    await c.append('Bounds', tlsrptMessage(gzipSync(report('b1'))));
    await c.append(
      'Bounds',
      tlsrptMessage(Buffer.from(report('b2', { organization: 'X'.repeat(5000) })), {
        mediaType: 'application/tlsrpt+json',
        filename: 'b2.json',
      }),
    );
    await c.append('Bounds', tlsrptMessage(gzipSync(report('b3'))));
  });
});
afterAll(async () => {
  await dovecot?.stop();
});

describe('reports --from imap:// (Dovecot)', () => {
  const env = () => ({ [IMAP_USER_VAR]: dovecot.user, [IMAP_PASSWORD_VAR]: dovecot.password });
  const url = () => `imap://127.0.0.1:${dovecot.port}/INBOX`;

  it('reads the reports of a mailbox read-only (EXAMINE): nothing is marked \\Seen or moved', async () => {
    const { code, stdout, stderr } = await cli(['reports', '--from', url(), '--json'], env());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as ReportsSummary;
    expect(summary.domains[0]).toMatchObject({
      domain: 'example.com',
      reports: 2,
      failed: 4,
      byResultType: { 'certificate-expired': 4 },
    });
    expect(summary.ignored).toEqual([
      {
        source: `${url()}/3`,
        reason: 'no application/tlsrpt+gzip or application/tlsrpt+json part (not a TLS-RPT report)',
      },
    ]);
    expect(summary.rejected).toEqual([
      {
        source: `${url()}/4`,
        reason: expect.stringMatching(
          /^gzip data inflates to more than \d+ bytes \(a gzip bomb\?\); not read$/,
        ) as unknown,
      },
    ]);
    expect(stdout).not.toContain(dovecot.password);
    const inbox = await withClient((c) => mailbox(c, 'INBOX'));
    expect(inbox).toEqual([1, 2, 3, 4].map((uid) => ({ uid, seen: false })));
    expect(await dovecot.log()).toMatch(/Logged out .*deleted=0 expunged=0/);
  });

  it('imaps:// verifies the server certificate: trusted root, read; unknown root, refused', async () => {
    const imaps = `imaps://localhost:${dovecot.imapsPort}/INBOX`;
    const trusted = await cli(['reports', '--from', imaps, '--json'], env(), testCa.certPem);
    expect(trusted.stderr).toBe('');
    expect((JSON.parse(trusted.stdout) as ReportsSummary).domains[0]?.reports).toBe(2);
    const untrusted = await cli(['reports', '--from', imaps], env());
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr).toMatch(
      new RegExp(`^mta-sts-drift: ${imaps}: .*(certificate|self.signed|issuer)`, 'i'),
    );
  });

  it('a mailbox that does not exist fails naming it', async () => {
    const { code, stderr } = await cli(['reports', '--from', `imap://127.0.0.1:${dovecot.port}/Nope`], env());
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^mta-sts-drift: imap://127.0.0.1:${dovecot.port}/Nope: .*`));
    expect(stderr).not.toContain(dovecot.password);
  });

  it('bounds the number of messages (the newest are read) and the size of each', async () => {
    const out = await collectImap(parseImapUrl(`imap://127.0.0.1:${dovecot.port}/Bounds`), {
      env: env(),
      timeoutMs: 5000,
      since: new Date(NOW.getTime() - 7 * 86_400_000),
      limits: {
        maxMessages: 2,
        maxInputBytes: 1500 + Buffer.byteLength(tlsrptMessage(gzipSync(report('b1')))),
      },
    });
    expect(out.reports.map((r) => r.report.reportId)).toEqual(['b3']);
    expect(out.ignored).toEqual([
      {
        source: `imap://127.0.0.1:${dovecot.port}/Bounds`,
        reason: '1 older messages over the bound of 2; not read',
      },
    ]);
    expect(out.rejected).toEqual([
      {
        source: `imap://127.0.0.1:${dovecot.port}/Bounds/2`,
        reason: expect.stringMatching(/^message is \d+ bytes; at most \d+ are read$/) as unknown,
      },
    ]);
  });

  it('?move=Processed moves the messages whose reports were read, and only those', async () => {
    const { code } = await cli(['reports', '--from', `${url()}?move=Processed`, '--json'], env());
    expect(code).toBe(0);
    const [inbox, processed] = await withClient(async (c) => [
      await mailbox(c, 'INBOX'),
      await mailbox(c, 'Processed'),
    ]);
    expect(inbox.map((m) => m.uid)).toEqual([3, 4]);
    expect(processed).toHaveLength(2);
    const again = JSON.parse(
      (await cli(['reports', '--from', `imap://127.0.0.1:${dovecot.port}/Processed`, '--json'], env()))
        .stdout,
    ) as ReportsSummary;
    expect(again.domains[0]?.reports).toBe(2);
  });

  // Last: Dovecot delays the next logins from the same address after a failed one.
  it('a wrong password fails with a clear message that never shows the password', async () => {
    const { code, stderr, stdout } = await cli(['reports', '--from', url()], {
      [IMAP_USER_VAR]: dovecot.user,
      [IMAP_PASSWORD_VAR]: 'wrong-password-W9',
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `mta-sts-drift: ${url()}: authentication failed (check the user and password variables)\n`,
    );
  });
});
