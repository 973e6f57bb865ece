/**
 * The change planner (issue #8 item 3): from what a domain publishes now to a target, the safe order of steps,
 * each with the exact text, the earliest time and a confirming command. Pure: the clock is an input.
 *
 * RFC 8461 rules it follows:
 * - §4.1: an enforcing sender refuses an MX host its policy does not list, so the policy covers a host first.
 * - §8.1: the policy body goes before the new id; senders may see the old id until the TXT TTL has passed.
 * - §3.2, §5.1: a sender keeps a policy up to its own max_age from its last fetch, whatever comes later; so a
 *   host leaves the MX set only once no enforcing policy senders may hold refuses the hosts that remain.
 * - §8.3: removal is `mode: none` under a new id, a wait of the longest max_age served, then the record and host.
 */
import { normalizeHost } from './mx-pattern.js';
import { planChangeTo } from './plan-change.js';
import { planRemoval } from './plan-removal.js';
import { PlanBuilder, type HeldPolicy } from './plan-builder.js';
import { isoSeconds, type PlanPolicy, type PlanStep } from './plan-steps.js';
import type { PolicyMode } from './types.js';

export type { HeldPolicy };

export type PlanTarget =
  | { readonly remove: true }
  | {
      readonly remove?: false;
      readonly mxHosts?: readonly string[];
      readonly mode?: PolicyMode;
      readonly maxAge?: number;
    };

export interface PlanInput {
  readonly domain: string;
  readonly current: {
    readonly policy: PlanPolicy;
    readonly mxHosts: readonly string[];
    readonly id: string | null;
  };
  readonly target: PlanTarget;
  /** Earlier policies senders may still hold (from the history); offline there are none. */
  readonly held?: readonly HeldPolicy[];
  /**
   * Where the current policy came from: `offline` (given by hand), `live` (read from the domain, no history) or
   * `live-history` (read from the domain, with the policy history of `--state`). Default `offline`.
   */
  readonly source?: 'offline' | 'live' | 'live-history';
  /** Notes of the caller (what reading the live world left uncertain), shown first. */
  readonly notes?: readonly string[];
  /** Seconds: the TTL of the `_mta-sts` TXT record (§8.1) and of the MX records. */
  readonly txtTtl: number;
  readonly mxTtl: number;
  readonly now: Date;
}

export interface Plan {
  readonly domain: string;
  readonly now: string;
  readonly txtTtl: number;
  readonly mxTtl: number;
  readonly current: PlanPolicy & { readonly id: string | null; readonly mxHosts: readonly string[] };
  readonly target: PlanPolicy & { readonly mxHosts: readonly string[]; readonly remove: boolean };
  /** Where the current policy came from (PlanInput.source). */
  readonly source: 'offline' | 'live' | 'live-history';
  /** Earlier policies senders may still hold, each with the end of its longest cache; the plan waits for them. */
  readonly held: readonly HeldPolicy[];
  readonly steps: readonly PlanStep[];
  readonly notes: readonly string[];
}

/** Plan the change from `input.current` to `input.target`. */
export function planChange(input: PlanInput): Plan {
  const { domain, current, target } = input;
  const held = input.held ?? [];
  const source = input.source ?? 'offline';
  const b = new PlanBuilder(domain, current.policy, current.id, held);
  b.notes.push(...(input.notes ?? []));
  if (target.remove === true) planRemoval(b, input);
  else planChangeTo(b, input, target);
  if (b.steps.length === 0) b.notes.push('Nothing to change: the domain already publishes the target.');
  else {
    b.notes.push(
      'Each time assumes every earlier step was taken at its own earliest time; a step taken later moves the steps after it by as much.',
    );
    if (source === 'offline' && held.length === 0)
      b.notes.push(
        'Offline, the plan knows only the current policy. If an earlier policy with a longer max_age was served within that max_age, senders may still hold it: wait for it too (RFC 8461 §8.3: the longest max_age served).',
      );
    if (source === 'live')
      b.notes.push(
        'Without --state, the plan knows only the live policy. If an earlier policy with a longer max_age was served within that max_age, senders may still hold it: pass the state file of check --state, whose policy history says (RFC 8461 §8.3: the longest max_age served).',
      );
  }
  const finalPolicy = b.published;
  const remove = target.remove === true;
  // Removing MTA-STS leaves the MX hosts as they are.
  const hosts = remove ? current.mxHosts : (target.mxHosts ?? current.mxHosts);
  return {
    domain,
    now: isoSeconds(input.now.getTime()),
    txtTtl: input.txtTtl,
    mxTtl: input.mxTtl,
    current: { id: current.id, ...current.policy, mxHosts: current.mxHosts.map(normalizeHost) },
    target: {
      ...finalPolicy,
      mxHosts: [...new Set(hosts.map(normalizeHost))],
      remove,
    },
    source,
    held,
    steps: b.steps,
    notes: b.notes,
  };
}
export { patternsFor } from './plan-change.js';
