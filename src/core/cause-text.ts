/**
 * The words of a root cause (issue #9 item 1): its title and its one fix, from the group of findings it stands for.
 * Kept apart from the grouping in causes.ts.
 */
import { FINDING_CODES, isFindingCode } from './findings.js';
import type { Finding } from './types.js';

export type CauseKind = 'pattern' | 'mx' | 'policy-address' | 'domain';

export interface CauseGroup {
  readonly code: string;
  readonly kind: CauseKind;
  readonly value: string;
  readonly findings: Finding[];
  readonly hosts: Set<string>;
  /** For `pattern`: the policy wildcards the hosts fell one label short of. */
  readonly near: Set<string>;
}

/** Code-point order, the same on every machine (no locale). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One line on what is wrong, for the terminal report and the job summary. */
export function titleOf(
  g: CauseGroup,
  findings: readonly Finding[],
  domains: readonly string[],
  hosts: string[],
): string {
  const first = findings[0]?.message ?? g.code;
  if (g.kind === 'pattern') {
    const near = [...g.near].sort(compare).join(', ');
    const what =
      hosts.length === 1 ? `MX ${hosts[0] ?? ''} is` : `${hosts.length} MX hosts under ${g.value} are`;
    return `${what} not covered by ${near}: a wildcard covers exactly one label (RFC 8461 §4.1)`;
  }
  if (g.kind === 'mx' && g.code === 'mx-not-covered') {
    // One domain: its own message names the policy's patterns; several: their policies may differ.
    return domains.length === 1 ? first : `MX ${g.value} matches no mx pattern of the policies`;
  }
  if (g.kind === 'policy-address' && domains.length > 1 && isFindingCode(g.code)) {
    return `The policy hosts served at ${g.value}: ${FINDING_CODES[g.code].meaning.replaceAll('<domain>', 'each domain')}`;
  }
  return first;
}

/** The one fix, for every affected domain at once. */
export function fixOf(g: CauseGroup, findings: readonly Finding[], domains: readonly string[]): string {
  const first = findings[0]?.fix ?? '';
  const whose = domains.length === 1 ? (domains[0] ?? '') : 'each affected domain';
  const republish = `to the policy of ${whose}, then publish a new id in its \`_mta-sts\` record`;
  if (g.kind === 'pattern') {
    return `Add \`mx: ${g.value}\` ${republish} (or list each host).`;
  }
  if (g.kind === 'mx' && g.code === 'mx-not-covered') return `Add \`mx: ${g.value}\` ${republish}.`;
  if (domains.length === 1 || !isFindingCode(g.code)) return first;
  const fix = FINDING_CODES[g.code].fix;
  if (g.kind === 'policy-address') {
    return `${fix} One web server at \`${g.value}\` serves the policy host of every affected domain: fix it there.`;
  }
  return fix.replaceAll('<domain>', 'each affected domain');
}
