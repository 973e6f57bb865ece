/**
 * The DNSSEC side of the DANE world (issue #7 item 5): a private signed hierarchy that NSD serves and Unbound
 * validates with the test root as its only trust anchor.
 *
 *   .               signed; its DS is Unbound's trust anchor (the engine asks the root SOA for the AD bit)
 *   test.           signed, DS in the root
 *   dane.test.      signed, DS in test.: the scenario domains whose DNSSEC is intact or broken on purpose
 *   unsigned.test.  not signed, no DS in test. (an NSEC proves it): answers there are insecure
 *
 * Zones are signed offline with ldns-signzone (ldnsutils), one ECDSA P-256 key per zone (RFC 6605) acting as KSK
 * and ZSK, NSEC denial. Two faults are made after signing, on one TLSA RRset each: its data edited under the
 * signature (bogus), or its signature replaced by one from a second signing run whose validity ended yesterday.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runOk } from './namespace.js';
import { renderNsdConf } from './dns.js';

/** Every zone of the world, parents first. */
export const ZONES = ['.', 'test.', 'dane.test.', 'unsigned.test.'] as const;
export type ZoneName = (typeof ZONES)[number];
const SIGNED: readonly ZoneName[] = ['.', 'test.', 'dane.test.'];

export interface ZoneKey {
  /** ldns base name, `K<zone>+013+<tag>`, in the zone directory. */
  readonly base: string;
  /** The DS record (SHA-256) for the parent, in presentation form. */
  readonly ds: string;
}

/** A fault to make on one RRset of a signed zone after signing. */
export interface SignatureFault {
  /** Owner name, absolute with the trailing dot. */
  readonly owner: string;
  readonly type: string;
  readonly kind: 'altered-data' | 'expired-rrsig';
}

/** ldns dates are `YYYYMMDDhhmmss` (UTC). */
function ldnsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const file = (zone: ZoneName): string => (zone === '.' ? 'root' : zone.slice(0, -1));

export function zoneFile(dir: string, zone: ZoneName): string {
  return join(dir, `${file(zone)}.zone`);
}

/** The zone file NSD serves: the signed output for signed zones. */
export function servedZoneFile(dir: string, zone: ZoneName): string {
  return SIGNED.includes(zone) ? `${zoneFile(dir, zone)}.signed` : zoneFile(dir, zone);
}

/** One key per signed zone, made in parallel (ldns-keygen writes `.key`, `.private` and `.ds` files). */
export async function makeKeys(dir: string): Promise<Map<ZoneName, ZoneKey>> {
  const entries = await Promise.all(
    SIGNED.map(async (zone): Promise<[ZoneName, ZoneKey]> => {
      // -k: the SEP (KSK) flag; the one key signs everything, which a validator accepts (RFC 6781 §3.1).
      const base = (await runOk('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', zone], { cwd: dir })).trim();
      const ds = (await readFile(join(dir, `${base}.ds`), 'utf8')).trim();
      return [zone, { base, ds }];
    }),
  );
  return new Map(entries);
}

/** The SOA and NS lines every zone starts with; TTL 1 and negative TTL 1 so nothing lingers in Unbound's cache. */
export function zoneHeader(zone: ZoneName, nameserver: string): string[] {
  const apex = zone;
  return [
    `$ORIGIN ${apex}`,
    '$TTL 1',
    `${apex} IN SOA ns. hostmaster.${zone === '.' ? '' : zone} ( 1 60 60 3600 1 )`,
    `${apex} IN NS ns.`,
    ...(zone === '.' ? [`ns. IN A ${nameserver}`] : []),
  ];
}

/** A delegation: NS at the child and, for a signed child, its DS (RFC 4034 §5). */
export function delegation(child: ZoneName, key: ZoneKey | undefined): string[] {
  const lines = [`${child} IN NS ns.`];
  // ldns-keygen writes the DS with the owner name; keep the RDATA after "DS".
  if (key !== undefined) lines.push(`${child} IN DS ${key.ds.replace(/^.*\sDS\s+/, '')}`);
  return lines;
}

async function sign(dir: string, zone: ZoneName, key: ZoneKey, out: string, from: number, to: number) {
  await runOk(
    'ldns-signzone',
    ['-i', ldnsDate(from), '-e', ldnsDate(to), '-f', out, zoneFile(dir, zone), key.base],
    { cwd: dir },
  );
}

/** Lines of a signed zone file for one RRset (`type`) or its RRSIG (`RRSIG type`). */
function isRecord(line: string, owner: string, type: string): boolean {
  const cols = line.split(/\s+/);
  return cols[0]?.toLowerCase() === owner.toLowerCase() && cols[3] === type;
}

function isSignatureOf(line: string, owner: string, type: string): boolean {
  const cols = line.split(/\s+/);
  return isRecord(line, owner, 'RRSIG') && cols[4] === type;
}

/**
 * Sign one zone (valid from an hour ago for four weeks), then make the faults: `altered-data` flips the last hex
 * digit of every record of the RRset, `expired-rrsig` swaps in the RRSIG of a second signing run that was valid
 * from ten days ago until yesterday (same key, so only the dates are wrong).
 */
export async function signZone(
  dir: string,
  zone: ZoneName,
  key: ZoneKey,
  faults: readonly SignatureFault[],
): Promise<void> {
  const now = Date.now();
  const out = servedZoneFile(dir, zone);
  const expired = faults.some((f) => f.kind === 'expired-rrsig');
  const expiredOut = `${out}.expired`;
  await Promise.all([
    sign(dir, zone, key, out, now - 3_600_000, now + 28 * 86_400_000),
    expired ? sign(dir, zone, key, expiredOut, now - 10 * 86_400_000, now - 86_400_000) : undefined,
  ]);
  if (faults.length === 0) return;
  let lines = (await readFile(out, 'utf8')).split('\n');
  const expiredLines = expired ? (await readFile(expiredOut, 'utf8')).split('\n') : [];
  for (const fault of faults) {
    const found = lines.some((l) => isRecord(l, fault.owner, fault.type));
    if (!found) throw new Error(`no ${fault.type} at ${fault.owner} in ${out} to break`);
    if (fault.kind === 'altered-data') {
      if (fault.type !== 'TLSA') throw new Error(`altered-data is made for TLSA only, not ${fault.type}`);
      lines = lines.map((l) =>
        isRecord(l, fault.owner, fault.type)
          ? l.replace(/([0-9a-f])$/i, (d) => (d.toLowerCase() === '0' ? '1' : '0'))
          : l,
      );
    } else {
      const old = expiredLines.filter((l) => isSignatureOf(l, fault.owner, fault.type));
      if (old.length === 0) throw new Error(`no expired RRSIG ${fault.type} at ${fault.owner}`);
      lines = [...lines.filter((l) => !isSignatureOf(l, fault.owner, fault.type)), ...old];
    }
  }
  await writeFile(out, lines.join('\n'));
}

/** NSD serving every zone of the DANE world from the directory. */
export function renderDaneNsdConf(dir: string, address: string): string {
  return renderNsdConf(
    dir,
    ZONES.map((z) => ({ name: z, file: servedZoneFile(dir, z) })),
    address,
  );
}
