/** Removing MTA-STS, RFC 8461 §8.3 (issue #8 item 3). Pure. */
import { duration, policyUrl, txtName } from './plan-steps.js';
import type { PlanBuilder } from './plan-builder.js';
import type { PlanInput } from './plan.js';

/** RFC 8461 §8.3: none under a new id, wait out every cache, then delete the record, then the policy host. */
export function planRemoval(b: PlanBuilder, input: PlanInput): void {
  const cur = input.current.policy;
  const t0 = input.now.getTime();
  if (cur.mode !== 'none') {
    b.publish(
      { ...cur, mode: 'none' },
      t0,
      'Publish the policy with "mode: none"',
      'RFC 8461 §8.3: "none" under a new id tells senders to drop the policy they hold; deleting the record alone leaves their caches in force until max_age runs out.',
    );
  }
  const at = Math.max(
    t0,
    b.lastCache(() => true),
  );
  const d = input.domain;
  b.add({
    kind: 'remove-txt',
    title: `Delete the TXT record ${txtName(d)}`,
    at,
    why:
      cur.mode === 'none'
        ? 'RFC 8461 §8.3: only once every policy senders may hold has expired (the longest max_age served).'
        : `RFC 8461 §8.3: only once every policy senders may hold has expired (the longest max_age served, here ${duration(cur.maxAge)} after the new id).`,
    change: { action: 'delete', type: 'TXT', name: txtName(d), text: null },
    confirm: { command: `dig +short TXT ${txtName(d)}`, expect: 'nothing' },
  });
  b.add({
    kind: 'remove-policy-host',
    title: `Take down ${policyUrl(d)} (and the mta-sts.${d} name)`,
    at: at + input.txtTtl * 1000,
    why: `Senders may still see the TXT record until its TTL (${duration(input.txtTtl)}) has passed, and would fetch the policy.`,
    change: { action: 'delete', type: 'policy', name: policyUrl(d), text: null },
    confirm: {
      command: `curl -sS -o /dev/null -w '%{http_code}\\n' ${policyUrl(d)}`,
      expect: 'an error or 404',
    },
  });
}
