/**
 * The project's own workflows (issue #11 items 8 and 18): third-party actions pinned by commit SHA, no credentials
 * left in .git, a release whose writing job installs nothing, and CI that runs the Action itself and actionlint.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
  container?: unknown;
  if?: string;
}
interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const DIR = '.github/workflows';
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const text = (file: string) => readFileSync(join(DIR, file), 'utf8');
const workflow = (file: string) => parse(text(file)) as Workflow;

describe('workflows', () => {
  it.each(files)('%s pins every third-party action by full commit SHA, with the tag in a comment', (file) => {
    const uses = [...text(file).matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [line, target, rest] of uses) {
      if (target === './') continue;
      expect(target, line).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest, line).toMatch(/^\s+# v\d+(\.\d+){0,2}$/);
    }
  });

  it.each(files)('%s keeps no credentials in .git after a checkout', (file) => {
    for (const [name, job] of Object.entries(workflow(file).jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) {
        expect(step.with?.['persist-credentials'], `${file} ${name}`).toBe(false);
      }
    }
  });

  it('release.yml builds with a read-only token and moves the tag in a job that installs and checks out nothing', () => {
    const release = workflow('release.yml');
    expect(release.permissions).toEqual({});
    const writers = Object.entries(release.jobs).filter(
      ([, job]) => job.permissions?.['contents'] === 'write',
    );
    expect(writers.map(([name]) => name)).toEqual(['move-major-tag']);
    const [, writer] = writers[0] ?? ['', { steps: [] }];
    expect(writer.steps.every((s) => s.uses === undefined)).toBe(true);
    expect(writer.steps.map((s) => s.run ?? '').join('\n')).not.toMatch(
      /\bnpm\b|\bnpx\b|\bnode\b|apt-get|curl .*\| *(ba)?sh/,
    );
    for (const [name, job] of Object.entries(release.jobs)) {
      if (name !== 'move-major-tag') expect(job.permissions, name).toEqual({ contents: 'read' });
    }
  });

  it('ci.yml runs the Action itself against the demo world and checks its outputs', () => {
    const job = workflow('ci.yml').jobs['action'];
    const step = job?.steps.find((s) => s.uses === './');
    expect(step?.with).toMatchObject({
      config: 'demo/domains.yml',
      'allow-private-addresses': true,
      'sarif-file': expect.any(String),
    });
    expect(job?.steps.some((s) => s.run?.includes('demo/serve-world.ts'))).toBe(true);
    expect(job?.steps.at(-1)?.run).toContain('demo/verify-action-run.ts');
  });

  it('ci.yml lints the workflows with actionlint', () => {
    const steps = workflow('ci.yml').jobs['actionlint']?.steps ?? [];
    expect(steps.some((s) => /actionlint@v\d+\.\d+\.\d+/.test(s.run ?? ''))).toBe(true);
  });
});
