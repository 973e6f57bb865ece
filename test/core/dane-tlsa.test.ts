import { describe, expect, it } from 'vitest';
import {
  classifyTlsa,
  combineSecurity,
  describeTlsa,
  parseTlsaRdata,
  parseTlsaText,
  usableTlsa,
  type DnsSecurity,
  type TlsaRecord,
} from '../../src/core/dane.js';

const SHA256 = 'ab'.repeat(32);
const SHA512 = 'cd'.repeat(64);
const record = (usage: number, selector: number, matchingType: number, data = SHA256): TlsaRecord => ({
  usage,
  selector,
  matchingType,
  data,
});

describe('parseTlsaRdata (RFC 6698 §2.1)', () => {
  it('reads usage, selector, matching type and the data as hex', () => {
    const rdata = Uint8Array.from([3, 1, 1, 0xde, 0xad, 0xbe, 0xef]);
    expect(parseTlsaRdata(rdata)).toEqual({ ok: true, record: record(3, 1, 1, 'deadbeef') });
  });

  it.each([
    ['empty', []],
    ['parameters only', [3, 1, 1]],
  ])('rejects RDATA that is %s, naming the length', (_label, bytes) => {
    const parsed = parseTlsaRdata(Uint8Array.from(bytes));
    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining(`${bytes.length} bytes`) });
  });
});

describe('parseTlsaText (RFC 6698 §2.2)', () => {
  it('reads the presentation form, hex split by spaces and in any case', () => {
    expect(parseTlsaText(' 2 0 1 ABCD ef01 ')).toEqual({ ok: true, record: record(2, 0, 1, 'abcdef01') });
  });

  it.each(['3 1', '3 1 1', '3 1 1 xyz', '3 1 1 abc', '256 1 1 ab', 'a b c ab'])(
    'rejects %j with the expected form',
    (text) => {
      expect(parseTlsaText(text)).toEqual({
        ok: false,
        reason: expect.stringContaining('USAGE SELECTOR MATCHING-TYPE HEX'),
      });
    },
  );
});

describe('classifyTlsa (RFC 7672 §3.1.3, RFC 6698 §4.1)', () => {
  it.each<[string, TlsaRecord, string]>([
    ['DANE-EE SPKI SHA-256', record(3, 1, 1), 'usable'],
    ['DANE-EE Cert SHA-512', record(3, 0, 2, SHA512), 'usable'],
    ['DANE-TA full SPKI', record(2, 1, 0, 'beef'), 'usable'],
    ['PKIX-TA', record(0, 0, 1), 'pkix-usage'],
    ['PKIX-EE', record(1, 1, 1), 'pkix-usage'],
    ['usage 4', record(4, 1, 1), 'unknown-usage'],
    ['selector 2', record(3, 2, 1), 'unknown-selector'],
    ['matching type 3', record(3, 1, 3), 'unknown-matching-type'],
    ['SHA-256 of 31 bytes', record(3, 1, 1, 'ab'.repeat(31)), 'bad-digest-length'],
    ['SHA-512 holding a SHA-256', record(3, 1, 2, SHA256), 'bad-digest-length'],
  ])('%s is %s', (_label, tlsa, expected) => {
    expect(classifyTlsa(tlsa)).toBe(expected);
  });

  it('usableTlsa keeps DANE-TA and DANE-EE and drops PKIX, unknown and malformed records', () => {
    const set = [
      { ok: true, record: record(3, 1, 1) },
      { ok: true, record: record(1, 1, 1) },
      { ok: false, reason: 'short' },
      { ok: true, record: record(2, 0, 2, SHA512) },
    ] as const;
    expect(usableTlsa(set)).toEqual([record(3, 1, 1), record(2, 0, 2, SHA512)]);
  });

  it('describeTlsa shortens the data for messages', () => {
    expect(describeTlsa(record(3, 1, 1))).toBe(`3 1 1 ${'ab'.repeat(8)}…`);
  });
});

describe('combineSecurity (RFC 4035 §4.3)', () => {
  it.each<[DnsSecurity[], DnsSecurity]>([
    [['secure', 'secure'], 'secure'],
    [['secure', 'insecure'], 'insecure'],
    [['insecure', 'bogus-or-failed'], 'bogus-or-failed'],
    [['secure', 'bogus-or-failed'], 'bogus-or-failed'],
    [['secure', 'unknown'], 'unknown'],
    [['insecure', 'unknown'], 'unknown'],
    [['unknown', 'bogus-or-failed'], 'bogus-or-failed'],
    [[], 'insecure'],
  ])('%j is %s', (statuses, expected) => {
    expect(combineSecurity(statuses)).toBe(expected);
  });
});
