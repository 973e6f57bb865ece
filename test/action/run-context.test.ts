import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunContext, RunContextError, whyNoWrites } from '../../src/action/run-context.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-context-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function eventFile(payload: unknown): Promise<string> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, JSON.stringify(payload));
  return path;
}

const pr = (head: string | null) => ({
  pull_request: {
    number: 3,
    base: { sha: 'b'.repeat(40), repo: { full_name: 'octo/dns' } },
    head: { repo: head === null ? null : { full_name: head } },
  },
});

describe('readRunContext', () => {
  it.each([
    ['octo/dns', false],
    ['someone/dns', true],
    [null, true],
  ])('a pull request from %s is a fork: %s', async (head, fork) => {
    const env = {
      GITHUB_REPOSITORY: 'octo/dns',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: await eventFile(pr(head)),
    };
    expect((await readRunContext(env)).pullRequest).toEqual({
      number: 3,
      baseSha: 'b'.repeat(40),
      fromFork: fork,
    });
  });

  it('ignores the payload of other events', async () => {
    const env = {
      GITHUB_REPOSITORY: 'octo/dns',
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_EVENT_PATH: await eventFile(pr('x/y')),
    };
    expect(await readRunContext(env)).toMatchObject({
      eventName: 'schedule',
      owner: 'octo',
      repo: 'dns',
      pullRequest: null,
    });
  });

  it.each([
    ['refs/heads/main', 'main', null],
    ['refs/heads/feature', 'main', 'this push is to refs/heads/feature, not the default branch main'],
    ['refs/heads/main', undefined, 'this push is to refs/heads/main, not the default branch'],
  ])('a push to %s (default branch %s) may write issues and state: %s', async (ref, branch, why) => {
    const env = {
      GITHUB_REPOSITORY: 'octo/dns',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: ref,
      GITHUB_EVENT_PATH: await eventFile({
        ref,
        repository: branch === undefined ? {} : { default_branch: branch },
      }),
    };
    const context = await readRunContext(env);
    expect(context).toMatchObject({ ref, defaultBranch: branch ?? null, pullRequest: null });
    expect(whyNoWrites(context)).toBe(why);
  });

  it('links issues through GITHUB_SERVER_URL (GitHub Enterprise Server), github.com by default', async () => {
    const base = { GITHUB_REPOSITORY: 'octo/dns', GITHUB_EVENT_NAME: 'schedule' };
    expect((await readRunContext(base)).serverUrl).toBe('https://github.com');
    expect((await readRunContext({ ...base, GITHUB_SERVER_URL: 'https://ghe.example/' })).serverUrl).toBe(
      'https://ghe.example',
    );
  });

  it.each(['', 'octo', 'a/b/c'])('refuses GITHUB_REPOSITORY=%j', async (repository) => {
    await expect(readRunContext({ GITHUB_REPOSITORY: repository })).rejects.toThrow(RunContextError);
  });
});
