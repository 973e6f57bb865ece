/**
 * The TTL of a record set, for `plan` (issue #8 item 3): how long resolvers may keep handing out the old `_mta-sts`
 * id or the old MX set after a change (RFC 8461 §8.1). Node's resolver does not expose TTLs of TXT and MX answers,
 * so the question goes over the wire (dns-wire.ts: the same deadline and size bound as the DANE lookups).
 */
import type { RecordType } from 'dns-packet';
import type { TtlReading } from '../core/plan-live.js';
import type { DnsWireClient } from './dns-wire.js';

/** The smallest TTL of the records of `type` at `name` (an RRset shares one TTL, RFC 2181 §5.2); never throws. */
export async function readTtl(client: DnsWireClient, name: string, type: RecordType): Promise<TtlReading> {
  const answer = await client.query(name, type);
  if (answer.reason !== null) return { status: 'unknown', reason: answer.reason };
  const ttls = answer.answers.flatMap((a) => ('ttl' in a && typeof a.ttl === 'number' ? [a.ttl] : []));
  if (ttls.length === 0)
    return { status: 'unknown', reason: `no ${type} record in the answer (${answer.rcode})` };
  return { status: 'ok', seconds: Math.min(...ttls), authoritative: answer.authoritative === true };
}
