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

/** The reasons that apply, joined: each is [applies, text]. */
const reasons = (...items: [boolean, string][]): string =>
  items
    .filter(([applies]) => applies)
    .map(([, text]) => text)
    .join(' ');

/** One change being planned: what is wanted, and the time the next step may be taken. */
interface Change {
  readonly b: PlanBuilder;
  readonly input: PlanInput;
  readonly d: string;
  readonly cur: PlanPolicy;
  readonly hosts: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Target hosts the current policy does not list (none when it is in mode none: nobody refuses then). */
  readonly uncovered: readonly string[];
  readonly mode: PolicyMode;
  readonly maxAge: number;
  readonly downgrade: boolean;
  readonly lower: boolean;
  t: number;
}

/** 1. Cover every host first (§4.1); a downgrade or a lower max_age goes out at once too (§3.2, §5). */
function coverFirst(c: Change): void {
  const { cur, uncovered } = c;
  const first: PlanPolicy = {
    mode: c.downgrade ? c.mode : cur.mode,
    maxAge: c.lower ? c.maxAge : cur.maxAge,
    mx: [...cur.mx, ...uncovered],
  };
  if (samePolicy(first, cur)) return;
  const why = reasons(
    [
      uncovered.length > 0,
      'RFC 8461 §4.1: enforcing senders refuse an MX host the policy does not list, so the policy lists a host before the host is added.',
    ],
    [
      c.downgrade,
      `A lower mode goes first: senders that fetch it stop refusing (§5); those holding the ${cur.mode} policy keep it until its max_age runs out.`,
    ],
    [
      c.lower,
      'RFC 8461 §3.2: a lower max_age applies only to caches filled from now on; existing caches keep their own.',
    ],
  );
  c.b.publish(first, c.t, `Publish the policy: ${changes(cur, first)}`, why);
}

/** 2. Add hosts once senders can see the new id (§8.1: the TXT TTL). */
function addHosts(c: Change): void {
  const { b, d, added, uncovered, input } = c;
  if (added.length === 0) return;
  if (added.some((h) => uncovered.includes(h))) c.t += input.txtTtl * 1000;
  for (const h of added) {
    b.add({
      kind: 'add-mx',
      title: `Add the MX record ${d}. MX <preference> ${h}.`,
      at: c.t,
      why: uncovered.includes(h)
        ? `RFC 8461 §8.1: senders may see the old id until the TXT TTL (${duration(input.txtTtl)}) has passed; after that, one that fails on ${h} finds the new policy.`
        : 'The policy senders hold already lists it (RFC 8461 §4.1).',
      change: { action: 'publish', type: 'MX', name: d, text: h },
      confirm: { command: `dig +short MX ${d}`, expect: `a line ending in ${h}.` },
    });
  }
  const refusedUntil = b.lastCache((p) => refusesAny(p, added));
  if (refusedUntil > c.t)
    b.notes.push(
      `Until ${isoSeconds(refusedUntil)}, senders holding the earlier policy refuse ${added.join(', ')} and deliver to the other MX hosts (RFC 8461 §4.1, §5.1): give the new hosts a higher preference number until then.`,
    );
}

/** 3. Remove hosts once no cached enforcing policy refuses the hosts that remain (§3.2, §5.1). */
function removeHosts(c: Change): void {
  const { b, d, hosts, added, removed, input } = c;
  if (removed.length === 0) return;
  const wait = b.lastCache((p) => refusesAny(p, hosts));
  const refused = hosts.filter((h) => added.includes(h)).join(', ') || 'the hosts that remain';
  const at = Math.max(c.t, wait);
  // With the old hosts gone, an enforcing sender has only the new ones: they must pass first (§4.2).
  if (added.length > 0 && (b.published.mode === 'enforce' || c.mode === 'enforce')) {
    b.add({
      kind: 'verify',
      title: `Check that ${added.join(', ')} pass${added.length === 1 ? 'es' : ''} before the old hosts go`,
      at: c.t,
      why: 'RFC 8461 §4.2: an enforcing sender refuses a host that fails STARTTLS or the certificate check; once the old hosts are gone, nothing else takes the mail.',
      change: null,
      confirm: { command: checkCommand(d), expect: `no error finding for ${added.join(', ')}` },
    });
  }
  for (const h of removed) {
    b.add({
      kind: 'remove-mx',
      title: `Delete the MX record ${d}. MX ${h}.`,
      at,
      why:
        wait > c.t
          ? `RFC 8461 §3.2, §5.1: until ${isoSeconds(wait)} a sender may hold a policy that refuses ${refused}; once the old hosts are gone it would have nowhere to deliver.`
          : 'Every policy senders may hold lists the hosts that remain.',
      change: { action: 'delete', type: 'MX', name: d, text: h },
      confirm: { command: `dig +short MX ${d}`, expect: `no line ending in ${h}.` },
    });
  }
  c.t = at;
  b.notes.push(
    `Keep ${removed.join(', ')} accepting mail until ${isoSeconds(at + input.mxTtl * 1000)}: resolvers may hand out the old MX records until their TTL (${duration(input.mxTtl)}) runs out.`,
  );
  if (wait - input.now.getTime() > DAY_MS)
    b.notes.push(
      'To shorten such a wait, lower max_age first and let the old one run out (plan --target-max-age).',
    );
}

