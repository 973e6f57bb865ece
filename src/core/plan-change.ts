/**
 * An MX, mode or max_age change (issue #8 item 3): cover every host first, add hosts, remove hosts once no cached
 * enforcing policy refuses what remains, then publish the final policy. Pure.
 */
import { findMatchingPattern, normalizeHost } from './mx-pattern.js';
import { refusesAny, type PlanBuilder } from './plan-builder.js';
import { checkCommand, duration, isoSeconds, samePolicy, type PlanPolicy } from './plan-steps.js';
import type { PlanInput, PlanTarget } from './plan.js';
import type { PolicyMode } from './types.js';

const RANK: Record<PolicyMode, number> = { none: 0, testing: 1, enforce: 2 };
const DAY_MS = 86_400_000;

/** The patterns still needed for the hosts, in their order, then exact names for the hosts none covers. */
export function patternsFor(patterns: readonly string[], hosts: readonly string[]): string[] {
  const kept = patterns.filter((p) => hosts.some((h) => findMatchingPattern([p], h) !== null));
  return [...kept, ...hosts.filter((h) => findMatchingPattern(patterns, h) === null)];
}

const minus = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));

/** What a new policy changes, for the step title: "adds mx a.example; mode testing → enforce". */
function changes(from: PlanPolicy, to: PlanPolicy): string {
  const parts = [
    ...minus(to.mx, from.mx).map((m) => `adds mx ${m}`),
    ...minus(from.mx, to.mx).map((m) => `drops mx ${m}`),
    ...(from.mode === to.mode ? [] : [`mode ${from.mode} → ${to.mode}`]),
    ...(from.maxAge === to.maxAge ? [] : [`max_age ${from.maxAge} → ${to.maxAge}`]),
  ];
  return parts.join('; ');
}

