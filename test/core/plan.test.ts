import { describe, expect, it } from 'vitest';
import { patternsFor, planChange, type PlanInput, type PlanTarget } from '../../src/core/plan.js';
import { freshId, policyText, type PlanPolicy } from '../../src/core/plan-steps.js';

const NOW = new Date('2026-11-29T04:12:00Z');
const H = 3600;
const DAY = 86_400;
const WEEK = 7 * DAY;
/** `seconds` after the pinned clock, as the plan prints it. */
const at = (seconds: number): string =>
  new Date(NOW.getTime() + seconds * 1000).toISOString().replace('.000Z', 'Z');

const MX1 = 'mx1.example.com';
const MX2 = 'mx2.example.com';
const NEW1 = 'a.mx.provider.example';
const NEW2 = 'b.mx.provider.example';
const ENFORCE: PlanPolicy = { mode: 'enforce', maxAge: WEEK, mx: [MX1] };

function input(target: PlanTarget, policy: PlanPolicy = ENFORCE, mxHosts: string[] = [MX1]): PlanInput {
  return {
    domain: 'example.com',
    current: { policy, mxHosts, id: 'old1' },
    target,
    txtTtl: H,
    mxTtl: H,
    now: NOW,
  };
}

/** Step kinds with their earliest times and what they publish or delete. */
function outline(plan: ReturnType<typeof planChange>): string[] {
  return plan.steps.map(
    (s) => `${s.earliest} ${s.kind}${s.change?.type === 'MX' ? ` ${s.change.text}` : ''}`,
  );
}

const body = (mode: string, mx: string[], maxAge = WEEK): string =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\n');

