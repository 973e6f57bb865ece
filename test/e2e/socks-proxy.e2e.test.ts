/**
 * The SMTP probe through a real SOCKS5 server, Dante (danted), issue #10 part 2. Dante listens on 127.0.0.1 and
 * connects out from 127.0.0.3, so the SMTP test server seeing 127.0.0.3 proves the probe went through it, and
 * Dante's own log names every connection it relayed.
 *
 * Username/password auth (RFC 1929): Dante checks system users (getpwnam/getspnam). Rather than add a user to the
 * machine, Dante runs in a private mount namespace (`unshare --mount`) where copies of /etc/passwd and
 * /etc/shadow with one throwaway user are bind-mounted over the real ones; the host's files are never touched.
 * No network namespace is needed: everything stays on loopback.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObserveDeps } from '../../src/probe-deps.js';
import { observeDomains } from '../../src/probes/observe.js';
import { createSmtpProber } from '../../src/probes/smtp.js';
import { parseSocksProxyUrl } from '../../src/probes/socks.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { issueCertificate, testCa } from '../helpers/test-ca.js';
import { assertPrerequisites } from './harness/prerequisites.js';

const MX = 'mx.proxied.test';
const USER = 'mtastsprobe';
const PASSWORD = 'e2e-Pr0xy-pw';
const OUTBOUND = '127.0.0.3';

let dir = '';
let dante: ChildProcess | undefined;
let port = 0;
let smtp: TestSmtpServer;
let dns: TestDnsServer;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port: free } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return free;
}

async function waitForPort(target: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: target });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`danted did not listen on 127.0.0.1:${target}; see ${join(dir, 'danted.log')}`);
}

/** Dante's log so far; it writes each line as it happens. */
const danteLog = (): Promise<string> => readFile(join(dir, 'danted.log'), 'utf8');

/**
 * Dante's accept lines, once its log has stopped growing: a line can reach the file after its session, so a count
 * read right after an earlier test can still be missing that test's line (seen in CI as 7, then 8).
 */
async function settledAccepts(): Promise<number> {
  const count = async () => (await danteLog()).split('\n').filter((l) => l.includes('tcp/accept')).length;
  let last = await count();
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await count();
    if (now === last) return now;
    last = now;
  }
  return last;
}

beforeAll(async () => {
  assertPrerequisites();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-dante-'));
  port = await freePort();
  const hash = execFileSync('openssl', ['passwd', '-6', PASSWORD], { encoding: 'utf8' }).trim();
  await writeFile(
    join(dir, 'passwd'),
    `${await readFile('/etc/passwd', 'utf8')}${USER}:x:64999:64999::/nonexistent:/usr/sbin/nologin\n`,
  );
  await writeFile(
    join(dir, 'shadow'),
    `${await readFile('/etc/shadow', 'utf8')}${USER}:${hash}:20000:0:99999:7:::\n`,
    { mode: 0o600 },
  );
  // Loopback only: Dante accepts clients from 127.0.0.0/8 and relays only to 127.0.0.0/8.
  await writeFile(
    join(dir, 'danted.conf'),
    [
      `logoutput: ${join(dir, 'danted.log')}`,
      `internal: 127.0.0.1 port = ${port}`,
      `external: ${OUTBOUND}`,
      'clientmethod: none',
      'socksmethod: username none',
      'user.privileged: root',
      'user.unprivileged: nobody',
      'client pass {',
      '  from: 127.0.0.0/8 to: 0.0.0.0/0',
      '  log: connect disconnect error',
      '}',
      'socks pass {',
      '  from: 127.0.0.0/8 to: 127.0.0.0/8',
      '  command: connect',
      '  log: connect disconnect error',
      '}',
      '',
    ].join('\n'),
  );
  const script = `mount --bind "$1/passwd" /etc/passwd && mount --bind "$1/shadow" /etc/shadow && exec /usr/sbin/danted -f "$1/danted.conf"`;
  dante = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', dir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await waitForPort(port, Date.now() + 10_000);
  smtp = await startSmtpServer({ certificate: issueCertificate({ names: [MX] }) });
  dns = await startDnsServer({
    records: {
      'proxied.test': { MX: [{ preference: 10, exchange: MX }] },
      [MX]: { A: ['127.0.0.1'] },
    },
  });
});

afterAll(async () => {
  if (dante?.pid !== undefined && dante.exitCode === null) {
    dante.kill('SIGTERM');
    await once(dante, 'exit');
  }
  await Promise.all([smtp?.close(), dns?.close()]);
  if (process.env['E2E_KEEP'] !== '1' && dir !== '') await rm(dir, { recursive: true, force: true });
});

const probe = (url: string) =>
  createSmtpProber({ port: smtp.port, ca: testCa.certPem, timeoutMs: 5_000, proxy: parseSocksProxyUrl(url) })(
    MX,
    '127.0.0.1',
  );

describe('SMTP probes through Dante (issue #10 part 2)', () => {
  it('without auth: the whole STARTTLS probe goes through the proxy', async () => {
    const peers = smtp.peers.length;
    const result = await probe(`socks5://127.0.0.1:${port}`);
    expect(result).toMatchObject({ outcome: 'tls', tls: { chainTrusted: true, nameMatches: true } });
    expect(smtp.peers.slice(peers)).toEqual([OUTBOUND]);
    expect(await danteLog()).toMatch(
      new RegExp(
        `tcp/connect \\[: 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\.${port} -> 127\\.0\\.0\\.3\\.\\d+ 127\\.0\\.0\\.1\\.${smtp.port}`,
      ),
    );
  });

  it('with username and password (RFC 1929): Dante logs the user, nobody logs the password', async () => {
    const peers = smtp.peers.length;
    const result = await probe(`socks5://${USER}:${PASSWORD}@127.0.0.1:${port}`);
    expect(result.outcome).toBe('tls');
    expect(smtp.peers.slice(peers)).toEqual([OUTBOUND]);
    const log = await danteLog();
    expect(log).toMatch(new RegExp(`tcp/connect \\[: username%${USER}@127\\.0\\.0\\.1\\.\\d+`));
    expect(log).not.toContain(PASSWORD);
  });

  it('with a wrong password: a proxy failure, no connection to the MX, no password in the outcome', async () => {
    const peers = smtp.peers.length;
    const result = await probe(`socks5://${USER}:not-${PASSWORD}@127.0.0.1:${port}`);
    expect(result.outcome).toBe('proxy-failed');
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    expect(smtp.peers.length).toBe(peers);
  });

  it('a guarded target is refused before any connection to Dante', async () => {
    const before = await settledAccepts();
    const deps = createObserveDeps({
      timeoutMs: 5_000,
      dnsServers: [dns.server],
      smtpPort: smtp.port,
      smtpProxy: parseSocksProxyUrl(`socks5://127.0.0.1:${port}`),
    });
    const result = await observeDomains(['proxied.test'], deps, {
      concurrency: 1,
      checkMxTls: 'true',
      allowPrivateAddresses: false,
    });
    expect(result.observations[0]?.mxHosts[MX]?.smtp).toMatchObject([
      { address: '127.0.0.1', outcome: 'blocked' },
    ]);
    expect(result.smtpConnections).toBe(0);
    expect(await settledAccepts()).toBe(before);
  });
});
