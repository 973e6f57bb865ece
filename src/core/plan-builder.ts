/**
 * The planner's working state (issue #8 item 3): the steps so far, the ids used, and every policy version senders
 * may hold, each served until replaced and then cached for its own max_age (RFC 8461 §3.2). Pure.
 */
import { findMatchingPattern } from './mx-pattern.js';
import {
  freshId,
  isoSeconds,
  policyText,
  policyUrl,
  txtName,
  txtValue,
  type PlanPolicy,
  type PlanStep,
} from './plan-steps.js';

/** A policy senders may hold besides the current one (from the history), with the end of its longest cache. */
export interface HeldPolicy extends PlanPolicy {
  readonly id: string;
  readonly heldUntil: string;
}

/** A policy version in the simulation: served until replaced (null: still served), then cached. */
interface Served {
  readonly policy: PlanPolicy;
  servedUntil: number | null;
  readonly heldUntil?: number;
}

const cacheEnd = (v: Served): number => v.heldUntil ?? (v.servedUntil ?? Infinity) + v.policy.maxAge * 1000;

/** Does this policy, when enforcing, refuse any of the hosts? (RFC 8461 §4.1) */
export function refusesAny(policy: PlanPolicy, hosts: readonly string[]): boolean {
  return policy.mode === 'enforce' && hosts.some((h) => findMatchingPattern(policy.mx, h) === null);
}

export class PlanBuilder {
  readonly steps: PlanStep[] = [];
  readonly notes: string[] = [];
  private readonly versions: Served[];
  private readonly ids: Set<string>;
  published: PlanPolicy;

  constructor(
    readonly domain: string,
    current: PlanPolicy,
    currentId: string | null,
    held: readonly HeldPolicy[],
  ) {
    this.published = current;
    this.ids = new Set([...(currentId === null ? [] : [currentId]), ...held.map((h) => h.id)]);
    this.versions = [
      ...held.map((h) => ({ policy: h, servedUntil: null, heldUntil: Date.parse(h.heldUntil) })),
      { policy: current, servedUntil: null },
    ];
  }

  add(step: Omit<PlanStep, 'n' | 'earliest'> & { readonly at: number }): void {
    const { at, ...rest } = step;
    this.steps.push({
      n: this.steps.length + 1,
      kind: rest.kind,
      title: rest.title,
      earliest: isoSeconds(at),
      why: rest.why,
      change: rest.change,
      confirm: rest.confirm,
    });
  }

  /** RFC 8461 §8.1: the body first, then the id; both may go at `at`, in that order. */
  publish(policy: PlanPolicy, at: number, title: string, why: string): void {
    const d = this.domain;
    this.add({
      kind: 'publish-policy',
      title,
      at,
      why,
      change: { action: 'publish', type: 'policy', name: policyUrl(d), text: policyText(policy) },
      confirm: { command: `curl -sS ${policyUrl(d)}`, expect: 'exactly the policy text of this step' },
    });
    const id = freshId(at, this.ids);
    this.add({
      kind: 'publish-txt',
      title: `Publish the new id ${id}`,
      at,
      why:
        'RFC 8461 §8.1: only once the new policy is served, or senders fetch the old body under the new id. ' +
        'Senders holding a policy look for a new one only when the id changes (§5.1).',
      change: { action: 'publish', type: 'TXT', name: txtName(d), text: txtValue(id) },
      confirm: { command: `dig +short TXT ${txtName(d)}`, expect: `"${txtValue(id)}"` },
    });
    for (const v of this.versions)
      if (v.servedUntil === null && v.heldUntil === undefined) v.servedUntil = at;
    this.versions.push({ policy, servedUntil: null });
    this.published = policy;
  }

  /** The end of the longest cache among replaced (or history) policies that match `filter`; -Infinity if none. */
  lastCache(filter: (p: PlanPolicy) => boolean): number {
    const replaced = this.versions.filter((v) => v.servedUntil !== null || v.heldUntil !== undefined);
    return Math.max(-Infinity, ...replaced.filter((v) => filter(v.policy)).map(cacheEnd));
  }
}
