/**
 * `gmail`: MTA-STS only (RFC 8461), no DANE.
 *
 * Source: Google Workspace Admin Help, "Set up MTA-STS and TLS reporting" / "Create an MTA-STS policy"
 * (https://support.google.com/a/answer/9276511): in enforce mode, servers that support MTA-STS do not deliver over
 * a connection that is not encrypted and authenticated, and the certificate must match the MX host name, chain to a
 * trusted root and be in date, with TLS 1.2 or later. That Gmail does not validate DANE outbound is an assumption:
 * Google documents no DANE support for sending, so TLSA records, even broken ones, are taken to change nothing.
 * Not checked against real software (nothing in the e2e suite can be Gmail).
 */
import { judgeWith, stsDecision, type HostRule } from './judge.js';
import type { SenderProfile } from './types.js';

export const gmailHost: HostRule = (_mx, sts) => stsDecision(sts);

export const gmail: SenderProfile = {
  id: 'gmail',
  appliesMtaSts: true,
  judge: (facts) => judgeWith(facts, gmailHost, true),
};
