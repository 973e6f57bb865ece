/**
 * The README's sharded workflow (section "Large fleets", issue #9 item 3) is copied by users as it stands: it must
 * parse, use only inputs action.yml declares, and wire the matrix, the artifacts and the merge job together.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: { shard: number[] } };
  steps: Step[];
}

const readme = readFileSync('README.md', 'utf8');
const block =
  /```yaml\n(# \.github\/workflows\/mta-sts-drift-fleet\.yml\n[\s\S]*?)```/.exec(readme)?.[1] ?? '';
const workflow = parse(block) as { jobs: Record<string, Job> };
const declared = Object.keys(
  (parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }).inputs,
);
const action = (job: Job) => job.steps.filter((s) => s.uses?.startsWith('OWNER/mta-sts-drift@'));
const step = (job: Job, name: string) => job.steps.find((s) => s.uses?.startsWith(`${name}@`));

describe('the README workflow of a sharded fleet', () => {
  const check = workflow.jobs['check'] as Job;
  const merge = workflow.jobs['merge'] as Job;

  it('has a matrix of shard jobs and a merge job that needs them', () => {
    expect(block).not.toBe('');
    expect(check.strategy?.matrix.shard).toEqual([1, 2, 3, 4]);
    expect(merge.needs).toBe('check');
  });

  it('uses only inputs action.yml declares', () => {
    for (const s of [...action(check), ...action(merge)])
      for (const input of Object.keys(s.with ?? {})) expect(declared).toContain(input);
  });

  it('uploads each shard report under its own name and downloads them all into the merged folder', () => {
    const [shard] = action(check);
    expect(shard?.with?.['shard']).toBe(`\${{ matrix.shard }}/${check.strategy?.matrix.shard.length}`);
    const upload = step(check, 'actions/upload-artifact');
    expect(upload?.with?.['path']).toBe(`\${{ steps.${shard?.id}.outputs.report }}`);
    expect(upload?.with?.['name']).toBe('mta-sts-drift-shard-${{ matrix.shard }}');
    const download = step(merge, 'actions/download-artifact');
    expect(download?.with).toMatchObject({ pattern: 'mta-sts-drift-shard-*', 'merge-multiple': true });
    expect(action(merge)[0]?.with).toEqual({ mode: 'merge', reports: download?.with?.['path'] });
  });

  it('lets only the merge job write issues', () => {
    expect(check.permissions).toEqual({ contents: 'read', issues: 'read' });
    expect(merge.permissions).toEqual({ contents: 'read', issues: 'write' });
  });
});
