/**
 * The live half of `plan` without I/O (issue #8 item 3): observations, TTLs and a history in; the planner's inputs
 * or the parts that could not be read out. Observations as data, the clock pinned.
 */
import { describe, expect, it } from 'vitest';
import { hashPolicy } from '../../src/core/assess-policy.js';
import { parsePolicy } from '../../src/core/policy.js';
import { planInputFromLive, type LiveReading, type TtlReading } from '../../src/core/plan-live.js';
import type { PolicyHistory } from '../../src/core/policy-history.js';
import {
  DOMAIN,
  MAX_AGE,
  MX1,
  MX2,
  NOW,
  STS_ID,
  absent,
  daysFromNow,
  mxRecords,
  observation,
  ok,
  policyBody,
  policyHost,
  policyResponse,
  unknown,
} from '../helpers/observations.js';

const TTL: TtlReading = { status: 'ok', seconds: 300, authoritative: true };

function reading(overrides: Partial<LiveReading> = {}): LiveReading {
  return { observation: observation(), txtTtl: TTL, mxTtl: TTL, history: null, now: NOW, ...overrides };
}

const version = (id: string, body: string, firstSeen: number, lastSeen: number) => {
  const policy = parsePolicy(body).value!;
  return {
    id,
    hash: hashPolicy(policy),
    mode: policy.mode,
    maxAge: policy.maxAge,
    mx: policy.mx,
    firstSeen: daysFromNow(firstSeen),
    lastSeen: daysFromNow(lastSeen),
  };
};

describe('planInputFromLive', () => {
  it('the policy, id and MX hosts now, and no earlier policy without a history', () => {
    const live = planInputFromLive(reading());
    expect(live).toEqual({
      ok: true,
      current: {
        policy: { mode: 'enforce', maxAge: MAX_AGE, mx: [MX1, MX2] },
        mxHosts: [MX1, MX2],
        id: STS_ID,
      },
      held: [],
      txtTtl: 300,
      mxTtl: 300,
      notes: [],
    });
  });

  it('an earlier version of the history that senders may still hold, with the end of its cache', () => {
    const old = policyBody({ mx: [MX1], maxAge: 30 * 86400 });
    const history: PolicyHistory = [version('old1', old, -10, -3), version(STS_ID, policyBody(), -2, -1)];
    const live = planInputFromLive(reading({ history }));
    // Served until the live version was first seen (two days ago), then cached for 30 days (RFC 8461 §3.2).
    expect(live.ok && live.held).toEqual([
      {
        id: 'old1',
        mode: 'enforce',
        maxAge: 30 * 86400,
        mx: [MX1],
        heldUntil: daysFromNow(28).replace('.000Z', 'Z'),
      },
    ]);
  });

  it('a TTL that could not be read is null, with a note naming the option that sets it', () => {
    const live = planInputFromLive(
      reading({ mxTtl: { status: 'unknown', reason: 'no answer before the deadline' } }),
    );
    expect(live.ok && [live.mxTtl, live.notes]).toEqual([
      null,
      [
        `The TTL of MX ${DOMAIN} could not be read (no answer before the deadline); pass --mx-ttl with the zone's value.`,
      ],
    ]);
  });

  it.each<[string, Partial<LiveReading['observation']>, { part: string; why: string }[]]>([
    [
      'addresses that serve different policies',
      {
        policyHost: policyHost(
          policyResponse(),
          policyResponse({ address: '192.0.2.11', body: policyBody({ mode: 'testing' }) }),
        ),
      },
      [
        {
          part: `policy https://mta-sts.${DOMAIN}/.well-known/mta-sts.txt`,
          why: `the addresses of mta-sts.${DOMAIN} serve different policies, so which one senders hold depends on the address they reached; make them agree first`,
        },
      ],
    ],
    [
      'a null MX',
      { mx: mxRecords('') },
      [{ part: `MX ${DOMAIN}`, why: `${DOMAIN} publishes a null MX (RFC 7505): it accepts no mail` }],
    ],
    [
      'two v=STSv1 records',
      { stsTxt: ok(['v=STSv1; id=a1', 'v=STSv1; id=a2']) },
      [
        {
          part: `TXT _mta-sts.${DOMAIN}`,
          why: `_mta-sts.${DOMAIN} has 2 "v=STSv1" records, so senders ignore them all (RFC 8461 §3.1).`,
        },
      ],
    ],
    [
      'no policy host address, and an MX lookup that failed',
      {
        policyHost: { host: `mta-sts.${DOMAIN}`, addresses: absent(), fetches: [] },
        mx: unknown('ETIMEOUT'),
      },
      [
        {
          part: `policy https://mta-sts.${DOMAIN}/.well-known/mta-sts.txt`,
          why: `mta-sts.${DOMAIN} has no A or AAAA record, so senders cannot fetch the policy.`,
        },
        { part: `MX ${DOMAIN}`, why: 'the lookup failed (ETIMEOUT)' },
      ],
    ],
  ])('%s is a problem named by its part', (_name, overrides, problems) => {
    expect(planInputFromLive(reading({ observation: observation(overrides) }))).toEqual({
      ok: false,
      problems,
    });
  });
});
