/**
 * `check` shows progress on stderr when stderr is a terminal (issue #9 item 4), never otherwise, and not with
 * --no-progress; stdout (the report, here JSON into a "pipe") is the same either way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAINS, DEMO_MX } from '../demo/domains.js';
import { startWorld, type World } from '../demo/world.js';
import { runCliCaptured } from './helpers/run-cli.js';

let world: World;

beforeAll(async () => {
  world = await startWorld(DEMO_DOMAINS, DEMO_MX);
});
afterAll(async () => {
  await world.close();
});

/** Run check with stderr a stream that says whether it is a terminal, as a tty.WriteStream does. */
async function check(stderrIsTTY: boolean, ...extra: string[]) {
  const args = [
    'check',
    ...world.checkArgs,
    '--timeout',
    '5',
    '--config',
    'demo/domains.yml',
    '--json',
    ...extra,
  ];
  return runCliCaptured(args, { ca: world.caPem, stderrIsTTY });
}

describe('check progress on stderr', () => {
  it('on a terminal: a line rewritten in place, then cleared before the report', async () => {
    const { stdout, stderr } = await check(true);
    const total = DEMO_DOMAINS.length;
    expect(stderr).toMatch(new RegExp(`^\\r\\u001b\\[KChecking domains: 0/${total} \\(0%\\), \\d+\\.\\d s`));
    expect(stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(stderr).not.toContain('\n');
    expect(JSON.parse(stdout)).toMatchObject({ summary: { domains: total } });
  });

  it('not when stderr is not a terminal', async () => {
    const { stderr, stdout } = await check(false);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toMatchObject({ version: 1 });
  });

  it('not with --no-progress', async () => {
    const { stderr } = await check(true, '--no-progress');
    expect(stderr).toBe('');
  });
});
