/** Issue #11 item 8: reading domains.yml has a bounded cost, and a broken file does not flood the log. */
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { MAX_CONFIG_BYTES, MAX_DOMAINS, MAX_LISTED_ISSUES } from '../../src/config/limits.js';
import { loadConfig, parseConfig } from '../../src/config/load-config.js';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const domainList = (n: number): string =>
  Array.from({ length: n }, (_, i) => `- d${i}.example.org`).join('\n');

describe('config limits', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'config-limits-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the limits are the documented ones', () => {
    expect([MAX_CONFIG_BYTES, MAX_DOMAINS, MAX_LISTED_ISSUES]).toStrictEqual([1_048_576, 10_000, 20]);
  });

  it(`accepts ${MAX_DOMAINS} domains`, () => {
    // Issue #9 item 4: a fleet of 10,000 domains is checked in one run.
    expect(parseConfig(domainList(10_000), 'domains.yml').domains).toHaveLength(10_000);
  });

  it('refuses one domain more, in either form of the file, with one message', () => {
    expect(configError(() => parseConfig(domainList(10_001), 'domains.yml')).message).toBe(
      'domains.yml:1:1: 10001 domains listed; at most 10000 are checked in one run: split the list over several workflows or config files',
    );
    const mapped = `defaults:\n  mode: enforce\ndomains:\n${domainList(10_001).replace(/^/gm, '  ')}\n`;
    expect(configError(() => parseConfig(mapped, 'domains.yml')).message).toMatch(
      /^domains\.yml:4:3: domains: 10001 domains listed; at most 10000/,
    );
  });

  it('refuses text over 1 MiB before parsing it', () => {
    const error = configError(() => parseConfig(`# ${'x'.repeat(1024 * 1024)}\n- example.org\n`, 'base.yml'));
    expect(error.message).toBe('base.yml: the file is 1048593 bytes; at most 1048576 bytes (1 MiB) are read');
  });

  it('refuses a file over 1 MiB without reading it', async () => {
    const file = join(dir, 'huge.yml');
    await writeFile(file, '- example.org\n');
    await truncate(file, 64 * 1024 * 1024); // sparse: nothing to read if the size is checked first
    await expect(loadConfig(file)).rejects.toThrow(
      `${file}: the file is 67108864 bytes; at most 1048576 bytes (1 MiB) are read`,
    );
  });

  it(`lists ${MAX_LISTED_ISSUES} problems, then "and N more"; annotations get the listed ones`, () => {
    const text = Array.from({ length: 25 }, (_, i) => `- domain: d${i}.example.org\n  mode: bad`).join('\n');
    const error = configError(() => parseConfig(text, 'domains.yml'));
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe(
      'domains.yml:2:9: [0].mode: "bad" is not allowed; expected one of enforce, testing, none',
    );
    expect(lines[20]).toBe('… and 5 more problems');
    expect(error.issues).toHaveLength(20);
    expect(error.issues[19]?.line).toBe(40);
    expect(error.omitted).toBe(5);
  });

  it('says "1 more problem" in the singular', () => {
    const text = Array.from({ length: 21 }, (_, i) => `- domain: d${i}.example.org\n  mode: bad`).join('\n');
    expect(
      configError(() => parseConfig(text, 'domains.yml'))
        .message.split('\n')
        .at(-1),
    ).toBe('… and 1 more problem');
  });
});
