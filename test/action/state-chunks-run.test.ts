/**
 * State at any size (issue #9 item 2): the id-freshness state of 10,000 domains, each with a policy history, kept
 * in the state issue's comments through the action's own read and write path (loadState, manageIssues), Octokit
 * talking HTTP to the local GitHub API server, every request counted and every run timed.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/check.js';
import type { PolicyStateEntry } from '../../src/core/types.js';
import { createGitHubApi, type GitHubApi } from '../../src/action/github-client.js';
import { readSettings, type ActionSettings } from '../../src/action/inputs.js';
import { listActionIssues, loadState, manageIssues, type Logger } from '../../src/action/notify.js';
import { MAX_CHUNK_CHARS } from '../../src/action/state-chunks.js';
import { findStateIssue, MAX_STATE_CHARS } from '../../src/action/state-store.js';
import { domainMap, type StateFile } from '../../src/state/state-file.js';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { runContext } from '../fixtures/action/context.js';
import { createHarness, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

const N = 10_000;
const NOW = new Date('2026-06-01T00:00:00Z');
const hex = (text: string) => createHash('sha256').update(text).digest('hex');
const at = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

/** A domain as a nightly run leaves it: the latest policy and three versions senders may still hold. */
function entry(domain: string, id = '20260501'): PolicyStateEntry {
  const mx = [`mx1.${domain}`, `mx2.${domain}`];
  const version = (n: number) => ({
    id: `2026010${n}`,
    hash: hex(`${domain}/${n}`),
    mode: 'enforce' as const,
    maxAge: 604800,
    mx,
    firstSeen: at(90 - n * 20),
    lastSeen: at(80 - n * 20),
    replacedAt: at(79 - n * 20),
  });
  return {
    id,
    bodyHash: hex(`${domain}/${id}`),
    seenAt: at(0),
    mode: 'enforce',
    maxAge: 604800,
    mx,
    history: [version(1), version(2), version(3), { ...version(4), id, hash: hex(`${domain}/${id}`) }],
  };
}

function fleetState(change: (domain: string) => PolicyStateEntry | null = (d) => entry(d), n = N): StateFile {
  const domains = domainMap();
  for (let i = 0; i < n; i++) {
    const name = `customer-${String(i).padStart(5, '0')}.hosting.example`;
    const e = change(name);
    if (e !== null) domains[name] = e;
  }
  return { version: 2, domains };
}

let server: TestGitHubApiServer;
let api: GitHubApi;
const warnings: string[] = [];
const log: Logger = { info: () => undefined, warning: (line) => warnings.push(line) };
const settings: ActionSettings = readSettings(
  (name) => ({ issues: 'false', 'github-token': 'test-token' })[name] ?? '',
  runContext(),
);

beforeAll(async () => {
  server = await startGitHubApiServer();
  api = createGitHubApi({
    token: 'test-token',
    owner: 'octo',
    repo: 'dns',
    baseUrl: server.url,
    retryAfterBaseMs: 1,
    writeSpacingMs: 0,
    log: () => undefined,
  });
});
afterAll(() => server.close());
beforeEach(() => {
  warnings.length = 0;
});

/** One nightly run's state part: list, load, save `next`; the requests it made and how long it took. */
async function night(
  next: StateFile,
): Promise<{ loaded: StateFile; reads: number; writes: number; ms: number }> {
  const before = server.requests.length;
  const started = performance.now();
  const listing = await listActionIssues(api, settings);
  const loaded = await loadState({ ...settings, state: { kind: 'issue' } }, listing, log, api);
  if (!listing.ok) throw listing.error;
  const result = { report: { domains: [] }, state: next, smtpConnections: 0 } as unknown as CheckResult;
  const outcome = await manageIssues(
    api,
    settings,
    listing.issues,
    {
      result,
      previous: loaded,
      writeState: true,
      now: NOW,
    },
    log,
  );
  if (outcome.error !== null) throw outcome.error;
  const ms = performance.now() - started;
  const requests = server.requests.slice(before);
  const writes = requests.filter((r) => r.method !== 'GET').length;
  return { loaded, reads: requests.length - writes, writes, ms };
}

