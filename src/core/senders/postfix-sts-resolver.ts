/**
 * `postfix-sts-resolver`: Postfix 3.7 (Debian 12) with postfix-mta-sts-resolver in `smtp_tls_policy_maps`,
 * `smtp_tls_security_level = dane` as the default and `smtp_dns_support_level = dnssec`.
 *
 * Sources: the postfix-mta-sts-resolver README and mta-sts-daemon.yml(5) (https://github.com/Snawoot/postfix-mta-sts-resolver):
 * for an enforcing policy the daemon answers `secure match=<mx patterns> servername=hostname`, with a `*.`
 * pattern written as Postfix's `.parent` form; for a testing policy it answers nothing unless `strict_testing`
 * is set (off by default), and nothing either when there is no policy. Postfix TLS_README
 * (https://www.postfix.org/TLS_README.html) for the levels: a policy-map entry replaces the default level, so
 * with a policy DANE is not consulted at all (MTA-STS overrides DANE, unlike RFC 8461 §2), and without one the
 * default `dane` level applies (see postfix-dane.ts).
 *
 * Departures from RFC 8461 that follow, modelled here:
 * - Postfix 3.7 does not match the MX host name against the policy; it matches the certificate against the
 *   `match=` names, and `.parent` matches any depth of sub-domain, where RFC 8461 §4.1 allows exactly one label.
 *   An MX host two labels under a `*.` pattern whose certificate names it is therefore accepted. Postfix 3.10.5 and
 *   later skip MX hosts that do not match the policy (RFC-style); Debian 12 ships 3.7, which is what the e2e
 *   referee runs, so 3.7 is modelled.
 * - The certificate is taken to name the MX host (our TLS verdict checks that name): a certificate that names a
 *   policy pattern but not the MX host is not modelled.
 * Postfix resolves MX and address records with DNSSEC, so a bogus answer defers whichever level applies.
 * Checked against Postfix 3.7 in the e2e suite.
 */
import { normalizeHost } from '../mx-pattern.js';
import { daneWhy } from './dane-class.js';
import { deliver, judgeWith, refuse, unsure, type HostRule } from './judge.js';
import { postfixDaneHost } from './postfix-dane.js';
import type { SenderMx } from './types.js';
import type { SenderProfile } from './types.js';

/** Postfix `secure match=` as the resolver writes it: `*.parent` becomes `.parent`, which matches any depth. */
export function postfixMatches(patterns: readonly string[], host: string): boolean {
  const name = normalizeHost(host);
  return patterns.some((raw) => {
    const pattern = normalizeHost(raw);
    if (!pattern.startsWith('*.')) return pattern === name;
    return name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1;
  });
}

const bogusDns = (mx: SenderMx): boolean =>
  mx.dane !== undefined &&
  (mx.dane.mxSecurity === 'bogus-or-failed' || mx.dane.addressSecurity === 'bogus-or-failed');

export const postfixStsResolverHost: HostRule = (mx, sts) => {
  if (sts.policy === 'unknown') return unsure(sts.why);
  // No enforcing policy: the resolver answers nothing and the default level (dane) applies.
  if (sts.policy === 'none') return postfixDaneHost(mx, sts);
  if (bogusDns(mx)) return refuse(`deferred: ${daneWhy(mx)}`);
  if (!postfixMatches(sts.patterns, mx.host)) {
    return refuse('its name matches no `secure match=` pattern the resolver returns (RFC 8461 §4.1)');
  }
  if (mx.tlsOk === false) return refuse(`security level secure, and the host's TLS is ${mx.tls}`);
  if (mx.tlsOk === null) return unsure(`security level secure, and the host's TLS is ${mx.tls}`);
  return deliver('passes security level secure (the MTA-STS policy overrides DANE)');
};

export const postfixStsResolver: SenderProfile = {
  id: 'postfix-sts-resolver',
  appliesMtaSts: true,
  judge: (facts) => judgeWith(facts, postfixStsResolverHost, true),
};
