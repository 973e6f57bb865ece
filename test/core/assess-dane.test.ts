/**
 * The DANE wiring rules of the `rfc` verdict (issue #7 items 2 and 3), through evaluateDomain: per MX host a DANE
 * verdict, the findings, `bounces` (the `rfc` sender profile: DANE decides where a secure usable TLSA set exists,
 * MTA-STS elsewhere, issue #7 item 4) and `bouncesDane` (DANE and MTA-STS must both pass, RFC 8461 §2).
 */
import { describe, expect, it } from 'vitest';
import type { DnsSecurity, TlsaObservation, TlsaParse } from '../../src/core/dane.js';
import type { DaneCertificate } from '../../src/core/dane-match.js';
import { evaluateDomain } from '../../src/core/evaluate.js';
import type { DomainObservation, MxHostObservation, SmtpProbe } from '../../src/core/types.js';
import { describeDaneChain } from '../../src/probes/dane-chain.js';
import { issueCertificate, testCa } from '../helpers/test-ca.js';
import {
  certificate,
  expectation,
  mxRecords,
  observation,
  ok,
  policyBody,
  policyHost,
  policyResponse,
  tls,
} from '../helpers/observations.js';
import { chain, leafPem, MX, nextKeyTlsa, NOW, secureTlsa, soonPem, tlsaFor } from './dane-fixtures.js';

const MX_B = 'mx2.example.test';
const DAY = 86_400_000;
const inDays = (n: number): string => new Date(NOW.getTime() + n * DAY).toISOString();
const current = tlsaFor(leafPem, 3, 1, 1);
const chainB = describeDaneChain([issueCertificate({ names: [MX_B] }).cert, testCa.certPem]);

/** A passing STARTTLS probe whose certificate is valid around the DANE fixtures' clock. */
function probe(address: string, daneChain: readonly DaneCertificate[] = chain): SmtpProbe {
  const cert = certificate({ notBefore: inDays(-30), notAfter: inDays(60) });
  return { address, outcome: 'tls', banner: '220 mx', tls: tls({ certificate: cert, daneChain }) };
}

/** A passing STARTTLS probe whose chain for DANE could not be read (no `daneChain`). */
function unreadChain(address: string): SmtpProbe {
  const cert = certificate({ notBefore: inDays(-30), notAfter: inDays(60) });
  return { address, outcome: 'tls', banner: '220 mx', tls: tls({ certificate: cert }) };
}

interface HostSpec {
  readonly tlsa?: TlsaObservation;
  readonly address?: DnsSecurity;
  readonly smtp?: readonly SmtpProbe[];
  readonly chain?: readonly DaneCertificate[];
}

function host(name: string, spec: HostSpec): MxHostObservation {
  const address = name === MX ? '192.0.2.25' : '192.0.2.26';
  const tlsa = spec.tlsa ?? secureTlsa([current]);
  return {
    host: name,
    addresses: ok([address]),
    smtp: spec.smtp ?? [probe(address, spec.chain)],
    dane: {
      addressSecurity: spec.address ?? 'secure',
      addressSignatureExpirations: [inDays(30)],
      tlsa: { ...tlsa, mxHost: name, queryName: `_25._tcp.${name}`, baseDomain: name },
    },
  };
}

interface World {
  readonly mode?: string;
  readonly policyMx?: readonly string[];
  readonly mx?: DnsSecurity;
  readonly mxSignatures?: readonly string[];
  readonly hosts: Record<string, HostSpec>;
}

function world(w: World): DomainObservation {
  const names = Object.keys(w.hosts);
  const body = policyBody({ mode: w.mode ?? 'enforce', mx: w.policyMx ?? names });
  const policyCert = certificate({
    notBefore: inDays(-30),
    notAfter: inDays(60),
    dnsNames: ['mta-sts.example.com'],
  });
  return observation({
    mx: mxRecords(...names),
    policyHost: policyHost(policyResponse({ body, tls: tls({ certificate: policyCert }) })),
    mxHosts: Object.fromEntries(names.map((n) => [n, host(n, w.hosts[n] ?? {})])),
    mxDnssec: { security: w.mx ?? 'secure', signatureExpirations: w.mxSignatures ?? [inDays(30)] },
  });
}

const DANE_CODES = new Set([
  'tlsa-mismatch',
  'tlsa-lookup-failed',
  'tlsa-no-starttls',
  'tlsa-unusable',
  'tlsa-no-next-key',
  'rrsig-expiring',
]);

function evaluate(obs: DomainObservation) {
  const { report } = evaluateDomain(obs, expectation(), undefined, NOW);
  const dane = report.findings.filter((f) => DANE_CODES.has(f.code)).map((f) => `${f.code}:${f.severity}`);
  return { report, dane };
}

const bogus = (records: readonly TlsaParse[] = []): TlsaObservation =>
  secureTlsa(records, {
    security: 'bogus-or-failed',
    rcode: 'SERVFAIL',
    reason: 'the resolver answered SERVFAIL',
  });

