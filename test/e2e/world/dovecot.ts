/**
 * A throwaway Dovecot IMAP server on loopback for the TLS-RPT IMAP source (issue #10 item 1): its own config, run
 * directory, log and maildirs in a temporary directory; one user in a passwd-file; plaintext login (loopback only).
 * Started as a direct child in the foreground (`dovecot -F`) and stopped by its PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mail is stored as `nobody`: Dovecot refuses to run mail processes as root. */
const MAIL_UID = 65534;
const MAIL_GID = 65534;

export interface Dovecot {
  readonly port: number;
  /** Implicit TLS (imaps) port, when started with a certificate; else null. */
  readonly imapsPort: number | null;
  readonly user: string;
  readonly password: string;
  readonly dir: string;
  log(): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resolves once the IMAP greeting arrives, or rejects after `ms`. */
async function waitForGreeting(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', (b: Buffer) => {
        socket.destroy();
        resolve(b.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Dovecot did not greet on 127.0.0.1:${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface DovecotOptions {
  user?: string;
  password?: string;
  /** A certificate and key (PEM): also listen for implicit TLS (imaps) on a second port. */
  tls?: { cert: string; key: string };
}

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const user = options.user ?? 'reports';
  const password = options.password ?? 'test-imap-password-Zq7';
  const dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-dovecot-'));
  await chmod(dir, 0o755);
  const mail = join(dir, 'mail');
  await mkdir(mail);
  await chown(mail, MAIL_UID, MAIL_GID);
  await mkdir(join(dir, 'run'));
  const port = await freePort();
  const imapsPort = options.tls === undefined ? null : await freePort();
  let sslConfig = 'ssl = no';
  if (options.tls !== undefined) {
    await writeFile(join(dir, 'cert.pem'), options.tls.cert);
    await writeFile(join(dir, 'key.pem'), options.tls.key, { mode: 0o600 });
    sslConfig = `ssl = yes\nssl_cert = <${dir}/cert.pem\nssl_key = <${dir}/key.pem`;
  }
  const passwd = join(dir, 'passwd');
  await writeFile(passwd, `${user}:{PLAIN}${password}:${MAIL_UID}:${MAIL_GID}::${mail}/${user}::\n`, {
    mode: 0o644,
  });
  const logFile = join(dir, 'dovecot.log');
  const config = join(dir, 'dovecot.conf');
  await writeFile(
    config,
    `base_dir = ${dir}/run
state_dir = ${dir}/run/state
log_path = ${logFile}
protocols = imap
listen = 127.0.0.1
${sslConfig}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = ${MAIL_UID}
first_valid_gid = ${MAIL_GID}
default_internal_user = dovecot
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = ${passwd}
}
userdb {
  driver = passwd-file
  args = ${passwd}
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${imapsPort ?? 0}
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
`,
  );
  const child: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', config], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await Promise.race([
      waitForGreeting(port, 15_000),
      exited.then(() => {
        throw new Error(`dovecot exited: ${output}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    const log = await readFile(logFile, 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
  }
  return {
    port,
    imapsPort,
    user,
    password,
    dir,
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (process.env['E2E_KEEP'] !== '1') await rm(dir, { recursive: true, force: true });
    },
  };
}
