/**
 * The DANE scenario table of the end-to-end suite (issue #7 item 5): one object per recipient domain.
 *
 * Each scenario says what the DNSSEC world publishes for the domain (which zone it lives in, its MX hosts, the
 * certificate each presents and the TLSA records at `_25._tcp.<host>`, an MTA-STS policy, a broken signature) and
 * what must happen:
 * - the engine's per-MX `dane.verdict` and the domain's `bouncesDane` (RFC 7672 and RFC 8461 together);
 * - what Postfix A (`smtp_tls_security_level = dane`, DNSSEC through Unbound) and Postfix B (the same plus
 *   postfix-mta-sts-resolver in `smtp_tls_policy_maps`) do with one message.
 * A Postfix sender departs from the RFC when its outcome differs from the RFC outcome for its kind of sender (a
 * DANE-only sender for A, a DANE + MTA-STS sender for B); the scenario then names the departure, and
 * test/e2e/README.md ("DANE scenarios") records it. A test checks both.
 */
import type { DaneVerdict } from '../../src/core/dane-verdict.js';

/** The DNSSEC status of the zone a name lives in: `dane.test.` (signed, chained to the test root) or not. */
export type DaneZone = 'signed' | 'unsigned';

/** Parent zones of the scenario domains: `<id>.dane.test` is signed, `<id>.unsigned.test` is not. */
export const SIGNED_ZONE = 'dane.test';
export const UNSIGNED_ZONE = 'unsigned.test';

export const zoneName = (zone: DaneZone): string => (zone === 'signed' ? SIGNED_ZONE : UNSIGNED_ZONE);

/**
 * What a TLSA record names: the key or certificate the MX serves (`leaf`), a key it no longer serves (`old`),
 * the key it will serve after a rollover (`next`), or the test CA that issued its certificate (`ca`).
 */
export type TlsaSubject = 'leaf' | 'old' | 'next' | 'ca';

/** One TLSA record as `USAGE SELECTOR MATCHING-TYPE SUBJECT`, e.g. `3 1 1 leaf`, `2 1 1 ca`. */
export type TlsaSpec = `${number} ${number} ${number} ${TlsaSubject}`;

export interface DaneMxSpec {
  /** Relative to the domain (`mx1` is `mx1.<domain>`), or to its own zone when `zone` is given. */
  readonly host: string;
  readonly preference?: number;
  /**
   * What smtpd presents: a certificate from the test CA for the host, one from the test CA for `www.<host>`
   * (`ca-wrong-name`), an expired one, a self-signed one, or no STARTTLS at all.
   */
  readonly tls: 'ca' | 'ca-wrong-name' | 'expired' | 'self-signed' | 'no-starttls';
  /** Send the test CA's certificate after the leaf (what RFC 7672 §3.1.2 asks of DANE-TA servers). */
  readonly chain?: boolean;
  /** TLSA records at `_25._tcp.<host>` (or at the CNAME's target). */
  readonly tlsa: readonly TlsaSpec[];
  /** Publish `_25._tcp.<host>` as a CNAME to `tlsa.<host>`, where the TLSA records live (RFC 7672 §2.2.3). */
  readonly tlsaCname?: boolean;
  /** The zone the host name lives in, when it differs from the domain's: `mx1.<id>.<zone>`. */
  readonly zone?: DaneZone;
}

export type Outcome = 'delivered' | 'deferred';

export interface DaneExpectation {
  /** Per MX host (relative name): the engine's `dane.verdict`, or `no MX entry` when the MX lookup failed. */
  readonly dane: Readonly<Record<string, DaneVerdict | 'no MX entry'>>;
  /** The engine's `bouncesDane`: a sender validating DANE and MTA-STS together (RFC 8461 §2) refuses every MX. */
  readonly bouncesDane: boolean;
  /**
   * The `rfc` sender profile (issue #7 item 4), the report's `bounces`, where it differs from `bouncesDane`: it lets
   * a host that passes DANE through whatever MTA-STS says (the lead's reading of RFC 8461 §2), where `bouncesDane`
   * asks for both; and it lets a host that fails DANE refuse whatever MTA-STS says, as `bouncesDane` does.
   */
  readonly rfcProfile?: boolean;
  /** Finding codes that must be reported for the domain. */
  readonly findings?: readonly string[];
  /** What a DANE-only sender following RFC 7672 does. */
  readonly rfcDane: Outcome;
  /** Postfix A: `smtp_dns_support_level = dnssec`, `smtp_tls_security_level = dane`. */
  readonly senderA: Outcome;
  /** Postfix B: the same plus postfix-mta-sts-resolver in `smtp_tls_policy_maps`. */
  readonly senderB: Outcome;
  /** The MX host Postfix A hands the message to, when it delivers and the domain has several. */
  readonly relayA?: string;
}

