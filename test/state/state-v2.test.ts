/**
 * State version 2 (issue #8 item 1): the policy history per domain. Version 1 is migrated without loss, damaged
 * history versions are left out (never an exception), and both stores round-trip a history.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readStateFromIssues,
  renderStateBody,
  stateChanged,
  STATE_ISSUE_TITLE,
} from '../../src/action/state-store.js';
import { heldUntil, type PolicyVersion } from '../../src/core/policy-history.js';
import type { PolicyStateEntry } from '../../src/core/types.js';
import {
  parseState,
  readStateFile,
  STATE_VERSION,
  writeStateFile,
  type StateFile,
} from '../../src/state/state-file.js';

const HASH = 'a'.repeat(64);
const T0 = '2026-11-01T00:00:00.000Z';
const T1 = '2026-11-10T00:00:00.000Z';

const version = (id: string, extra: Partial<PolicyVersion> = {}): PolicyVersion => ({
  id,
  hash: `${id}-hash`,
  mode: 'enforce',
  maxAge: 604800,
  mx: ['mx1.example.com'],
  firstSeen: T0,
  lastSeen: T0,
  ...extra,
});

const v1Entry = (extra: Partial<PolicyStateEntry> = {}): PolicyStateEntry => ({
  id: 'old1',
  bodyHash: HASH,
  seenAt: T0,
  ...extra,
});

describe('parseState: version 1 is migrated to a one-version history', () => {
  it.each<[string, PolicyStateEntry, PolicyStateEntry]>([
    [
      'an entry with mode, max_age and mx',
      v1Entry({ mode: 'enforce', maxAge: 86400, mx: ['mx1.example.com', '*.mail.example.com'] }),
      {
        ...v1Entry({ mode: 'enforce', maxAge: 86400, mx: ['mx1.example.com', '*.mail.example.com'] }),
        history: [
          {
            id: 'old1',
            hash: HASH,
            mode: 'enforce',
            maxAge: 86400,
            mx: ['mx1.example.com', '*.mail.example.com'],
            firstSeen: T0,
            lastSeen: T0,
          },
        ],
      },
    ],
    // Written before mode, max_age and mx were kept: freshness still works, the history stays empty.
    ['an entry with only id, hash and time', v1Entry(), v1Entry()],
    [
      'an entry whose seenAt is not a time',
      v1Entry({ seenAt: 'yesterday', mode: 'testing', maxAge: 1, mx: [] }),
      v1Entry({ seenAt: 'yesterday', mode: 'testing', maxAge: 1, mx: [] }),
    ],
  ])('%s', (_, stored, expected) => {
    const { state, warning } = parseState(JSON.stringify({ version: 1, domains: { 'example.com': stored } }));
    expect(warning).toBeNull();
    expect(state.version).toBe(STATE_VERSION);
    expect(state.domains['example.com']).toEqual(expected);
  });

  it('keeps every version 1 field (nothing lost)', () => {
    const stored = v1Entry({ mode: 'enforce', maxAge: 86400, mx: ['mx1.example.com'] });
    const { state } = parseState(JSON.stringify({ version: 1, domains: { 'example.com': stored } }));
    expect(state.domains['example.com']).toMatchObject(stored);
  });
});

describe('parseState: version 2 histories', () => {
  it.each<[string, unknown, readonly PolicyVersion[] | undefined]>([
    [
      'a valid history',
      [version('a'), version('b', { replacedAt: T1 })],
      [version('a'), version('b', { replacedAt: T1 })],
    ],
    ['no history field', undefined, undefined],
    ['a history that is not a list', { a: 1 }, undefined],
    [
      'a version with a bad mode is left out',
      [version('a'), { ...version('b'), mode: 'strict' }],
      [version('a')],
    ],
    [
      'a version with a bad time is left out',
      [{ ...version('a'), lastSeen: 'soon' }, version('b')],
      [version('b')],
    ],
    ['a version without mx is left out', [{ ...version('a'), mx: 'mx1' }], undefined],
    ['a negative max_age is left out', [{ ...version('a'), maxAge: -1 }], undefined],
    ['a bad replacedAt is dropped, the version kept', [{ ...version('a'), replacedAt: 7 }], [version('a')]],
    [
      'more versions than the bound keeps the last 20',
      Array.from({ length: 25 }, (_, i) => version(`v${i}`)),
      Array.from({ length: 20 }, (_, i) => version(`v${i + 5}`)),
    ],
  ])('%s', (_, history, expected) => {
    const text = JSON.stringify({ version: 2, domains: { 'example.com': { ...v1Entry(), history } } });
    const { state, warning } = parseState(text);
    expect(warning).toBeNull();
    expect(state.domains['example.com']?.history).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['a max_age of 1e300', [{ ...version('a'), maxAge: 1e300 }]],
    ['a lastSeen at the end of time', [{ ...version('a'), lastSeen: '+275760-09-13T00:00:00.000Z' }]],
  ])('a hand-edited history version whose cache end is no date is left out: %s', (_, history) => {
    const text = JSON.stringify({ version: 2, domains: { 'example.com': { ...v1Entry(), history } } });
    const kept = parseState(text).state.domains['example.com']?.history ?? [];
    // heldUntil threw a RangeError (Invalid time value) on these, ending the whole run.
    expect(() => kept.map((v) => heldUntil(kept, v))).not.toThrow();
    expect(kept).toEqual([]);
  });

  it('a version 1 entry with a max_age of 1e300 migrates to no history, not to a run-ending one', () => {
    const text = JSON.stringify({
      version: 1,
      domains: { 'example.com': v1Entry({ mode: 'enforce', maxAge: 1e300, mx: ['mx1.example.com'] }) },
    });
    const kept = parseState(text).state.domains['example.com']?.history ?? [];
    expect(() => kept.map((v) => heldUntil(kept, v))).not.toThrow();
    expect(kept).toEqual([]);
  });

  it.each([
    ['version 3', '{"version":3,"domains":{}}', /not version 1 or 2/],
    ['no version', '{"domains":{}}', /not version 1 or 2/],
    ['not JSON', '{"version":2,', /not valid JSON/],
  ])('%s starts afresh with a warning', (_, text, warning) => {
    const parsed = parseState(text);
    expect(parsed.state.domains).toEqual({});
    expect(parsed.warning).toMatch(warning);
  });

  it('keeps a __proto__ domain with a history as a domain (prototype-free map)', () => {
    const text = `{"version":2,"domains":{"__proto__":${JSON.stringify({ ...v1Entry(), history: [version('a')] })}}}`;
    const { state } = parseState(text);
    expect(Object.getPrototypeOf(state.domains)).toBeNull();
    expect(state.domains['__proto__']?.history).toEqual([version('a')]);
  });
});

const WITH_HISTORY: StateFile = {
  version: STATE_VERSION,
  domains: {
    'example.com': {
      ...v1Entry({ id: 'b', mode: 'testing', maxAge: 86400, mx: ['mx2.example.com'] }),
      history: [
        version('a', { replacedAt: T1 }),
        version('b', { mode: 'testing', firstSeen: T1, lastSeen: T1 }),
      ],
    },
  },
};

describe('both stores round-trip a version 2 history', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-state-v2-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--state FILE', async () => {
    const path = join(dir, 'state.json');
    expect(await writeStateFile(path, WITH_HISTORY)).toBeNull();
    expect((await readStateFile(path)).state).toEqual(WITH_HISTORY);
  });

  it('--state FILE migrates a version 1 file and writes version 2', async () => {
    const path = join(dir, 'v1.json');
    const stored = v1Entry({ mode: 'enforce', maxAge: 86400, mx: ['mx1.example.com'] });
    await writeFile(path, JSON.stringify({ version: 1, domains: { 'example.com': stored } }));
    const { state } = await readStateFile(path);
    expect(await writeStateFile(path, state)).toBeNull();
    const again = await readStateFile(path);
    expect(again.state.version).toBe(2);
    expect(again.state.domains['example.com']?.history).toHaveLength(1);
    expect(again.state).toEqual(state);
  });

  it('the state issue', () => {
    const { body, dropped, trimmed } = renderStateBody(WITH_HISTORY);
    expect([dropped, trimmed]).toEqual([0, 0]);
    const read = readStateFromIssues([{ number: 1, state: 'closed', title: STATE_ISSUE_TITLE, body }]);
    expect(read.state).toEqual(WITH_HISTORY);
  });

  it('the state issue drops the oldest versions first when the histories do not fit, and says how many', () => {
    const domains: Record<string, PolicyStateEntry> = {};
    for (let d = 0; d < 150; d += 1) {
      const history = Array.from({ length: 8 }, (_, i) =>
        version(`d${d}v${i}`, { mx: [`mx${i}.a-rather-long-provider-name.example.net`] }),
      );
      domains[`d${d}.example`] = { ...v1Entry({ id: `d${d}v7` }), history };
    }
    const { body, dropped, trimmed } = renderStateBody({ version: STATE_VERSION, domains });
    expect(dropped).toBe(0);
    expect(trimmed).toBeGreaterThan(0);
    const read = readStateFromIssues([{ number: 1, state: 'closed', title: STATE_ISSUE_TITLE, body }]);
    const kept = read.state.domains['d0.example']?.history ?? [];
    expect(kept.length).toBeLessThan(8);
    // The newest versions stay.
    expect(kept.at(-1)?.id).toBe('d0v7');
    expect(trimmed).toBe(150 * (8 - kept.length));
  });
});

describe('stateChanged with histories', () => {
  const base = (history: readonly PolicyVersion[]): StateFile => ({
    version: STATE_VERSION,
    domains: { 'example.com': { ...v1Entry(), history } },
  });
  it.each<[string, readonly PolicyVersion[], readonly PolicyVersion[], boolean]>([
    ['the same history', [version('a')], [version('a')], false],
    ['a version added', [version('a')], [version('a'), version('b')], true],
    ['a version pruned', [version('a'), version('b')], [version('b')], true],
    ['replacedAt set', [version('a')], [version('a', { replacedAt: T1 })], true],
    // A week's max_age: twelve hours later is under a tenth of it, ten days later is not.
    [
      'last seen twelve hours later',
      [version('a')],
      [version('a', { lastSeen: '2026-11-01T12:00:00.000Z' })],
      false,
    ],
    ['last seen ten days later', [version('a')], [version('a', { lastSeen: T1 })], true],
  ])('%s', (_, before, after, changed) => {
    expect(stateChanged(base(before), base(after))).toBe(changed);
  });
});
