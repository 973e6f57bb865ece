import { describe, expect, it } from 'vitest';
import { hashPolicy } from '../../src/core/assess-policy.js';
import { evaluateDomain } from '../../src/core/evaluate.js';
import { checkFreshness, type FreshnessInput } from '../../src/core/freshness.js';
import { parsePolicy } from '../../src/core/policy.js';
import type { PolicyStateEntry } from '../../src/core/types.js';
import {
  expectation,
  HEALTHY_POLICY,
  NOW,
  observation,
  ok,
  policyBody,
  policyHost,
  policyResponse,
  STS_ID,
  unknown,
} from '../helpers/observations.js';

const EARLIER = '2026-05-01T00:00:00.000Z';
const input = (overrides: Partial<FreshnessInput>): FreshnessInput => ({
  domain: 'example.com',
  id: 'abc',
  policyHash: 'h1',
  policy: null,
  mxHosts: [],
  previous: undefined,
  now: NOW,
  ...overrides,
});
const entry = (id: string, bodyHash: string): PolicyStateEntry => ({ id, bodyHash, seenAt: EARLIER });

describe('checkFreshness (RFC 8461 §3.1, §5.1)', () => {
  it.each<[string, Partial<FreshnessInput>, PolicyStateEntry | undefined]>([
    ['first run stores the state', {}, { id: 'abc', bodyHash: 'h1', seenAt: NOW.toISOString() }],
    [
      'same id, same policy: seenAt moves on',
      { previous: entry('abc', 'h1') },
      { id: 'abc', bodyHash: 'h1', seenAt: NOW.toISOString() },
    ],
    [
      'new id, new policy: state updated',
      { id: 'def', policyHash: 'h2', previous: entry('abc', 'h1') },
      { id: 'def', bodyHash: 'h2', seenAt: NOW.toISOString() },
    ],
    [
      'new id, same policy: state updated',
      { id: 'def', previous: entry('abc', 'h1') },
      { id: 'def', bodyHash: 'h1', seenAt: NOW.toISOString() },
    ],
    ['id unknown: previous state kept', { id: null, previous: entry('abc', 'h1') }, entry('abc', 'h1')],
    [
      'policy unknown: previous state kept',
      { policyHash: null, previous: entry('abc', 'h1') },
      entry('abc', 'h1'),
    ],
    ['nothing known and no previous state', { id: null, policyHash: null }, undefined],
  ])('%s, no finding', (_label, overrides, state) => {
    const result = checkFreshness(input(overrides));
    expect(result.finding).toBeNull();
    expect(result.state).toStrictEqual(state);
  });

  it('same id, changed policy: stale-policy-id, and the OLD entry is kept so the finding repeats', () => {
    const previous = { ...entry('abc', 'h1'), maxAge: 604800 };
    const first = checkFreshness(input({ policyHash: 'h2', previous }));
    expect(first.finding).toMatchObject({
      code: 'stale-policy-id',
      severity: 'error',
      domain: 'example.com',
      expected: 'an id other than abc',
      observed: 'abc',
    });
    expect(first.finding?.message).toContain(`changed since ${EARLIER} but the _mta-sts id is still abc`);
    expect(first.finding?.message).toContain('for up to 604800 s');
    expect(first.state).toBe(previous);

    const second = checkFreshness(input({ policyHash: 'h2', previous: first.state }));
    expect(second.finding?.code).toBe('stale-policy-id');
    expect(second.state).toBe(previous);
  });

  it('names max_age when the cached one is not known', () => {
    const result = checkFreshness(input({ policyHash: 'h2', previous: entry('abc', 'h1') }));
    expect(result.finding?.message).toContain('for up to its max_age.');
  });

  it('stores mode, max_age and mx, and names the MX hosts that senders holding the old policy refuse', () => {
    const policy = { version: 'STSv1', mode: 'enforce' as const, maxAge: 86400, mx: ['mx1.example.com'] };
    const first = checkFreshness(input({ policy, mxHosts: ['mx1.example.com'] }));
    expect(first.state).toMatchObject({ mode: 'enforce', maxAge: 86400, mx: ['mx1.example.com'] });
    const changed = { ...policy, maxAge: 604800, mx: ['mx1.example.com', 'mx2.example.com'] };
    const second = checkFreshness(
      input({
        policyHash: 'h2',
        policy: changed,
        mxHosts: ['mx1.example.com', 'mx2.example.com'],
        previous: first.state,
      }),
    );
    expect(second.finding?.message).toContain('keep it for up to 86400 s');
    expect(second.finding?.message).toContain(
      'Those senders refuse mx2.example.com, which the old policy does not list.',
    );
  });

  it('does not name refused hosts when the old policy was not enforcing', () => {
    const previous = { ...entry('abc', 'h1'), mode: 'testing' as const, mx: ['mx1.example.com'] };
    const result = checkFreshness(input({ policyHash: 'h2', mxHosts: ['mx2.example.com'], previous }));
    expect(result.finding?.message).not.toContain('refuse');
  });
});

