/**
 * `mta-sts-drift plan` as terminal text (issue #8 item 3): each step with its earliest time, why, the exact text
 * to publish or what to delete, and the command that confirms it. Plain text, no colour, so it can be pasted
 * into a change ticket.
 */
import type { Plan } from '../core/plan.js';
import type { PlanStep, StepChange } from '../core/plan-steps.js';

const WIDTH = 100;

/** Word-wrap `text` to 100 columns, each line prefixed with `indent`. */
export function wrapText(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, indent + line];
}

/** The exact text, as a zone-file line for DNS records (TTL left to you). */
function changeLines(change: StepChange): string[] {
  const verb = change.action === 'publish' ? 'Publish' : 'Delete';
  if (change.type === 'policy') {
    if (change.text === null) return [`  ${verb}: ${change.name}`];
    return [
      `  ${verb} at ${change.name}:`,
      ...change.text
        .trimEnd()
        .split('\n')
        .map((l) => `    ${l}`),
    ];
  }
  if (change.type === 'TXT') {
    const value = change.text === null ? '' : `  "${change.text}"`;
    return [`  ${verb}: ${change.name}.  IN TXT${value}`];
  }
  return [`  ${verb}: ${change.name}.  IN MX  <preference>  ${change.text ?? ''}.`];
}

function stepLines(step: PlanStep): string[] {
  return [
    `${step.n}. ${step.title}`,
    `  Earliest: ${step.earliest}`,
    ...wrapText(`Why: ${step.why}`, '  '),
    ...(step.change === null ? [] : changeLines(step.change)),
    `  Confirm: ${step.confirm.command}`,
    `    expect: ${step.confirm.expect}`,
  ];
}

const describePolicy = (p: { mode: string; maxAge: number; mx: readonly string[] }): string =>
  `mode ${p.mode}, max_age ${p.maxAge}, mx ${p.mx.length === 0 ? '(none)' : p.mx.join(', ')}`;

const SOURCE: Record<Plan['source'], string | null> = {
  offline: null,
  live: 'Read:   live from DNS and HTTPS (no policy history: --state not given)',
  'live-history': 'Read:   live from DNS and HTTPS, with the policy history of --state',
};

/** The whole plan as text. */
export function renderPlan(plan: Plan): string {
  const { current, target } = plan;
  const source = SOURCE[plan.source];
  const lines = [
    `Plan for ${plan.domain}, from ${plan.now} (TXT TTL ${plan.txtTtl} s, MX TTL ${plan.mxTtl} s)`,
    ...(source === null ? [] : [`  ${source}`]),
    ...wrapText(
      `Now:    id ${current.id ?? '(not given)'}, ${describePolicy(current)}; MX hosts ${current.mxHosts.join(', ')}`,
      '  ',
    ),
    // Earlier policies senders may still hold (issue #8): the plan waits for them.
    ...plan.held.flatMap((h) =>
      wrapText(`Held:   id ${h.id} until ${h.heldUntil}: ${describePolicy(h)}`, '  '),
    ),
    ...(target.remove
      ? ['  Target: MTA-STS removed (RFC 8461 §8.3)']
      : wrapText(`Target: ${describePolicy(target)}; MX hosts ${target.mxHosts.join(', ')}`, '  ')),
    '',
    ...plan.steps.flatMap((step) => [...stepLines(step), '']),
  ];
  if (plan.notes.length > 0)
    lines.push(
      'Notes:',
      ...plan.notes.flatMap((n) => wrapText(n, '  ').map((l, i) => (i === 0 ? `- ${l.slice(2)}` : l))),
    );
  return `${lines.join('\n')}\n`;
}
