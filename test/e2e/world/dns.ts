/**
 * The authoritative DNS server: NSD serving the zone `e2e.test.` (RFC 2606 reserved TLD) on 127.0.0.53, from config
 * and zone files in the temporary directory, without privilege drop, chroot or remote control.
 */
import { join } from 'node:path';
import { ZONE, expand } from '../scenarios.js';
import { DNS_ADDRESS, mxRecords, type ScenarioPlan } from './layout.js';

/** Quote one TXT character-string for a zone file (RFC 1035 §5.1). */
export function quoteTxt(s: string): string {
  if (s.length > 255) throw new Error(`TXT character-string over 255 octets: ${s}`);
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function renderZone(plans: readonly ScenarioPlan[], phase: 1 | 2, serial: number): string {
  const lines = [
    '$ORIGIN .',
    '$TTL 1',
    `${ZONE}. IN SOA ns.${ZONE}. hostmaster.${ZONE}. ( ${serial} 60 60 3600 1 )`,
    `${ZONE}. IN NS ns.${ZONE}.`,
    `ns.${ZONE}. IN A ${DNS_ADDRESS}`,
  ];
  for (const plan of plans) {
    const s = plan.scenario;
    const d = plan.domain;
    lines.push('', `; ${s.id}: ${s.title}`);
    if (s.publishMx !== false) {
      for (const mx of mxRecords(plan, phase)) lines.push(`${d}. IN MX ${mx.preference} ${mx.fqdn}.`);
    }
    for (const host of plan.hosts) lines.push(`${host.fqdn}. IN A ${host.address}`);
    if (s.policy) lines.push(`${plan.policyHost}. IN A ${plan.policyAddress}`);
    if (s.stsCname) lines.push(`_mta-sts.${d}. IN CNAME ${s.stsCname}`);
    // Phase 2 may publish other `_mta-sts` records (issue #8 item 5: removed, or a new id).
    const stsRecords = phase === 2 && s.phase2?.sts !== undefined ? s.phase2.sts : s.sts;
    for (const record of stsRecords)
      lines.push(`_mta-sts.${d}. IN TXT ${record.map((x) => quoteTxt(expand(s, x))).join(' ')}`);
    const tlsrpt = s.tlsrpt ?? [[`v=TLSRPTv1; rua=mailto:tlsrpt@${ZONE}`]];
    for (const record of tlsrpt)
      lines.push(`_smtp._tls.${d}. IN TXT ${record.map((x) => quoteTxt(expand(s, x))).join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * NSD in the foreground on one address, without privilege drop, chroot or remote control, serving `zones` (by
 * default the one zone of the MTA-STS world). The DANE world passes its signed zones.
 */
export function renderNsdConf(
  dir: string,
  zones: readonly { readonly name: string; readonly file: string }[] = [
    { name: ZONE, file: `${dir}/${ZONE}.zone` },
  ],
  address: string = DNS_ADDRESS,
): string {
  const zoneLines = zones.map((z) => `zone:\n  name: "${z.name}"\n  zonefile: "${z.file}"\n`);
  return `server:
  ip-address: ${address}
  port: 53
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "${dir}"
  database: ""
  zonelistfile: "${dir}/zone.list"
  xfrdfile: "${dir}/xfrd.state"
  xfrdir: "${dir}/xfr"
  pidfile: "${dir}/nsd.pid"
  logfile: "${dir}/nsd.log"
  server-count: 1
  # No response rate limiting: it drops bursts of like answers to one client, and here every query is a test's.
  rrl-ratelimit: 0
  verbosity: 1
  hide-version: yes
remote-control:
  control-enable: no
${zoneLines.join('')}`;
}

export const NSD = '/usr/sbin/nsd';

/** NSD's command line for the `nsd.conf` in `dir`: in the foreground. */
export function nsdArgs(dir: string): string[] {
  return ['-d', '-c', join(dir, 'nsd.conf')];
}
