/**
 * What the suite needs from the machine: root (network namespaces, Postfix queues) and Debian's packages, which
 * scripts/e2e/install-deps.sh installs. A missing piece fails the suite with the fix, never skips it silently.
 */
import { accessSync, constants } from 'node:fs';

const PROGRAMS: Readonly<Record<string, string>> = {
  '/usr/sbin/ip': 'iproute2',
  '/usr/bin/ss': 'iproute2',
  '/usr/bin/openssl': 'openssl',
  '/usr/sbin/nsd': 'nsd',
  '/usr/sbin/nginx': 'nginx',
  '/usr/lib/postfix/sbin/master': 'postfix',
  '/usr/sbin/sendmail': 'postfix',
  '/usr/bin/mta-sts-daemon': 'postfix-mta-sts-resolver',
  // The SOCKS5 proxy test (issue #10 part 2); unshare gives Dante a private /etc/passwd for its test user.
  '/usr/sbin/danted': 'dante-server',
  '/usr/bin/unshare': 'util-linux',
  '/usr/sbin/dovecot': 'dovecot-imapd',
};

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Throws an error naming what is missing and how to get it. */
export function assertPrerequisites(): void {
  const problems: string[] = [];
  if (process.platform !== 'linux') problems.push('Linux is required (network namespaces)');
  if (process.getuid?.() !== 0) problems.push('root is required (ip netns, Postfix queues)');
  const missing = Object.entries(PROGRAMS).filter(([path]) => !executable(path));
  if (missing.length > 0) {
    const packages = [...new Set(missing.map(([, pkg]) => pkg))];
    problems.push(`missing ${missing.map(([p]) => p).join(', ')} (Debian packages: ${packages.join(' ')})`);
  }
  if (problems.length > 0) {
    throw new Error(
      `the e2e suite cannot run here: ${problems.join('; ')}. Install with: sudo bash scripts/e2e/install-deps.sh`,
    );
  }
}