describe('planChange: one scenario each (RFC 8461 §4.1, §5.1, §8.1, §8.3)', () => {
  it.each<{ name: string; input: PlanInput; steps: string[]; bodies: string[] }>([
    {
      name: 'add an MX: the policy lists it first, the host goes in after the TXT TTL',
      input: input({ mxHosts: [MX1, MX2] }),
      steps: [`${at(0)} publish-policy`, `${at(0)} publish-txt`, `${at(H)} add-mx ${MX2}`],
      bodies: [body('enforce', [MX1, MX2])],
    },
    {
      name: 'remove an MX: the host goes first, the policy narrows after the MX TTL',
      input: input({ mxHosts: [MX1] }, { ...ENFORCE, mx: [MX1, MX2] }, [MX1, MX2]),
      steps: [`${at(0)} remove-mx ${MX2}`, `${at(H)} publish-policy`, `${at(H)} publish-txt`],
      bodies: [body('enforce', [MX1])],
    },
    {
      name: 'remove an MX under a wildcard: only the MX record changes',
      input: input({ mxHosts: [MX1] }, { ...ENFORCE, mx: ['*.example.com'] }, [MX1, MX2]),
      steps: [`${at(0)} remove-mx ${MX2}`],
      bodies: [],
    },
    {
      name: 'move to another provider: both sets, add, check, wait out the old policy, remove, narrow',
      input: input({ mxHosts: [NEW1, NEW2] }),
      steps: [
        `${at(0)} publish-policy`,
        `${at(0)} publish-txt`,
        `${at(H)} add-mx ${NEW1}`,
        `${at(H)} add-mx ${NEW2}`,
        `${at(H)} verify`,
        `${at(WEEK)} remove-mx ${MX1}`,
        `${at(WEEK + H)} publish-policy`,
        `${at(WEEK + H)} publish-txt`,
      ],
      bodies: [body('enforce', [MX1, NEW1, NEW2]), body('enforce', [NEW1, NEW2])],
    },
    {
      name: 'move while testing: no cached policy refuses, so no week of waiting',
      input: input({ mxHosts: [NEW1] }, { ...ENFORCE, mode: 'testing' }),
      steps: [
        `${at(0)} publish-policy`,
        `${at(0)} publish-txt`,
        `${at(H)} add-mx ${NEW1}`,
        `${at(H)} remove-mx ${MX1}`,
        `${at(2 * H)} publish-policy`,
        `${at(2 * H)} publish-txt`,
      ],
      bodies: [body('testing', [MX1, NEW1]), body('testing', [NEW1])],
    },
    {
      name: 'testing → enforce: check the MX hosts, then enforce',
      input: input({ mode: 'enforce' }, { ...ENFORCE, mode: 'testing' }),
      steps: [`${at(0)} verify`, `${at(0)} publish-policy`, `${at(0)} publish-txt`],
      bodies: [body('enforce', [MX1])],
    },
    {
      name: 'enforce → none → removal (§8.3): wait out max_age, delete the record, then the host',
      input: input({ remove: true }),
      steps: [
        `${at(0)} publish-policy`,
        `${at(0)} publish-txt`,
        `${at(WEEK)} remove-txt`,
        `${at(WEEK + H)} remove-policy-host`,
      ],
      bodies: [body('none', [MX1])],
    },
    {
      name: 'lower max_age: published now, in force for every sender only after the old max_age',
      input: input({ maxAge: DAY }),
      steps: [`${at(0)} publish-policy`, `${at(0)} publish-txt`, `${at(WEEK)} wait`],
      bodies: [body('enforce', [MX1], DAY)],
    },
    {
      name: 'raise max_age: one publication, nothing to wait for',
      input: input({ maxAge: 30 * DAY }),
      steps: [`${at(0)} publish-policy`, `${at(0)} publish-txt`],
      bodies: [body('enforce', [MX1], 30 * DAY)],
    },
    {
      name: 'enforce → testing: senders stop enforcing only when their caches run out',
      input: input({ mode: 'testing' }),
      steps: [`${at(0)} publish-policy`, `${at(0)} publish-txt`, `${at(WEEK)} wait`],
      bodies: [body('testing', [MX1])],
    },
    {
      name: 'move and enforce at once: cover while testing, add, check, swap, then enforce (one check)',
      input: input({ mxHosts: [NEW1], mode: 'enforce' }, { ...ENFORCE, mode: 'testing' }),
      steps: [
        `${at(0)} publish-policy`,
        `${at(0)} publish-txt`,
        `${at(H)} add-mx ${NEW1}`,
        `${at(H)} verify`,
        `${at(H)} remove-mx ${MX1}`,
        `${at(2 * H)} publish-policy`,
        `${at(2 * H)} publish-txt`,
      ],
      bodies: [body('testing', [MX1, NEW1]), body('enforce', [NEW1])],
    },
    {
      name: 'downgrade and move: the cached enforcing policy still refuses the new host, so the old one stays',
      input: input({ mxHosts: [NEW1], mode: 'testing' }),
      steps: [
        `${at(0)} publish-policy`,
        `${at(0)} publish-txt`,
        `${at(H)} add-mx ${NEW1}`,
        `${at(WEEK)} remove-mx ${MX1}`,
        `${at(WEEK + H)} publish-policy`,
        `${at(WEEK + H)} publish-txt`,
      ],
      bodies: [body('testing', [MX1, NEW1]), body('testing', [NEW1])],
    },
    {
      name: 'from none to enforce: nothing refuses yet, so only the check and the policy',
      input: input({ mode: 'enforce' }, { mode: 'none', maxAge: DAY, mx: [] }),
      steps: [`${at(0)} verify`, `${at(0)} publish-policy`, `${at(0)} publish-txt`],
      bodies: [body('enforce', [MX1], DAY)],
    },
    {
      name: 'the target is what is published: no steps',
      input: input({ mode: 'enforce', mxHosts: [MX1] }),
      steps: [],
      bodies: [],
    },
  ])('$name', ({ input: given, steps, bodies }) => {
    const plan = planChange(given);
    expect(outline(plan)).toEqual(steps);
    expect(plan.steps.map((s) => s.n)).toEqual(steps.map((_, i) => i + 1));
    expect(plan.steps.filter((s) => s.kind === 'publish-policy').map((s) => s.change?.text)).toEqual(bodies);
  });

  it('each policy body goes out before its id, and each id is new (§8.1, §3.1)', () => {
    const plan = planChange(input({ mxHosts: [NEW1] }));
    const txt = plan.steps.filter((s) => s.kind === 'publish-txt');
    expect(txt.map((s) => s.change?.text)).toEqual([
      'v=STSv1; id=20261129T041200',
      'v=STSv1; id=20261206T051200',
    ]);
    for (const s of txt) expect(plan.steps[s.n - 2]?.kind).toBe('publish-policy');
    expect(txt[0]?.confirm).toEqual({
      command: 'dig +short TXT _mta-sts.example.com',
      expect: '"v=STSv1; id=20261129T041200"',
    });
  });

  it('a history policy with a longer cache delays the removal (§8.3: the longest max_age served)', () => {
    const plan = planChange({
      ...input({ remove: true }),
      held: [{ id: 'older', mode: 'enforce', maxAge: 365 * DAY, mx: [MX1], heldUntil: at(100 * DAY) }],
    });
    expect(outline(plan).slice(2)).toEqual([
      `${at(100 * DAY)} remove-txt`,
      `${at(100 * DAY + H)} remove-policy-host`,
    ]);
    expect(plan.notes.join(' ')).not.toContain('Offline');
  });

  it('a history policy that refuses the new provider delays the old MX removal', () => {
    const plan = planChange({
      ...input({ mxHosts: [NEW1] }),
      held: [{ id: 'older', mode: 'enforce', maxAge: 30 * DAY, mx: [MX1], heldUntil: at(20 * DAY) }],
    });
    expect(outline(plan)).toContain(`${at(20 * DAY)} remove-mx ${MX1}`);
  });

  it('says when senders still refuse an added host, and how long the removed one must keep working', () => {
    const add = planChange(input({ mxHosts: [MX1, MX2] }));
    expect(add.notes[0]).toBe(
      `Until ${at(WEEK)}, senders holding the earlier policy refuse ${MX2} and deliver to the other MX hosts (RFC 8461 §4.1, §5.1): give the new hosts a higher preference number until then.`,
    );
    const remove = planChange(input({ mxHosts: [MX1] }, { ...ENFORCE, mx: [MX1, MX2] }, [MX1, MX2]));
    expect(remove.notes[0]).toContain(`Keep ${MX2} accepting mail until ${at(H)}`);
  });

  it('reports the target and the current state', () => {
    const plan = planChange(input({ mxHosts: [NEW1], mode: 'testing', maxAge: DAY }));
    expect(plan.target).toEqual({ mode: 'testing', maxAge: DAY, mx: [NEW1], mxHosts: [NEW1], remove: false });
    expect(plan.current).toEqual({ id: 'old1', mode: 'enforce', maxAge: WEEK, mx: [MX1], mxHosts: [MX1] });
    expect(plan.now).toBe('2026-11-29T04:12:00Z');
  });
});

