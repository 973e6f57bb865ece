/**
 * `postfix-dane`: Postfix with `smtp_dns_support_level = dnssec` and `smtp_tls_security_level = dane`, and no
 * MTA-STS at all.
 *
 * Source: Postfix TLS_README, "Mandatory server certificate verification" and "DANE TLS authentication"
 * (https://www.postfix.org/TLS_README.html#client_tls_dane): with usable, DNSSEC-validated TLSA records the
 * server certificate must match them; when the TLSA records are all unusable the level falls to `encrypt`
 * (mandatory TLS without authentication); without TLSA records, or from an unsigned zone, it is `may`
 * (opportunistic, so mail goes even without TLS); a TLSA lookup that fails defers the mail. Checked against
 * Postfix 3.7 in the e2e suite.
 */
import { daneClass, daneWhy } from './dane-class.js';
import { deliver, judgeWith, refuse, unsure, type HostRule } from './judge.js';
import type { SenderProfile } from './types.js';

export const postfixDaneHost: HostRule = (mx) => {
  switch (daneClass(mx)) {
    case 'not-checked':
      return unsure('DANE was not checked');
    case 'none':
      return deliver(`${daneWhy(mx)}: opportunistic TLS (security level may)`);
    case 'pass':
      return deliver(daneWhy(mx));
    case 'encrypt':
      return deliver(`${daneWhy(mx)} (security level encrypt)`);
    case 'fail':
      return refuse(daneWhy(mx));
    case 'defer':
      return refuse(`deferred: ${daneWhy(mx)}`);
    case 'unknown':
      return unsure(daneWhy(mx));
  }
};

export const postfixDane: SenderProfile = {
  id: 'postfix-dane',
  appliesMtaSts: false,
  judge: (facts) => judgeWith(facts, postfixDaneHost, false),
};
