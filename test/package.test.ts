/**
 * The npm package is the CLI alone and installs on a clean machine (issue #11 item 17): a `files` list with the
 * self-contained ncc bundle and no tests or sources, no runtime dependencies (ncc bundles them all), a repository
 * field, and the Node versions the CLI supports. scripts/check-pack.sh (CI) then packs, installs offline and runs
 * it through npx.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface PackageJson {
  readonly private?: boolean;
  readonly bin: Record<string, string>;
  readonly files: string[];
  readonly dependencies?: Record<string, string>;
  readonly repository?: { type: string; url: string };
  readonly engines: { node: string };
  readonly scripts: Record<string, string>;
}

const pkg = JSON.parse(await readFile('package.json', 'utf8')) as PackageJson;

describe('package.json', () => {
  it('has no runtime dependencies: the bundles in dist/ are self-contained', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('ships the CLI bundle only, rebuilt before every pack', () => {
    expect(pkg.bin).toEqual({ 'mta-sts-drift': 'dist/cli/index.js' });
    expect(pkg.files).toEqual(['dist/cli/', 'CHANGELOG.md']);
    expect(pkg.scripts['prepack']).toBe('npm run build:cli');
  });

  it('names its repository and the Node versions of the CLI, and can be published', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/OWNER/mta-sts-drift.git' });
    expect(pkg.engines.node).toBe('^22.13.0 || >=24');
    expect(pkg.private).toBeUndefined();
  });
});

describe('npm pack', () => {
  it('lists the bundle and the documents, and no test, source or Action file', async () => {
    // --ignore-scripts: list what the committed dist/cli would give, without rebuilding it here.
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths).toContain('dist/cli/index.js');
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']));
    for (const path of paths) {
      expect(path).toMatch(/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/cli\/[^/]+)$/);
    }
  });
});