describe('plan building blocks', () => {
  it.each<[string, string[], string[], string[]]>([
    ['keeps what still matches, adds exact names', [MX1, MX2], [MX1, NEW1], [MX1, NEW1]],
    ['keeps a wildcard that covers', ['*.example.com'], [MX1, MX2], ['*.example.com']],
    ['drops a wildcard that covers nothing left', ['*.example.com'], [NEW1], [NEW1]],
  ])('patternsFor: %s', (_name, patterns, hosts, expected) => {
    expect(patternsFor(patterns, hosts)).toEqual(expected);
  });

  it('freshId: 1 to 32 letters and digits (RFC 8461 §3.1), unique within a plan', () => {
    const used = new Set(['20261129T041200']);
    expect(freshId(NOW.getTime(), used)).toBe('20261129T0412002');
    expect(freshId(NOW.getTime(), used)).toBe('20261129T0412003');
    expect(freshId(NOW.getTime(), new Set())).toMatch(/^[A-Za-z0-9]{1,32}$/);
  });

  it('policyText: LF lines, mx lines kept for mode none', () => {
    expect(policyText({ mode: 'none', maxAge: DAY, mx: [MX1] })).toBe(
      `version: STSv1\nmode: none\nmx: ${MX1}\nmax_age: ${DAY}\n`,
    );
  });
});