describe('hashPolicy: what senders act on, not formatting', () => {
  const hash = (body: string): string => {
    const parsed = parsePolicy(body);
    if (parsed.value === null) throw new Error(`invalid fixture: ${JSON.stringify(parsed.errors)}`);
    return hashPolicy(parsed.value);
  };
  const base = hash(policyBody({ mx: ['mx1.example.com', 'mx2.example.com'] }));

  it.each([
    ['mx lines in another order', policyBody({ mx: ['mx2.example.com', 'mx1.example.com'] })],
    ['CRLF instead of LF', policyBody().replaceAll('\n', '\r\n')],
    [
      'keys in another order, extra spaces',
      'mx:  MX2.example.com\nmax_age:604800 \nmode: enforce\t\nversion: STSv1\nmx: mx1.example.com  \n',
    ],
    ['an unknown key added', `${policyBody()}comment: hello\n`],
  ])('same hash: %s', (_label, body) => {
    expect(hash(body)).toBe(base);
  });

  it.each([
    ['mode changed', policyBody({ mode: 'testing' })],
    ['max_age changed', policyBody({ maxAge: 86400 })],
    ['an mx added', policyBody({ mx: ['mx1.example.com', 'mx2.example.com', 'mx3.example.com'] })],
    ['an mx replaced', policyBody({ mx: ['mx1.example.com', '*.example.com'] })],
  ])('different hash: %s', (_label, body) => {
    expect(hash(body)).not.toBe(base);
  });
});

describe('freshness through evaluateDomain', () => {
  const run = (body: string, previous: PolicyStateEntry | undefined, obs = observation()) =>
    evaluateDomain(
      { ...obs, policyHost: policyHost(policyResponse({ body })) },
      expectation(),
      previous,
      NOW,
    );
  const first = run(HEALTHY_POLICY, undefined);

  it('first run stores id and hash without a finding', () => {
    expect(first.state).toMatchObject({ id: STS_ID, seenAt: NOW.toISOString() });
    expect(first.state?.bodyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.report.findings.map((f) => f.code)).not.toContain('stale-policy-id');
  });

  it('a formatting-only change under the same id is not stale', () => {
    const reordered =
      'version: STSv1\r\nmx: mx2.example.com\r\nmx: mx1.example.com\r\nmode: enforce\r\nmax_age: 604800\r\n';
    const next = run(reordered, first.state);
    expect(next.report.findings.map((f) => f.code)).not.toContain('stale-policy-id');
    expect(next.state?.bodyHash).toBe(first.state?.bodyHash);
  });

  it('a changed policy under the same id is stale, and stays stale on the next run', () => {
    const changed = policyBody({ mx: ['mx1.example.com', 'mx2.example.com', 'mx3.example.com'] });
    const next = run(changed, first.state);
    expect(next.report.findings.map((f) => f.code)).toContain('stale-policy-id');
    expect(next.report.status).toBe('error');
    expect(next.state).toBe(first.state);
    const again = run(changed, next.state);
    expect(again.report.findings.map((f) => f.code)).toContain('stale-policy-id');
  });

  it('a changed policy with a new id is fresh and replaces the state', () => {
    const changed = policyBody({ maxAge: 1209600 });
    const next = run(changed, first.state, observation({ stsTxt: ok(['v=STSv1; id=20260601T000000']) }));
    expect(next.report.findings.map((f) => f.code)).not.toContain('stale-policy-id');
    expect(next.state?.id).toBe('20260601T000000');
    expect(next.state?.bodyHash).not.toBe(first.state?.bodyHash);
  });

  it('an unknown TXT lookup keeps the previous state and raises nothing', () => {
    const next = run(policyBody({ mode: 'testing' }), first.state, observation({ stsTxt: unknown() }));
    expect(next.report.findings.map((f) => f.code)).not.toContain('stale-policy-id');
    expect(next.state).toBe(first.state);
  });

  it('policy bodies that differ between addresses keep the previous state', () => {
    const obs = observation({
      policyHost: policyHost(
        policyResponse({ address: '192.0.2.10' }),
        policyResponse({ address: '192.0.2.11', body: policyBody({ mode: 'testing' }) }),
      ),
    });
    const next = evaluateDomain(obs, expectation(), first.state, NOW);
    expect(next.report.findings.map((f) => f.code)).not.toContain('stale-policy-id');
    expect(next.state).toBe(first.state);
  });
});