const stateIssue = () => findStateIssue([...server.issues.values()].map((i) => ({ ...i })));

describe(`the state of ${N} domains with policy histories`, () => {
  const full = fleetState();

  it('is far too large for one issue body', () => {
    expect(JSON.stringify(full).length).toBeGreaterThan(20 * MAX_STATE_CHARS);
  });

  it('first write: the issue, its chunks, the manifest; read back whole, no warning', async () => {
    const first = await night(full);
    const issue = stateIssue();
    const comments = server.issues.get(issue?.number ?? 0)?.comments ?? [];
    // create the issue, one comment per chunk, then the manifest (which closes it).
    expect(first.writes).toBe(comments.length + 2);
    expect(comments.length).toBeGreaterThan(1);
    expect(Math.max(...comments.map((c) => c.length))).toBeLessThan(65_536);
    expect(Math.max(...comments.map((c) => c.length))).toBeLessThanOrEqual(MAX_CHUNK_CHARS + 60);
    expect(issue?.state).toBe('closed');
    const second = await night(full);
    expect(warnings).toEqual([]);
    expect(second.loaded.domains).toEqual(full.domains);
    // The listing and one page of comments; nothing changed, nothing written.
    expect({ reads: second.reads, writes: second.writes }).toEqual({ reads: 2, writes: 0 });
    expect(second.ms).toBeLessThan(5_000);
    console.info(
      `state of ${N} domains: ${JSON.stringify(full).length} characters of JSON in ${comments.length} comments ` +
        `(${comments.reduce((n, c) => n + c.length, 0)} characters); first write ${first.writes} writes in ` +
        `${Math.round(first.ms)} ms; unchanged run ${second.reads} reads, 0 writes in ${Math.round(second.ms)} ms`,
    );
  });

  it('one domain changed: 3 writes (its chunk anew, the manifest, the old chunk deleted), read back whole', async () => {
    const changed = fleetState((d) =>
      d.endsWith('00042.hosting.example') ? entry(d, '20260601') : entry(d),
    );
    const run = await night(changed);
    expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 2, writes: 3 });
    const after = await night(changed);
    expect(after.loaded.domains).toEqual(changed.domains);
    expect(after.writes).toBe(0);
    console.info(`one domain changed: ${run.reads} reads, ${run.writes} writes in ${Math.round(run.ms)} ms`);
  });

  it('seenAt refreshed for every domain alone: nothing written', async () => {
    const refreshed = fleetState((d) => ({
      ...(d.endsWith('00042.hosting.example') ? entry(d, '20260601') : entry(d)),
      seenAt: NOW.toISOString(),
    }));
    expect((await night(refreshed)).writes).toBe(0);
  });
});

/** 1,000 domains: several chunks, so that the damage tests rewrite a few comments rather than 64. */
const SMALL = 1000;

