/**
 * `exchange-online`: Exchange Online outbound, which validates DANE first and applies MTA-STS as well.
 *
 * Sources: Microsoft Learn, "How SMTP DNS-based Authentication of Named Entities (DANE) works"
 * (https://learn.microsoft.com/purview/how-smtp-dane-works): once the MX and address answers are DNSSEC-authentic,
 * Exchange Online looks up the TLSA records of each MX host and, when they are present and authentic, requires the
 * server's certificate to match them; a failed or bogus DNSSEC lookup defers the mail (the issue #7 text names the
 * 4.7.323 tlsa-invalid and 4.7.324 dnssec-invalid deferrals). The Exchange Team blog "Announcing SMTP DANE & MTA-STS
 * connector modes in Exchange Online" (March 2026) says the default outbound mode attempts both SMTP DANE and
 * MTA-STS validation where the destination supports them, so a host must pass both. Not checked against real
 * software (nothing in the e2e suite can be Exchange Online).
 *
 * Without DANE data a host that fails MTA-STS is still known to be refused; one that passes is not known to be
 * accepted, since its DANE result was not checked.
 */
import { daneClass, daneWhy } from './dane-class.js';
import { judgeWith, refuse, stsDecision, unsure, type HostRule } from './judge.js';
import type { SenderProfile } from './types.js';

export const exchangeOnlineHost: HostRule = (mx, sts) => {
  const dane = daneClass(mx);
  if (dane === 'defer') return refuse(`deferred (4.7.323/4.7.324): ${daneWhy(mx)}`);
  if (dane === 'fail') return refuse(daneWhy(mx));
  const d = stsDecision(sts);
  if (d.delivers === false) return d;
  if (dane === 'not-checked') return unsure(`${d.why}; DANE was not checked`);
  if (dane === 'unknown') return unsure(daneWhy(mx));
  return d.delivers === true && dane !== 'none' ? { delivers: true, why: `${daneWhy(mx)}; ${d.why}` } : d;
};

export const exchangeOnline: SenderProfile = {
  id: 'exchange-online',
  appliesMtaSts: true,
  judge: (facts) => judgeWith(facts, exchangeOnlineHost, true),
};