interface Row {
  readonly label: string;
  readonly world: World;
  readonly verdicts: readonly (string | undefined)[];
  readonly codes: readonly string[];
  readonly bounces: boolean | null;
  readonly bouncesDane: boolean | null;
}

const rows: Row[] = [
  {
    label: '3 1 1 matches',
    world: { hosts: { [MX]: {} } },
    verdicts: ['dane-ok'],
    codes: [],
    bounces: false,
    bouncesDane: false,
  },
  {
    label: 'stale 3 1 1: DANE refuses while MTA-STS passes',
    world: { hosts: { [MX]: { tlsa: secureTlsa([nextKeyTlsa()]) } } },
    verdicts: ['dane-fail'],
    codes: ['tlsa-mismatch:error'],
    bounces: true,
    bouncesDane: true,
  },
  {
    label: 'current + next published',
    world: { hosts: { [MX]: { tlsa: secureTlsa([current, nextKeyTlsa()]) } } },
    verdicts: ['dane-ok'],
    codes: [],
    bounces: false,
    bouncesDane: false,
  },
  {
    label: 'bogus TLSA: deferred',
    world: { hosts: { [MX]: { tlsa: bogus() } } },
    verdicts: ['deferred'],
    codes: ['tlsa-lookup-failed:error'],
    bounces: true,
    bouncesDane: true,
  },
  {
    label: 'bogus MX answer: deferred, even with matching TLSA',
    world: { mx: 'bogus-or-failed', hosts: { [MX]: {} } },
    verdicts: ['deferred'],
    codes: ['tlsa-lookup-failed:error'],
    bounces: true,
    bouncesDane: true,
  },
  {
    label: 'PKIX usages only: TLS required, unauthenticated',
    world: { hosts: { [MX]: { tlsa: secureTlsa([tlsaFor(leafPem, 1, 1, 1)]) } } },
    verdicts: ['tls-required-unauthenticated'],
    codes: ['tlsa-unusable:warning'],
    bounces: false,
    bouncesDane: false,
  },
  {
    label: 'TLSA without STARTTLS',
    world: {
      hosts: { [MX]: { smtp: [{ address: '192.0.2.25', outcome: 'no-starttls', banner: '220 mx' }] } },
    },
    verdicts: ['no-starttls-with-tlsa'],
    codes: ['tlsa-no-starttls:error'],
    bounces: true,
    bouncesDane: true,
  },
  {
    label: 'TLSA and a failed TLS handshake: no delivery',
    world: {
      hosts: {
        [MX]: {
          smtp: [{ address: '192.0.2.25', outcome: 'tls-failed', banner: '220 mx', error: 'alert 40' }],
        },
      },
    },
    verdicts: ['dane-fail'],
    codes: ['tlsa-no-starttls:error'],
    bounces: true,
    bouncesDane: true,
  },
  {
    label: 'TLSA in an unsigned zone: no DANE',
    world: { hosts: { [MX]: { tlsa: secureTlsa([nextKeyTlsa()], { security: 'insecure' }) } } },
    verdicts: ['no-dane'],
    codes: [],
    bounces: false,
    bouncesDane: false,
  },
  {
    label: 'address records unsigned: no DANE, even with a stale TLSA',
    world: { hosts: { [MX]: { address: 'insecure', tlsa: secureTlsa([nextKeyTlsa()]) } } },
    verdicts: ['no-dane'],
    codes: [],
    bounces: false,
    bouncesDane: false,
  },
  {
    label: 'bogus address answer: deferred',
    world: { hosts: { [MX]: { address: 'bogus-or-failed' } } },
    verdicts: ['deferred'],
    codes: ['tlsa-lookup-failed:error'],
    bounces: true,
    bouncesDane: true,
  },
  {
    label: '2 1 1 on the CA that the server sends',
    world: { hosts: { [MX]: { tlsa: secureTlsa([tlsaFor(testCa.certPem, 2, 1, 1)]) } } },
    verdicts: ['dane-ok'],
    codes: [],
    bounces: false,
    bouncesDane: false,
  },
  {
    label: 'MX in an unsigned zone: no DANE, even with a stale TLSA',
    world: { mx: 'insecure', hosts: { [MX]: { tlsa: secureTlsa([nextKeyTlsa()]) } } },
    verdicts: ['no-dane'],
    codes: [],
    bounces: false,
    bouncesDane: false,
  },
  {
    label: 'DANE passes, MTA-STS fails (MX not in the enforced policy)',
    world: { policyMx: ['other.example.test'], hosts: { [MX]: {} } },
    verdicts: ['dane-ok'],
    codes: [],
    bounces: false,
    bouncesDane: true,
  },
  {
    label: 'DANE fails under a testing policy: MTA-STS lets mail through, DANE does not',
    world: { mode: 'testing', hosts: { [MX]: { tlsa: secureTlsa([nextKeyTlsa()]) } } },
    verdicts: ['dane-fail'],
    codes: ['tlsa-mismatch:error'],
    bounces: true,
    bouncesDane: true,
  },
  {
    label: 'primary fine, backup stale: mail still flows, the backup is reported',
    world: { hosts: { [MX]: {}, [MX_B]: { tlsa: secureTlsa([nextKeyTlsa()]), chain: chainB } } },
    verdicts: ['dane-ok', 'dane-fail'],
    codes: ['tlsa-mismatch:error'],
    bounces: false,
    bouncesDane: false,
  },
  {
    label: 'the TLSA lookup timed out here: unknown, no finding (issue #7 defect 2)',
    world: {
      hosts: {
        [MX]: { tlsa: secureTlsa([], { security: 'unknown', rcode: 'TIMEOUT', reason: 'no answer' }) },
      },
    },
    verdicts: ['unknown'],
    codes: [],
    // The rfc verdict (bounces) cannot tell whether DANE decides this host, so it is not known either.
    bounces: null,
    bouncesDane: null,
  },
  {
    label: 'the presented chain could not be read: unknown, not dane-fail (issue #7 defect 3)',
    world: { hosts: { [MX]: { smtp: [unreadChain('192.0.2.25')] } } },
    verdicts: ['unknown'],
    codes: [],
    // The rfc verdict (bounces) cannot tell whether DANE decides this host, so it is not known either.
    bounces: null,
    bouncesDane: null,
  },
  {
    label: 'the only MX timed out: the DANE verdict is unknown',
    world: { hosts: { [MX]: { smtp: [{ address: '192.0.2.25', outcome: 'timeout', error: 'no answer' }] } } },
    verdicts: ['unknown'],
    codes: [],
    bounces: null,
    bouncesDane: null,
  },
];

