/**
 * The building blocks of a change plan (issue #8 item 3): the exact texts to publish, fresh ids, and the command
 * that confirms each step. Pure.
 */
import { normalizeHost } from './mx-pattern.js';
import type { PolicyMode } from './types.js';

/** A policy as the planner handles it. */
export interface PlanPolicy {
  readonly mode: PolicyMode;
  readonly maxAge: number;
  readonly mx: readonly string[];
}

export type StepKind =
  | 'publish-policy'
  | 'publish-txt'
  | 'add-mx'
  | 'remove-mx'
  | 'verify'
  | 'wait'
  | 'remove-txt'
  | 'remove-policy-host';

/** What to publish or delete in one step; `text` is exact (a policy body, a TXT value, an MX host name). */
export interface StepChange {
  readonly action: 'publish' | 'delete';
  readonly type: 'policy' | 'TXT' | 'MX';
  /** Where: the policy URL, the TXT owner name, or the domain owning the MX record. */
  readonly name: string;
  readonly text: string | null;
}

export interface PlanStep {
  readonly n: number;
  readonly kind: StepKind;
  readonly title: string;
  /** The earliest time (ISO 8601, UTC) the step may be taken, if every earlier step is taken at its own earliest. */
  readonly earliest: string;
  /** Why it comes here and waits that long, with the RFC section. */
  readonly why: string;
  readonly change: StepChange | null;
  /** A command that shows the step is done, and what it should print. */
  readonly confirm: { readonly command: string; readonly expect: string };
}

/** ISO 8601 without milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The end of a cache in whole seconds, rounded up: a wait is never shown to end before the cache does. */
export function endSeconds(iso: string): string {
  return isoSeconds(Math.ceil(Date.parse(iso) / 1000) * 1000);
}

/**
 * RFC 8461 §3.1: an id is 1 to 32 letters and digits, compared for equality only. A UTC timestamp without
 * punctuation (20261129T041200) is readable and unique per second; a suffix keeps it unique within one plan.
 */
export function freshId(ms: number, used: Set<string>): string {
  const base = isoSeconds(ms).replace(/[-:Z]/g, '');
  let id = base;
  for (let n = 2; used.has(id); n += 1) id = `${base}${n}`;
  used.add(id);
  return id;
}

/**
 * The policy body, LF line endings (RFC 8461 §3.2 allows LF; erratum 6253). A `none` policy keeps its mx lines:
 * they are optional there, but a strict parser that wants them would otherwise reject the policy and keep
 * applying the cached enforcing one.
 */
export function policyText(policy: PlanPolicy): string {
  const mx = policy.mx.map((m) => `mx: ${m}\n`).join('');
  return `version: STSv1\nmode: ${policy.mode}\n${mx}max_age: ${policy.maxAge}\n`;
}

export const policyUrl = (domain: string): string => `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
export const txtName = (domain: string): string => `_mta-sts.${domain}`;
export const txtValue = (id: string): string => `v=STSv1; id=${id}`;

export function checkCommand(domain: string): string {
  return `mta-sts-drift check --domain ${domain}`;
}

/** The mx patterns as senders compare them: a set, case-insensitive, without a trailing dot (RFC 8461 §4.1). */
function mxSet(mx: readonly string[]): string {
  return [...new Set(mx.map(normalizeHost))].sort().join('\n');
}

/**
 * Do two policies mean the same to senders? The order of the mx lines and a line listed twice change nothing
 * (RFC 8461 §3.2, §4.1), so neither makes a step (issue #8: a reordered policy was planned as a change).
 */
export function samePolicy(a: PlanPolicy, b: PlanPolicy): boolean {
  return a.mode === b.mode && a.maxAge === b.maxAge && mxSet(a.mx) === mxSet(b.mx);
}

/** A readable duration for the reasons: "7 d", "1 h", "90 s". */
export function duration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