export interface DaneScenario {
  readonly id: string;
  readonly title: string;
  /** The zone of the recipient domain `<id>.<zone>`. */
  readonly zone: DaneZone;
  readonly mx: readonly DaneMxSpec[];
  /** An enforce MTA-STS policy with these `mx` patterns (`{d}` is the domain); none when absent. */
  readonly sts?: readonly string[];
  /**
   * Break one RRset's DNSSEC after signing: `tlsa-altered` changes mx1's TLSA data under its signature (the zone
   * was edited without re-signing); `tlsa-expired`, `mx-expired` and `address-expired` give mx1's TLSA RRset, the
   * domain's MX RRset or mx1's A RRset a signature that expired yesterday.
   */
  readonly dnssecFault?: 'tlsa-altered' | 'tlsa-expired' | 'mx-expired' | 'address-expired';
  /** What the RFCs say, one sentence with the section, for the README table. */
  readonly rfc: string;
  /** The RFCs leave the sender a choice here (a MAY, or silence): either outcome conforms. */
  readonly rfcEither?: true;
  readonly expect: DaneExpectation;
  /** Why Postfix A departs from RFC 7672 here (its outcome is then not `rfcDane`). */
  readonly departureA?: string;
  /** Why Postfix B departs from RFC 7672 + RFC 8461 here (its outcome is then not the `bouncesDane` one). */
  readonly departureB?: string;
}

export const domainOfDane = (s: DaneScenario): string => `${s.id}.${zoneName(s.zone)}`;

/** The MX host's fully qualified name (no trailing dot). */
export function daneHostName(s: DaneScenario, mx: DaneMxSpec): string {
  return mx.zone === undefined ? `${mx.host}.${domainOfDane(s)}` : `${mx.host}.${s.id}.${zoneName(mx.zone)}`;
}

/** The outcome the RFCs give a sender that validates DANE and MTA-STS together (the engine's `bouncesDane`). */
export const rfcCombined = (s: DaneScenario): Outcome => (s.expect.bouncesDane ? 'deferred' : 'delivered');

const one = (mx: Omit<DaneMxSpec, 'host'>): DaneMxSpec[] => [{ host: 'mx1', ...mx }];