describe('DANE in the rfc verdict (issue #7)', () => {
  it.each(rows)('$label', (row) => {
    const { report, dane } = evaluate(world(row.world));
    expect(report.mx.map((r) => r.dane?.verdict)).toEqual(row.verdicts);
    expect(dane).toEqual(row.codes);
    expect(report.bounces).toBe(row.bounces);
    expect(report.bouncesDane).toBe(row.bouncesDane);
  });

  it('fills the dane object of the JSON report', () => {
    const { report } = evaluate(
      world({ hosts: { [MX]: { tlsa: secureTlsa([current, tlsaFor(leafPem, 0, 0, 1)]) } } }),
    );
    expect(report.mx[0]?.dane).toEqual({
      status: 'secure',
      usableTlsa: 1,
      verdict: 'dane-ok',
      reason: `the certificate matches TLSA at _25._tcp.${MX}`,
    });
  });

  it('adds nothing when DANE was not checked', () => {
    const { report } = evaluate(observation());
    expect(report.bouncesDane).toBeUndefined();
    expect(report.mx.every((r) => r.dane === undefined)).toBe(true);
  });

  it('warns when the certificate expires soon and no TLSA names a next key', () => {
    const soon = describeDaneChain([soonPem, testCa.certPem]);
    const only = evaluate(
      world({ hosts: { [MX]: { tlsa: secureTlsa([tlsaFor(soonPem, 3, 1, 1)]), chain: soon } } }),
    );
    expect(only.dane).toEqual(['tlsa-no-next-key:warning']);
    const withNext = evaluate(
      world({
        hosts: { [MX]: { tlsa: secureTlsa([tlsaFor(soonPem, 3, 1, 1), nextKeyTlsa()]), chain: soon } },
      }),
    );
    expect(withNext.dane).toEqual([]);
  });

  it('warns once per RRset whose signature expires within cert_warning_days', () => {
    const { report, dane } = evaluate(
      world({
        mxSignatures: [inDays(2)],
        hosts: { [MX]: { tlsa: secureTlsa([current], { signatureExpirations: [inDays(40), inDays(5)] }) } },
      }),
    );
    expect(dane).toEqual(['rrsig-expiring:warning', 'rrsig-expiring:warning']);
    const messages = report.findings.filter((f) => f.code === 'rrsig-expiring').map((f) => f.message);
    expect(messages.some((m) => /MX \(example\.com\).*expires in [12] days/.test(m))).toBe(true);
    expect(messages.some((m) => /TLSA \(_25\._tcp\.mx1\.example\.test\).*expires in [45] days/.test(m))).toBe(
      true,
    );
  });

  it('ignores a DANE code listed in domains.yml ignore', () => {
    const obs = world({ hosts: { [MX]: { tlsa: secureTlsa([nextKeyTlsa()]) } } });
    const { report } = evaluateDomain(obs, expectation({ ignore: ['tlsa-mismatch'] }), undefined, NOW);
    expect(report.findings.map((f) => f.code)).not.toContain('tlsa-mismatch');
    expect(report.bouncesDane).toBe(true);
  });
});
