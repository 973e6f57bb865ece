/**
 * Two Postfix instances, each with its own config, queue and data directory in the temporary directory, no chroot,
 * logging to a file through postlogd (Postfix 3.4+ `maillog_file`):
 *
 * - `mx`: one smtpd listener per MX host address, each with its own certificate or no STARTTLS; everything it
 *   accepts goes to the `discard` transport.
 * - `sender`: the real enforcing sender. No listener; `smtp_tls_policy_maps` asks postfix-mta-sts-resolver over
 *   socketmap, and `smtp_tls_CAfile` trusts only the test CA.
 */
import { chmod, chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RESOLVER_ADDRESS, RESOLVER_PORT, type MxHostPlan } from './layout.js';
import { runOk } from './namespace.js';

export interface PostfixInstance {
  readonly name: string;
  readonly configDir: string;
  readonly queueDir: string;
  readonly maillog: string;
}

/** Services both instances need (master.cf(5) columns: type private unpriv chroot wakeup maxproc command). */
export const COMMON_SERVICES = `cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
postlog   unix-dgram n  -       n       -       1       postlogd
`;

function commonMain(instance: PostfixInstance, dataDir: string, hostname: string): string {
  return `# mta-sts-drift e2e: ${instance.name} (generated)
compatibility_level = 3.6
queue_directory = ${instance.queueDir}
data_directory = ${dataDir}
mail_owner = postfix
setgid_group = postdrop
myhostname = ${hostname}
mydestination =
alias_maps =
alias_database =
local_recipient_maps =
inet_protocols = ipv4
smtputf8_enable = no
biff = no
maillog_file = ${instance.maillog}
maillog_file_prefixes = ${instance.maillog}
`;
}

export function mxMainCf(instance: PostfixInstance, dataDir: string): string {
  return `${commonMain(instance, dataDir, 'mx.e2e.test')}
inet_interfaces = loopback-only
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_tls_loglevel = 1
default_transport = discard:accepted by the e2e MX
relay_transport = discard:accepted by the e2e MX
`;
}

/**
 * One smtpd listener per host (the e2e worlds' MX hosts, or the bench's): on its address, named after it in the log,
 * with STARTTLS and the key and certificate files `chainOf` gives (`smtpd_tls_chain_files`: the key first), or
 * without STARTTLS when it gives null.
 */
export function mxMasterCf<H extends Pick<MxHostPlan, 'address' | 'fqdn'>>(
  hosts: readonly H[],
  chainOf: (h: H) => readonly string[] | null,
): string {
  const listeners = hosts.map((h) => {
    const chain = chainOf(h);
    const tls = chain
      ? `  -o smtpd_tls_security_level=may\n  -o smtpd_tls_chain_files=${chain.join(',')}`
      : '  -o smtpd_tls_security_level=none';
    return `${h.address}:25 inet n - n - - smtpd\n  -o syslog_name=mx/${h.fqdn}\n${tls}`;
  });
  return `${listeners.join('\n')}\n${COMMON_SERVICES}`;
}

export function senderMainCf(instance: PostfixInstance, dataDir: string, caFile: string): string {
  return `${commonMain(instance, dataDir, 'sender.e2e.test')}
# No listener: loop detection only needs to know that 127.0.0.1 is us, and no MX lives there.
inet_interfaces = 127.0.0.1
smtp_dns_support_level = enabled
smtp_address_preference = ipv4
smtp_tls_security_level = may
smtp_tls_policy_maps = socketmap:inet:${RESOLVER_ADDRESS}:${RESOLVER_PORT}:postfix
smtp_tls_CAfile = ${caFile}
smtp_tls_loglevel = 1
smtp_connect_timeout = 5s
smtp_helo_timeout = 10s
smtp_connection_cache_on_demand = no
smtp_tls_connection_reuse = no
# Nothing here may bounce a message for good during the run; deferred mail just waits.
maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
delay_warning_time = 0
notify_classes =
`;
}

export function senderMasterCf(): string {
  return `pickup    fifo  n       -       n       60      1       pickup
smtp      unix  -       -       n       -       -       smtp
${COMMON_SERVICES}`;
}

async function ids(): Promise<{ postfix: number; postdrop: number }> {
  const postfix = Number((await runOk('id', ['-u', 'postfix'])).trim());
  const group = (await runOk('getent', ['group', 'postdrop'])).split(':')[2];
  return { postfix, postdrop: Number(group) };
}

/** Create config, queue and data directories with the ownership postfix-files(5) asks for. */
export async function createInstance(
  root: string,
  name: string,
  mainCf: (i: PostfixInstance, dataDir: string) => string,
  masterCf: string,
): Promise<PostfixInstance> {
  const base = join(root, name);
  const instance: PostfixInstance = {
    name,
    configDir: join(base, 'etc'),
    queueDir: join(base, 'queue'),
    maillog: join(base, 'maillog'),
  };
  const dataDir = join(base, 'data');
  const { postfix, postdrop } = await ids();
  // mkdir's mode is filtered by the umask: set modes explicitly (maildrop must be group-writable).
  const dir = async (path: string, mode: number, uid: number, gid: number) => {
    await mkdir(path, { recursive: true });
    await chmod(path, mode);
    await chown(path, uid, gid);
  };
  await mkdir(instance.configDir, { recursive: true });
  await dir(instance.queueDir, 0o755, 0, 0);
  await dir(dataDir, 0o700, postfix, 0);
  for (const d of [
    'active',
    'bounce',
    'corrupt',
    'defer',
    'deferred',
    'flush',
    'hold',
    'incoming',
    'private',
    'saved',
    'trace',
  ]) {
    await dir(join(instance.queueDir, d), 0o700, postfix, 0);
  }
  await dir(join(instance.queueDir, 'maildrop'), 0o730, postfix, postdrop);
  await dir(join(instance.queueDir, 'public'), 0o710, postfix, postdrop);
  await dir(join(instance.queueDir, 'pid'), 0o755, 0, 0);
  await writeFile(join(instance.configDir, 'main.cf'), mainCf(instance, dataDir));
  await writeFile(join(instance.configDir, 'master.cf'), masterCf);
  return instance;
}

/** Arguments to run the instance's master in the foreground (`-d`: no detach), so its PID is the child's. */
export function masterArgs(instance: PostfixInstance): string[] {
  return ['-c', instance.configDir, '-d'];
}

export const MASTER = '/usr/lib/postfix/sbin/master';
