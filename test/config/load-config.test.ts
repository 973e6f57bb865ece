import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url));

async function loadError(path: string): Promise<ConfigError> {
  const error: unknown = await loadConfig(path).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfig', () => {
  it('reads the smallest form, a list of domain names', async () => {
    const config = await loadConfig(fixture('minimal.yml'));
    expect(config.file).toBe(fixture('minimal.yml'));
    expect(config.domains).toStrictEqual([
      { domain: 'example.com', line: 2, column: 3, certWarningDays: 21, ignore: [] },
      { domain: 'example.org', line: 3, column: 3, certWarningDays: 21, ignore: [] },
    ]);
  });

  it('applies defaults, lets a domain override them, and merges ignore lists', async () => {
    const config = await loadConfig(fixture('full.yml'));
    expect(config.domains).toStrictEqual([
      {
        domain: 'example.com',
        line: 9,
        column: 5,
        mode: 'enforce',
        maxAge: { min: 86400 },
        tlsrpt: { required: true },
        certWarningDays: 30,
        ignore: ['mx-cert-expiring'],
      },
      {
        domain: 'example.org',
        line: 10,
        column: 13,
        mode: 'testing',
        mx: ['mx1.example.org', '*.mail.example.org'],
        maxAge: { exact: 604800 },
        id: '20240101',
        tlsrpt: { required: true, rua: ['mailto:tlsrpt@example.org'] },
        certWarningDays: 14,
        ignore: ['mx-cert-expiring', 'policy-max-age-short'],
        // The entry's own mode: and mx: keys, for a pull request's annotation (issue #8 item 4).
        keyLines: { mode: { line: 11, column: 5 }, mx: { line: 12, column: 5 } },
      },
      {
        domain: 'example.net',
        line: 18,
        column: 13,
        mode: 'none',
        maxAge: { min: 86400 },
        tlsrpt: { required: false },
        certWarningDays: 30,
        ignore: ['mx-cert-expiring'],
        keyLines: { mode: { line: 19, column: 5 } },
      },
    ]);
  });

  it('reports every problem of a file at once, in file order', async () => {
    const path = fixture('invalid.yml');
    const error = await loadError(path);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe(
      [
        `${path}:2:9: defaults.mode: "enfroce" is not allowed; expected one of enforce, testing, none`,
        `${path}:5:5: domains[0]: unknown key "max-age"; did you mean "max_age"?`,
        `${path}:6:5: domains[1]: "Example.COM." is the same domain as "example.com" on line 4; list each domain once`,
      ].join('\n'),
    );
    expect(error.issues.map((issue) => [issue.file, issue.line, issue.column, issue.path])).toStrictEqual([
      [path, 2, 9, 'defaults.mode'],
      [path, 5, 5, 'domains[0]'],
      [path, 6, 5, 'domains[1]'],
    ]);
  });

  it('names a missing file and the reason the system gives', async () => {
    const path = fixture('no-such-file.yml');
    const error = await loadError(path);
    expect(error.message).toBe(`${path}: cannot read the file: no such file or directory (ENOENT)`);
    expect(error.issues).toStrictEqual([
      {
        file: path,
        line: 0,
        column: 0,
        path: '',
        message: 'cannot read the file: no such file or directory (ENOENT)',
      },
    ]);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('reports a directory given in place of a file', async () => {
    const path = fixture('');
    const error = await loadError(path);
    expect(error.message).toBe(`${path}: cannot read the file: illegal operation on a directory (EISDIR)`);
  });
});
