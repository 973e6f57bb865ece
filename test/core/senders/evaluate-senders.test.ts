/**
 * The sender profiles composed by evaluateDomain (issue #7 items 4 and 6): the `senders` object of the JSON report,
 * `bounces` as the rfc profile's verdict, and findings that name the refusing classes and count only the
 * profiles chosen in domains.yml.
 */
import { describe, expect, it } from 'vitest';
import type { TlsaObservation } from '../../../src/core/dane.js';
import { groupCauses } from '../../../src/core/causes.js';
import { evaluateDomain } from '../../../src/core/evaluate.js';
import type { SenderProfileId } from '../../../src/core/senders/ids.js';
import type { DomainObservation } from '../../../src/core/types.js';
import {
  certificate,
  expectation,
  mxRecords,
  NOW as FIXTURE_NOW,
  observation,
  ok,
  policyBody,
  policyHost,
  policyResponse,
  tls,
} from '../../helpers/observations.js';
import { chain, leafPem, MX, nextKeyTlsa, NOW, secureTlsa, tlsaFor } from '../dane-fixtures.js';

const DAY = 86_400_000;
const inDays = (n: number): string => new Date(NOW.getTime() + n * DAY).toISOString();

/** One MX host `MX` with a secure TLSA set, a policy listing `policyMx`, DANE checked. */
function world(
  tlsa: TlsaObservation,
  options: { mode?: string; policyMx?: string[] } = {},
): DomainObservation {
  const cert = certificate({ notBefore: inDays(-30), notAfter: inDays(60), dnsNames: [MX] });
  const policyCert = certificate({
    notBefore: inDays(-30),
    notAfter: inDays(60),
    dnsNames: ['mta-sts.example.com'],
  });
  const body = policyBody({ mode: options.mode ?? 'enforce', mx: options.policyMx ?? [MX] });
  return observation({
    mx: mxRecords(MX),
    policyHost: policyHost(policyResponse({ body, tls: tls({ certificate: policyCert }) })),
    mxHosts: {
      [MX]: {
        host: MX,
        addresses: ok(['192.0.2.25']),
        smtp: [
          {
            address: '192.0.2.25',
            outcome: 'tls',
            banner: '220 mx',
            tls: tls({ certificate: cert, daneChain: chain }),
          },
        ],
        dane: { addressSecurity: 'secure', addressSignatureExpirations: [inDays(30)], tlsa },
      },
    },
    mxDnssec: { security: 'secure', signatureExpirations: [inDays(30)] },
  });
}

const stale = secureTlsa([nextKeyTlsa()]);
const current = secureTlsa([tlsaFor(leafPem, 3, 1, 1)]);

function evaluate(obs: DomainObservation, senders?: SenderProfileId[]) {
  const expect_ = senders === undefined ? expectation() : expectation({ senders });
  return evaluateDomain(obs, expect_, undefined, NOW).report;
}

