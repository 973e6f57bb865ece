/**
 * `rfc`: a sender that implements RFC 8461 (MTA-STS) and RFC 7672 (DANE) together, as the RFCs ask.
 *
 * - A host with a DNSSEC-secure, usable TLSA set: DANE decides (RFC 7672 §2.2). RFC 8461 §2 says MTA-STS must not
 *   override a failing DANE validation; MTA-STS exists for domains without DNSSEC (RFC 8461 §1, §2), so a host that
 *   passes DANE is taken as authenticated. The lead's reading of issue #7 item 4; Exchange Online differs.
 * - A bogus or failed lookup: deferred (RFC 7672 §2.1.1), whatever MTA-STS says.
 * - TLSA without STARTTLS, or a failed handshake: no delivery (RFC 7672 §2.2).
 * - Otherwise (no TLSA, an unsigned zone, or a TLSA set with no usable record, which only makes TLS mandatory):
 *   MTA-STS decides, as RFC 8461 §4 and §5 say.
 * - DANE not checked (no `--dane`): MTA-STS alone, so the domain's `bounces` keeps its meaning without DANE data.
 */
import { daneClass, daneWhy } from './dane-class.js';
import { deliver, judgeWith, refuse, stsDecision, unsure, type HostRule } from './judge.js';
import type { SenderProfile } from './types.js';

export const rfcHost: HostRule = (mx, sts) => {
  switch (daneClass(mx)) {
    case 'defer':
      return refuse(`deferred: ${daneWhy(mx)} (RFC 7672 §2.1.1)`);
    case 'fail':
      return refuse(`${daneWhy(mx)} (RFC 7672 §3), and MTA-STS cannot override that (RFC 8461 §2)`);
    case 'pass':
      return deliver(daneWhy(mx));
    case 'unknown': {
      if ((mx.dane?.usableTlsa ?? 0) > 0) return unsure(daneWhy(mx));
      const d = stsDecision(sts);
      return d.delivers === false ? d : unsure(daneWhy(mx));
    }
    case 'encrypt':
    case 'none':
    case 'not-checked':
      return stsDecision(sts);
  }
};

export const rfc: SenderProfile = {
  id: 'rfc',
  appliesMtaSts: true,
  judge: (facts) => judgeWith(facts, rfcHost, true),
};