/** 4. The final policy: only the hosts that remain, the target mode and max_age; enforce after a check. */
function publishFinal(c: Change): void {
  const { b, d, input } = c;
  const final: PlanPolicy = { mode: c.mode, maxAge: c.maxAge, mx: patternsFor(c.cur.mx, c.hosts) };
  const before = b.published;
  if (samePolicy(final, before)) return;
  if (c.removed.length > 0) c.t += input.mxTtl * 1000;
  if (final.mode === 'enforce' && before.mode !== 'enforce' && !b.steps.some((s) => s.kind === 'verify')) {
    b.add({
      kind: 'verify',
      title: 'Check that every MX host passes before enforcing',
      at: c.t,
      why: 'RFC 8461 §5: in enforce mode senders refuse a host that fails STARTTLS or the certificate check (§4.2); testing mode and TLS-RPT reports (RFC 8460) are the way to find those first.',
      change: null,
      confirm: { command: checkCommand(d), expect: 'no error finding for any MX host' },
    });
  }
  const why = reasons(
    [
      c.removed.length > 0,
      `After the removed hosts have left cached MX sets (MX TTL ${duration(input.mxTtl)}).`,
    ],
    [
      final.maxAge > before.maxAge,
      'A longer max_age goes last, so long caches hold only the final policy (RFC 8461 §3.2).',
    ],
    [RANK[final.mode] > RANK[before.mode], `Senders apply mode ${final.mode} as soon as they fetch it (§5).`],
  );
  b.publish(final, c.t, `Publish the final policy: ${changes(before, final)}`, why || 'The target policy.');
}

/** 5. A downgrade or a lower max_age reaches every sender only when the older caches run out (§3.2). */
function settle(c: Change): void {
  const { b, cur, mode, maxAge } = c;
  if (c.downgrade || c.lower) {
    const end = b.lastCache((p) => RANK[p.mode] > RANK[mode] || p.maxAge > maxAge);
    if (end > c.t) {
      b.add({
        kind: 'wait',
        title: c.downgrade
          ? `Wait: from this time no sender applies mode ${cur.mode}`
          : `Wait: from this time every cache follows max_age ${maxAge}`,
        at: end,
        why: `RFC 8461 §3.2: a sender keeps a policy up to its own max_age (${duration(cur.maxAge)}) from its last fetch, and the earlier policy was served until it was replaced.`,
        change: null,
        confirm: { command: 'date -u', expect: `a time after ${isoSeconds(end)}` },
      });
    }
  }
  if (mode === 'enforce' && maxAge < DAY_MS / 1000)
    b.notes.push(
      `max_age ${maxAge} is under a day: enforcing senders forget the policy quickly (RFC 8461 §3.2 expects weeks).`,
    );
}

/** An MX, mode or max_age change: cover first, add, remove, the final policy, then the wait for old caches. */
export function planChangeTo(
  b: PlanBuilder,
  input: PlanInput,
  target: Exclude<PlanTarget, { remove: true }>,
): void {
  const { current } = input;
  const cur = current.policy;
  const hosts = [...new Set((target.mxHosts ?? current.mxHosts).map(normalizeHost))];
  const now = [...new Set(current.mxHosts.map(normalizeHost))];
  const mode = target.mode ?? cur.mode;
  const maxAge = target.maxAge ?? cur.maxAge;
  const change: Change = {
    b,
    input,
    d: input.domain,
    cur,
    hosts,
    added: minus(hosts, now),
    removed: minus(now, hosts),
    uncovered: cur.mode === 'none' ? [] : hosts.filter((h) => findMatchingPattern(cur.mx, h) === null),
    mode,
    maxAge,
    downgrade: RANK[mode] < RANK[cur.mode],
    lower: maxAge < cur.maxAge,
    t: input.now.getTime(),
  };
  for (const phase of [coverFirst, addHosts, removeHosts, publishFinal, settle]) phase(change);
}
