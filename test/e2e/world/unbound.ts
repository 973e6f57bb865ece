/**
 * Unbound, the validating resolver of the DANE world (issue #7 item 5). It runs inside the namespace, in the
 * foreground, from a config in the temporary directory, and it cannot reach anything outside: the namespace has
 * only its own `lo`, the root hints name only NSD, and the test root's DS is its only trust anchor (no
 * auto-trust-anchor-file, no root key of the real DNS). Postfix (through the namespace's resolv.conf, with
 * `options trust-ad` so glibc passes the AD bit on), postfix-mta-sts-resolver and the CLI (`--dns-server`) all ask
 * it, as a mail administrator's local validating resolver would be asked.
 */
import { join } from 'node:path';

export const UNBOUND_COMMAND = '/usr/sbin/unbound';

export function renderUnboundConf(dir: string, address: string, rootDs: string): string {
  return `# mta-sts-drift e2e: validating resolver (generated)
server:
  interface: ${address}
  port: 53
  do-ip4: yes
  do-ip6: no
  do-udp: yes
  do-tcp: yes
  access-control: 127.0.0.0/8 allow
  username: ""
  chroot: ""
  directory: "${dir}"
  pidfile: "${join(dir, 'unbound.pid')}"
  use-syslog: no
  logfile: "${join(dir, 'unbound.log')}"
  log-servfail: yes
  val-log-level: 2
  verbosity: 1
  num-threads: 1
  # NSD lives on a loopback address of the namespace; Unbound refuses to query those unless told.
  do-not-query-localhost: no
  # RFC 6761 reserves test.; Unbound answers it locally (NXDOMAIN) unless told to resolve it.
  local-zone: "test." nodefault
  root-hints: "${join(dir, 'root.hints')}"
  module-config: "validator iterator"
  trust-anchor: "${rootDs}"
  # The zones use TTL 1; never serve a stale or prefetched answer across a test.
  serve-expired: no
  prefetch: no
  cache-max-ttl: 1
  cache-max-negative-ttl: 1
  # What the world's signatures need: nothing from the real internet, no DLV, no aggressive NSEC guesses.
  aggressive-nsec: no
  harden-dnssec-stripped: yes
  qname-minimisation: no
remote-control:
  control-enable: no
`;
}

/** Root hints: the test root is served by NSD. */
export function renderRootHints(nsdAddress: string): string {
  return `. 3600000 IN NS ns.\nns. 3600000 IN A ${nsdAddress}\n`;
}