export const DANE_SCENARIOS: readonly DaneScenario[] = [
  // --- DANE-EE(3): the key or certificate, names and dates ignored (RFC 7672 §3.1.1, §3.2.1) ---
  {
    id: 'ee-spki-sha256',
    title: '3 1 1 for the key served',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 leaf'] }),
    rfc: 'DANE-EE matches the key: deliver (RFC 7672 §3.1.1)',
    expect: {
      dane: { mx1: 'dane-ok' },
      bouncesDane: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  {
    id: 'ee-stale-key',
    title: '3 1 1 for the old key after a certificate renewal with a new key',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 old'] }),
    rfc: 'usable TLSA, no match: do not deliver (RFC 7672 §2.2, §3.1.1)',
    expect: {
      dane: { mx1: 'dane-fail' },
      bouncesDane: true,
      findings: ['tlsa-mismatch'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  {
    id: 'ee-current-next',
    title: '3 1 1 for the current key and 3 1 1 for the next key (RFC 7671 §8.1 rollover)',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 next', '3 1 1 leaf'] }),
    rfc: 'any one usable record that matches authenticates (RFC 7672 §3, RFC 7671 §8.1)',
    expect: {
      dane: { mx1: 'dane-ok' },
      bouncesDane: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  {
    id: 'ee-cert-sha256',
    title: '3 0 1: the whole certificate',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 0 1 leaf'] }),
    rfc: 'selector Cert(0) matches the DER certificate (RFC 6698 §2.1.2): deliver',
    expect: {
      dane: { mx1: 'dane-ok' },
      bouncesDane: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  {
    id: 'ee-spki-sha512',
    title: '3 1 2: SHA2-512 of the key',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 2 leaf'] }),
    rfc: 'matching type SHA2-512 (RFC 6698 §2.1.3): deliver',
    expect: {
      dane: { mx1: 'dane-ok' },
      bouncesDane: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  // --- DANE-TA(2): the anchor in the presented chain, and the names (RFC 7672 §3.1.2, §3.2.2) ---
  {
    id: 'ta-ca-chain',
    title: '2 1 1 for the test CA, which the server sends after its leaf',
    zone: 'signed',
    mx: one({ tls: 'ca', chain: true, tlsa: ['2 1 1 ca'] }),
    rfc: 'DANE-TA: the chain leads to the anchor and the leaf names the MX host: deliver (RFC 7672 §3.1.2)',
    expect: {
      dane: { mx1: 'dane-ok' },
      bouncesDane: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  {
    id: 'ee-expired-cert',
    title: '3 1 1 for the key served; the certificate expired yesterday',
    zone: 'signed',
    mx: one({ tls: 'expired', tlsa: ['3 1 1 leaf'] }),
    rfc: 'DANE-EE ignores the validity dates: deliver (RFC 7672 §3.1.1)',
    expect: {
      dane: { mx1: 'dane-ok' },
      bouncesDane: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  {
    id: 'ee-wrong-name',
    title: '3 1 1 for the key served; the certificate names www.mx1, not mx1',
    zone: 'signed',
    mx: one({ tls: 'ca-wrong-name', tlsa: ['3 1 1 leaf'] }),
    rfc: 'DANE-EE ignores the names in the certificate: deliver (RFC 7672 §3.2.1)',
    expect: {
      dane: { mx1: 'dane-ok' },
      bouncesDane: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  {
    id: 'ta-wrong-name',
    title: '2 1 1 for the test CA, chain sent; the certificate names www.mx1, not mx1',
    zone: 'signed',
    mx: one({ tls: 'ca-wrong-name', chain: true, tlsa: ['2 1 1 ca'] }),
    rfc: 'DANE-TA requires the MX host name (or the TLSA base domain) in the certificate: do not deliver (RFC 7672 §3.2.2)',
    expect: {
      dane: { mx1: 'dane-fail' },
      bouncesDane: true,
      findings: ['tlsa-mismatch'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  {
    id: 'ta-no-chain',
    title: '2 1 1 for the test CA, but the server sends only its leaf',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['2 1 1 ca'] }),
    rfc: 'a DANE-TA digest can only match a certificate the server sends (RFC 7672 §3.1.2): do not deliver',
    expect: {
      dane: { mx1: 'dane-fail' },
      bouncesDane: true,
      findings: ['tlsa-mismatch'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  // --- unusable and mandatory TLS (RFC 7672 §2.2, §3.1.3) ---
  {
    id: 'pkix-only',
    title: 'only PKIX usages: 0 1 1 for the CA and 1 1 1 for the key',
    zone: 'signed',
    mx: one({ tls: 'ca', chain: true, tlsa: ['0 1 1 ca', '1 1 1 leaf'] }),
    rfc: 'no usable record: TLS mandatory, unauthenticated; STARTTLS works: deliver (RFC 7672 §3.1.3)',
    expect: {
      dane: { mx1: 'tls-required-unauthenticated' },
      bouncesDane: false,
      findings: ['tlsa-unusable'],
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  {
    id: 'pkix-only-no-starttls',
    title: 'only PKIX usages, and the MX offers no STARTTLS',
    zone: 'signed',
    mx: one({ tls: 'no-starttls', tlsa: ['1 1 1 next'] }),
    rfc: 'a secure TLSA set, even of unusable records, makes TLS mandatory: do not deliver (RFC 7672 §2.2)',
    expect: {
      dane: { mx1: 'no-starttls-with-tlsa' },
      bouncesDane: true,
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  {
    id: 'tlsa-no-starttls',
    title: '3 1 1 published, the MX offers no STARTTLS',
    zone: 'signed',
    mx: one({ tls: 'no-starttls', tlsa: ['3 1 1 next'] }),
    rfc: 'usable TLSA and no STARTTLS: do not deliver (RFC 7672 §2.2)',
    expect: {
      dane: { mx1: 'no-starttls-with-tlsa' },
      bouncesDane: true,
      findings: ['tlsa-no-starttls'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  // --- broken DNSSEC (RFC 7672 §2.1.1) ---
  {
    id: 'tlsa-bogus',
    title: 'the TLSA record was edited after signing: its signature does not verify',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 leaf'] }),
    dnssecFault: 'tlsa-altered',
    rfc: 'a bogus TLSA answer: defer, never fall back to unauthenticated TLS (RFC 7672 §2.1.1)',
    expect: {
      dane: { mx1: 'deferred' },
      bouncesDane: true,
      findings: ['tlsa-lookup-failed'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  {
    id: 'tlsa-rrsig-expired',
    title: 'the signature over the TLSA record expired yesterday',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 leaf'] }),
    dnssecFault: 'tlsa-expired',
    rfc: 'an expired signature makes the answer bogus: defer (RFC 7672 §2.1.1, RFC 4035 §5.3.1)',
    expect: {
      dane: { mx1: 'deferred' },
      bouncesDane: true,
      findings: ['tlsa-lookup-failed'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  {
    id: 'mx-rrsig-expired',
    title: "the signature over the domain's MX records expired yesterday; mx1 has a matching 3 1 1",
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 leaf'] }),
    dnssecFault: 'mx-expired',
    rfc: 'a bogus MX answer: defer (RFC 7672 §2.1.1, §2.2.1)',
    expect: {
      dane: { mx1: 'no MX entry' },
      bouncesDane: true,
      findings: ['mx-unknown'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  {
    id: 'address-rrsig-expired',
    title: "the signature over mx1's A record expired yesterday; mx1 has a matching 3 1 1",
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 leaf'] }),
    dnssecFault: 'address-expired',
    rfc: 'a bogus address answer: defer (RFC 7672 §2.1.1, §2.2.2)',
    expect: {
      dane: { mx1: 'deferred' },
      bouncesDane: true,
      findings: ['tlsa-lookup-failed'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  // --- where DANE does not apply (RFC 7672 §2.2.1, §2.2.2) ---
  {
    id: 'signed-no-tlsa',
    title: 'a signed zone without TLSA records; the MX presents a self-signed certificate',
    zone: 'signed',
    mx: one({ tls: 'self-signed', tlsa: [] }),
    rfc: 'no TLSA records (a secure denial): opportunistic TLS, deliver (RFC 7672 §2.2)',
    expect: {
      dane: { mx1: 'no-dane' },
      bouncesDane: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  {
    id: 'tlsa-unsigned-zone',
    title: 'a stale 3 1 1 in an unsigned zone',
    zone: 'unsigned',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 old'] }),
    rfc: 'an insecure TLSA answer is not used: opportunistic TLS, deliver (RFC 7672 §2.2.2)',
    expect: {
      dane: { mx1: 'no-dane' },
      bouncesDane: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  {
    id: 'mx-in-signed-zone',
    title: 'the domain is unsigned; its MX host lives in the signed zone, with a stale 3 1 1',
    zone: 'unsigned',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 old'], zone: 'signed' }),
    rfcEither: true,
    rfc:
      'an insecure MX RRset: the client MAY still use DANE with the MX host (RFC 7672 §2.2.1); a sender that does ' +
      'refuses the stale record',
    expect: {
      dane: { mx1: 'dane-fail' },
      bouncesDane: true,
      findings: ['tlsa-mismatch'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  // --- TLSA through a CNAME (RFC 7672 §2.2.3, RFC 7671 §7) ---
  {
    id: 'tlsa-cname',
    title: '_25._tcp.mx1 is a CNAME to tlsa.mx1, which holds 3 1 1 for the key served',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 leaf'], tlsaCname: true }),
    rfc: 'a secure CNAME is followed to the TLSA records: deliver (RFC 7672 §2.2.3)',
    expect: {
      dane: { mx1: 'dane-ok' },
      bouncesDane: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
    },
  },
  {
    id: 'tlsa-cname-stale',
    title: '_25._tcp.mx1 is a CNAME to tlsa.mx1, which holds 3 1 1 for the old key',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 old'], tlsaCname: true }),
    rfc: 'the records at the CNAME target apply, and do not match: do not deliver (RFC 7672 §2.2.3)',
    expect: {
      dane: { mx1: 'dane-fail' },
      bouncesDane: true,
      findings: ['tlsa-mismatch'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'deferred',
    },
  },
  // --- two MX hosts (RFC 5321 §5.1: the sender moves on to the next MX) ---
  {
    id: 'backup-stale',
    title: 'mx1 (10) matches its 3 1 1, the backup mx2 (20) has a stale one',
    zone: 'signed',
    mx: [
      { host: 'mx1', tls: 'ca', tlsa: ['3 1 1 leaf'] },
      { host: 'mx2', tls: 'ca', tlsa: ['3 1 1 old'] },
    ],
    rfc: 'mx1 authenticates: deliver there; mx2 would be refused (RFC 7672 §2.2)',
    expect: {
      dane: { mx1: 'dane-ok', mx2: 'dane-fail' },
      bouncesDane: false,
      findings: ['tlsa-mismatch'],
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
      relayA: 'mx1',
    },
  },
  {
    id: 'primary-stale',
    title: 'mx1 (10) has a stale 3 1 1, the backup mx2 (20) matches',
    zone: 'signed',
    mx: [
      { host: 'mx1', tls: 'ca', tlsa: ['3 1 1 old'] },
      { host: 'mx2', tls: 'ca', tlsa: ['3 1 1 leaf'] },
    ],
    rfc: 'mx1 fails DANE, the sender moves on to mx2, which authenticates: deliver (RFC 7672 §2.2)',
    expect: {
      dane: { mx1: 'dane-fail', mx2: 'dane-ok' },
      bouncesDane: false,
      findings: ['tlsa-mismatch'],
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'delivered',
      relayA: 'mx2',
    },
  },
  // --- DANE meets MTA-STS (RFC 8461 §2) ---
  {
    id: 'dane-pass-sts-fail',
    title: 'self-signed certificate with a matching 3 1 1; an enforce policy that needs a CA-signed one',
    zone: 'signed',
    mx: one({ tls: 'self-signed', tlsa: ['3 1 1 leaf'] }),
    sts: ['mx1.{d}'],
    rfcEither: true,
    rfc:
      'RFC 8461 does not say: a sender requiring both refuses (the certificate fails RFC 8461 §4.2, `bouncesDane`); ' +
      'one letting DANE decide where a usable TLSA set is secure delivers (the `rfc` profile)',
    expect: {
      dane: { mx1: 'dane-ok' },
      bouncesDane: true,
      rfcProfile: false,
      rfcDane: 'delivered',
      senderA: 'delivered',
      senderB: 'deferred',
    },
  },
  {
    id: 'dane-fail-sts-pass',
    title: 'stale 3 1 1; an enforce policy listing mx1, whose CA-signed certificate is valid',
    zone: 'signed',
    mx: one({ tls: 'ca', tlsa: ['3 1 1 old'] }),
    sts: ['mx1.{d}'],
    rfc: 'MTA-STS must never override a failing DANE validation: do not deliver (RFC 8461 §2)',
    expect: {
      dane: { mx1: 'dane-fail' },
      bouncesDane: true,
      findings: ['tlsa-mismatch'],
      rfcDane: 'deferred',
      senderA: 'deferred',
      senderB: 'delivered',
    },
    departureB:
      'postfix-mta-sts-resolver answers the policy lookup with `secure match=...`, and a policy-map entry replaces ' +
      'the `dane` level for that domain: Postfix checks the certificate against the test CA and the policy names, ' +
      'never looks at TLSA, and delivers. RFC 8461 §2 forbids MTA-STS to override a failing DANE validation.',
  },
];