/** An MX, mode or max_age change: widen first, add, remove, then the final policy. */
export function planChangeTo(
  b: PlanBuilder,
  input: PlanInput,
  target: Exclude<PlanTarget, { remove: true }>,
): void {
  const { domain: d, current } = input;
  const cur = current.policy;
  const hosts = [...new Set((target.mxHosts ?? current.mxHosts).map(normalizeHost))];
  const now = current.mxHosts.map(normalizeHost);
  const mode = target.mode ?? cur.mode;
  const maxAge = target.maxAge ?? cur.maxAge;
  const [added, removed] = [minus(hosts, now), minus(now, hosts)];
  const downgrade = RANK[mode] < RANK[cur.mode];
  const lower = maxAge < cur.maxAge;
  let t = input.now.getTime();

  // 1. Cover every host first (§4.1); a downgrade or a lower max_age goes out at once too (safer, §3.2).
  const uncovered = cur.mode === 'none' ? [] : hosts.filter((h) => findMatchingPattern(cur.mx, h) === null);
  const first: PlanPolicy = {
    mode: downgrade ? mode : cur.mode,
    maxAge: lower ? maxAge : cur.maxAge,
    mx: [...cur.mx, ...uncovered],
  };
  if (!samePolicy(first, cur)) {
    const why = [
      ...(uncovered.length > 0
        ? [
            'RFC 8461 §4.1: enforcing senders refuse an MX host the policy does not list, so the policy lists a host before the host is added.',
          ]
        : []),
      ...(downgrade
        ? [
            `A lower mode goes first: senders that fetch it stop refusing (§5); those holding the ${cur.mode} policy keep it until its max_age runs out.`,
          ]
        : []),
      ...(lower
        ? [
            'RFC 8461 §3.2: a lower max_age applies only to caches filled from now on; existing caches keep their own.',
          ]
        : []),
    ];
    b.publish(first, t, `Publish the policy: ${changes(cur, first)}`, why.join(' '));
  }

  // 2. Add hosts once senders can see the new id (§8.1: the TXT TTL).
  if (added.length > 0) {
    if (added.some((h) => uncovered.includes(h))) t += input.txtTtl * 1000;
    const refusedUntil = b.lastCache((p) => refusesAny(p, added));
    for (const h of added) {
      b.add({
        kind: 'add-mx',
        title: `Add the MX record ${d}. MX <preference> ${h}.`,
        at: t,
        why: uncovered.includes(h)
          ? `RFC 8461 §8.1: senders may see the old id until the TXT TTL (${duration(input.txtTtl)}) has passed; after that, one that fails on ${h} finds the new policy.`
          : 'The policy senders hold already lists it (RFC 8461 §4.1).',
        change: { action: 'publish', type: 'MX', name: d, text: h },
        confirm: { command: `dig +short MX ${d}`, expect: `a line ending in ${h}.` },
      });
    }
    if (refusedUntil > t)
      b.notes.push(
        `Until ${isoSeconds(refusedUntil)}, senders holding the earlier policy refuse ${added.join(', ')} and deliver to the other MX hosts (RFC 8461 §4.1, §5.1): give the new hosts a higher preference number until then.`,
      );
  }

  // 3. Remove hosts once no cached enforcing policy refuses every host that remains (§3.2, §5.1).
  if (removed.length > 0) {
    const wait = b.lastCache((p) => refusesAny(p, hosts));
    const at = Math.max(t, wait);
    for (const h of removed) {
      b.add({
        kind: 'remove-mx',
        title: `Delete the MX record ${d}. MX ${h}.`,
        at,
        why:
          wait > t
            ? `RFC 8461 §3.2, §5.1: until ${isoSeconds(wait)} a sender may hold a policy that refuses ${hosts.filter((x) => added.includes(x)).join(', ') || 'the remaining hosts'}; once the old hosts are gone it would have nowhere to deliver.`
            : 'Every policy senders may hold lists the hosts that remain.',
        change: { action: 'delete', type: 'MX', name: d, text: h },
        confirm: { command: `dig +short MX ${d}`, expect: `no line ending in ${h}.` },
      });
    }
    t = at;
    b.notes.push(
      `Keep ${removed.join(', ')} accepting mail until ${isoSeconds(t + input.mxTtl * 1000)}: resolvers may hand out the old MX records until their TTL (${duration(input.mxTtl)}) runs out.`,
    );
    if (wait - input.now.getTime() > DAY_MS)
      b.notes.push(
        'To shorten such a wait, lower max_age first and let the old one run out (plan --target-max-age).',
      );
  }

  // 4. The final policy: only the hosts that remain, the target mode and max_age.
  const final: PlanPolicy = { mode, maxAge, mx: patternsFor(cur.mx, hosts) };
  if (!samePolicy(final, b.published)) {
    if (removed.length > 0) t += input.mxTtl * 1000;
    if (mode === 'enforce' && b.published.mode !== 'enforce') {
      b.add({
        kind: 'verify',
        title: 'Check that every MX host passes before enforcing',
        at: t,
        why: 'RFC 8461 §5: in enforce mode senders refuse a host that fails STARTTLS or the certificate check (§4.2); testing mode and TLS-RPT reports (RFC 8460) are the way to find those first.',
        change: null,
        confirm: { command: checkCommand(d), expect: 'no error finding for any MX host' },
      });
    }
    const why = [
      ...(removed.length > 0
        ? [`After the removed hosts have left cached MX sets (MX TTL ${duration(input.mxTtl)}).`]
        : []),
      ...(final.maxAge > b.published.maxAge
        ? ['A longer max_age goes last, so long caches hold only the final policy (RFC 8461 §3.2).']
        : []),
      ...(RANK[final.mode] > RANK[b.published.mode]
        ? [`Senders apply mode ${final.mode} as soon as they fetch it (§5).`]
        : []),
    ];
    const title = `Publish the final policy: ${changes(b.published, final)}`;
    b.publish(final, t, title, why.join(' ') || 'The target policy.');
  }

  // 5. A downgrade or a lower max_age reaches every sender only when the older caches run out (§3.2).
  if (downgrade || lower) {
    const end = b.lastCache((p) => RANK[p.mode] > RANK[mode] || p.maxAge > maxAge);
    if (end > t) {
      b.add({
        kind: 'wait',
        title: downgrade
          ? `Wait: from this time no sender applies mode ${cur.mode}`
          : `Wait: from this time every cache follows max_age ${maxAge}`,
        at: end,
        why: `RFC 8461 §3.2: a sender keeps a policy up to its own max_age (${duration(cur.maxAge)}) from its last fetch, and the earlier policy was served until it was replaced.`,
        change: null,
        confirm: { command: 'date -u', expect: `a time after ${isoSeconds(end)}` },
      });
    }
  }
  if (mode === 'enforce' && maxAge < 86_400)
    b.notes.push(
      `max_age ${maxAge} is under a day: enforcing senders forget the policy quickly (RFC 8461 §3.2 expects weeks).`,
    );
}
