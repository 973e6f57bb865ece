/**
 * A domain whose MX lookup failed (issue #7 item 4, found by the e2e referee's `mx-rrsig-expired`): nothing is known
 * of its hosts, but when the validating resolver failed the MX answer (bogus or SERVFAIL), every sender that
 * validates DNSSEC defers whatever the hosts are (RFC 7672 §2.1.1). Postfix with DANE did, with and without the
 * MTA-STS resolver. A sender that does not validate (Gmail) is not told anything by that.
 */
import { describe, expect, it } from 'vitest';
import { judgeSenders } from '../../../src/core/senders/index.js';
import type { DnsSecurity } from '../../../src/core/dane.js';
import { facts } from './fixtures.js';

function mxFailed(mxSecurity: DnsSecurity | undefined, mode: 'enforce' | 'absent' = 'absent') {
  const base = facts({ mxKnown: false, hosts: [], mode });
  return judgeSenders(mxSecurity === undefined ? base : { ...base, daneChecked: true, mxSecurity });
}

describe('a failed MX lookup', () => {
  it('bogus or failed at the validating resolver: the DNSSEC-validating profiles bounce', () => {
    const v = mxFailed('bogus-or-failed');
    expect(v.rfc.bounces).toBe(true);
    expect(v['exchange-online'].bounces).toBe(true);
    expect(v['postfix-dane'].bounces).toBe(true);
    expect(v['postfix-sts-resolver'].bounces).toBe(true);
    expect(v.rfc.reason).toMatch(/^the MX lookup failed: deferred/);
    expect(v.gmail.bounces).not.toBe(true);
  });

  it('the same with an enforcing policy: MTA-STS cannot make a bogus MX answer usable', () => {
    const v = mxFailed('bogus-or-failed', 'enforce');
    expect(v['postfix-sts-resolver'].bounces).toBe(true);
    expect(v.rfc.bounces).toBe(true);
  });

  it('no answer at all (our own deadline) or DANE not checked: nothing is known', () => {
    for (const security of ['unknown', undefined] as const) {
      const v = mxFailed(security);
      expect(v['postfix-dane'].bounces, String(security)).toBeNull();
      expect(v.rfc.bounces, String(security)).not.toBe(true);
    }
  });
});