describe('sender profiles in evaluateDomain', () => {
  it('writes one verdict per profile, each with bounces, refusedMx, reason, its cached verdict and counted', () => {
    const report = evaluate(world(stale));
    const shape = Object.fromEntries(
      Object.entries(report.senders ?? {}).map(([id, v]) => [id, [v.bounces, v.refusedMx, v.counted]]),
    );
    expect(shape).toStrictEqual({
      rfc: [true, [MX], true],
      'exchange-online': [true, [MX], true],
      gmail: [false, [], true],
      'postfix-dane': [true, [MX], true],
      // The resolver's `secure match=` for the enforcing policy overrides DANE.
      'postfix-sts-resolver': [false, [], true],
    });
    expect(report.bounces).toBe(report.senders?.rfc.bounces);
    expect(Object.keys(report.senders?.rfc ?? {}).sort()).toStrictEqual(
      ['bounces', 'bouncesForCachedSenders', 'counted', 'reason', 'refusedMx'].sort(),
    );
    expect(report.senders?.rfc.reason).toMatch(
      new RegExp(`^refuses every MX host: ${MX.replaceAll('.', '\\.')}: `),
    );
  });

  it('names the refusing classes in mail-bounces and the DANE finding, and says who still delivers', () => {
    const report = evaluate(world(stale));
    const byCode = new Map(report.findings.map((f) => [f.code, f]));
    const refusers = 'RFC senders (MTA-STS and DANE), Exchange Online and Postfix (DANE)';
    expect(byCode.get('mail-bounces')?.message).toMatch(
      new RegExp(`accepts mail from ${refusers.replace(/[()]/g, '\\$&')}: `),
    );
    expect(byCode.get('tlsa-mismatch')).toMatchObject({ severity: 'error' });
    expect(byCode.get('tlsa-mismatch')?.message.startsWith(`${refusers} refuse ${MX}: `)).toBe(true);
    expect(byCode.get('senders-disagree')).toMatchObject({
      severity: 'notice',
      observed: 'refuse: rfc, exchange-online, postfix-dane; deliver: gmail, postfix-sts-resolver',
    });
    expect(byCode.get('senders-disagree')?.message).toContain(
      'while Gmail and Postfix (MTA-STS resolver) deliver',
    );
  });

  it('a stale TLSA record is the root cause of the bounce, not a separate mail-bounces cause', () => {
    const causes = groupCauses([evaluate(world(stale))]);
    expect(causes.map((c) => [c.key, c.bounces])).toContainEqual([`tlsa-mismatch/mx:${MX}`, true]);
    expect(causes.some((c) => c.code === 'mail-bounces')).toBe(false);
  });

  it('counts only the chosen profiles: a refusal none of them makes is a notice, and nothing bounces', () => {
    const report = evaluate(world(stale), ['gmail', 'postfix-sts-resolver']);
    const codes = report.findings.map((f) => `${f.code}:${f.severity}`);
    expect(codes).toContain('tlsa-mismatch:notice');
    expect(codes).not.toContain('mail-bounces:error');
    expect(codes.some((c) => c.startsWith('senders-disagree'))).toBe(false);
    expect(report.status).not.toBe('error');
    // The report still carries every profile, marked, and `bounces` stays the rfc verdict.
    expect(report.senders?.rfc).toMatchObject({ bounces: true, counted: false });
    expect(report.senders?.gmail).toMatchObject({ bounces: false, counted: true });
    expect(report.bounces).toBe(true);
  });

  it('one chosen class: "Postfix (DANE) refuses"', () => {
    const report = evaluate(world(stale), ['postfix-dane']);
    const finding = report.findings.find((f) => f.code === 'tlsa-mismatch');
    expect(finding?.message.startsWith(`Postfix (DANE) refuses ${MX}: `)).toBe(true);
    expect(report.findings.find((f) => f.code === 'mail-bounces')?.message).toContain(
      'accepts mail from Postfix (DANE): ',
    );
  });

  it('DANE passing while MTA-STS refuses the host: the rfc profile delivers, Exchange Online does not', () => {
    const report = evaluate(world(current, { policyMx: ['other.example.test'] }));
    expect(report.senders?.rfc.bounces).toBe(false);
    expect(report.senders?.['exchange-online'].bounces).toBe(true);
    expect(report.senders?.gmail.bounces).toBe(true);
    expect(report.senders?.['postfix-dane'].bounces).toBe(false);
    expect(report.bounces).toBe(false);
    expect(report.findings.find((f) => f.code === 'mail-bounces')?.message).toContain(
      'accepts mail from Exchange Online, Gmail and Postfix (MTA-STS resolver): ',
    );
  });

  it('without DANE data the MTA-STS wording stays, naming the classes that apply MTA-STS', () => {
    // The helpers' pinned clock, which their certificates are valid around.
    const obs = observation({
      policyHost: policyHost(policyResponse({ body: policyBody({ mx: ['other.example.com'] }) })),
    });
    const { report } = evaluateDomain(obs, expectation(), undefined, FIXTURE_NOW);
    expect(report.bounces).toBe(true);
    expect(report.findings.find((f) => f.code === 'mail-bounces')?.message).toBe(
      'No MX host of example.com passes RFC 8461 validation, so RFC senders (MTA-STS and DANE), Exchange Online, Gmail and Postfix (MTA-STS resolver) refuse to deliver mail.',
    );
    // DANE was not checked: a DANE-only sender's verdict is unknown.
    expect(report.senders?.['postfix-dane'].bounces).toBeNull();
  });
});