describe(`damage is harmless (${SMALL} domains)`, () => {
  const full = fleetState(undefined, SMALL);

  beforeEach(async () => {
    server.reset();
    await night(full);
    warnings.length = 0;
  });

  const chunkComments = () => {
    const issue = server.issues.get(stateIssue()?.number ?? 0);
    if (issue === undefined) throw new Error('no state issue');
    return issue;
  };

  it('an edited chunk: no state, one warning, the next write replaces every chunk', async () => {
    const issue = chunkComments();
    // One character of the data (the second line) changed: the marker still parses, the hash does not match.
    issue.comments[1] = (issue.comments[1] ?? '').replace(
      /\n([A-Za-z])/,
      (_, c: string) => `\n${c === 'A' ? 'B' : 'A'}`,
    );
    const run = await night(full);
    expect(Object.keys(run.loaded.domains)).toHaveLength(0);
    expect(warnings).toEqual([
      expect.stringMatching(/chunk 2 of \d+ .* does not match the manifest.*starting afresh/),
    ]);
    const count = issue.comments.length;
    // every chunk written anew, the manifest, every old chunk deleted
    expect(run.writes).toBe(count + 1 + count);
    expect((await night(full)).loaded.domains).toEqual(full.domains);
  });

  it('a deleted chunk: no state, one warning; a forged extra chunk comment is never read', async () => {
    const issue = chunkComments();
    issue.comments.splice(0, 1);
    issue.commentIds.splice(0, 1);
    const forged = `<!-- mta-sts-drift:state-chunk=0/1\n${Buffer.from('x').toString('base64')}\n-->`;
    issue.comments.push(forged);
    const run = await night(full);
    expect(Object.keys(run.loaded.domains)).toHaveLength(0);
    expect(warnings).toEqual([expect.stringMatching(/chunk 1 of \d+ .* is missing.*starting afresh/)]);
    // The forged comment is not the manifest's: deleted with the old chunks by the rewrite.
    expect(issue.comments).not.toContain(forged);
  });

  it('a write that stops half way keeps the previous state', async () => {
    const changed = fleetState((d) => entry(d, '20260602'), SMALL);
    // The third new chunk fails; the manifest is never rewritten.
    let posts = 0;
    server.failNext = (r) => r.method === 'POST' && r.path.endsWith('/comments') && ++posts === 3;
    const before = chunkComments().body;
    const broken = await night(changed).catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(Error);
    expect(chunkComments().body).toBe(before);
    const run = await night(changed);
    expect(warnings).toEqual([]);
    expect(run.loaded.domains).toEqual(full.domains);
    // The two chunks written before the failure are unreferenced, and deleted by this write.
    expect((await night(changed)).loaded.domains).toEqual(changed.domains);
  });

  it('a state that fits the body again goes back into the body and its chunks are deleted', async () => {
    const small = fleetState((d) => (d.startsWith('customer-0000') ? entry(d) : null), SMALL);
    const run = await night(small);
    expect(chunkComments().comments).toEqual([]);
    expect(chunkComments().body).toContain('<!-- mta-sts-drift:state-data');
    expect(run.writes).toBeGreaterThan(1);
    expect((await night(small)).loaded.domains).toEqual(small.domains);
  });
});

describe('run() reads and writes a chunked state issue', () => {
  let world: ActionWorld;
  let harness: Harness;
  beforeAll(async () => {
    world = await startActionWorld([
      { name: 'alpha.test', id: 'a1', policy: policy('enforce', ['mx.alpha.test']) },
    ]);
    harness = await createHarness(server, world.probes);
    await harness.writeConfig('domains:\n  - domain: alpha.test\n');
  });
  afterAll(async () => {
    await Promise.all([world.close(), harness.close()]);
  });

  it('a remembered id from a chunk meets a changed policy: stale-policy-id; only its chunk is rewritten', async () => {
    server.reset();
    // 2,000 other domains make the state too large for the body; alpha.test's remembered policy differs.
    const seeded = fleetState(undefined, 2000);
    (seeded.domains as Record<string, PolicyStateEntry>)['alpha.test'] = {
      id: 'a1',
      bodyHash: hex('an older policy'),
      seenAt: at(1),
    };
    await night(seeded);
    const comments = server.issues.get(stateIssue()?.number ?? 0)?.comments.length ?? 0;
    expect(comments).toBeGreaterThan(1);
    const run = await harness.runAction();
    expect(run.logs.filter((l) => l.startsWith('warning: '))).toEqual([]);
    const domain = run.result.report?.domains[0];
    expect(domain?.findings.map((f) => f.code)).toContain('stale-policy-id');
    // Reads: the listing, the comments, the listing again after the new drift issue. Writes: that issue, then
    // alpha.test's chunk anew, the manifest, the old chunk deleted.
    expect({ reads: run.reads, writes: run.writes }).toEqual({ reads: 3, writes: 4 });
    const again = await harness.runAction();
    expect({ reads: again.reads, writes: again.writes }).toEqual({ reads: 2, writes: 0 });
  });
});
