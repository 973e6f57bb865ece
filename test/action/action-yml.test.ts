/** action.yml, the settings reader, the outputs and README.md describe the same inputs and outputs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSettings } from '../../src/action/inputs.js';
import { runContext } from '../fixtures/action/context.js';
import { REPORT_VERSION } from '../../src/check.js';
import { issueOutputs, reportOutputs } from '../../src/action/publish.js';

interface ActionYml {
  runs: { using: string; main: string };
  branding: { icon: string; color: string };
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string }>;
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml;
const docs = readFileSync('README.md', 'utf8');
const context = runContext();

describe('action.yml', () => {
  it('runs the committed bundle on node24, with branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(action.branding.icon).not.toBe('');
    expect(action.branding.color).not.toBe('');
  });

  it('documents every input with a description and a default', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(input.default, name).toBeTypeOf('string');
      expect(docs, name).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
    }
  });

  it('declares exactly the inputs the action reads, with the same defaults', () => {
    const read = new Set<string>();
    const empty = readSettings((name) => (read.add(name), ''), context);
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
    const defaults = readSettings(
      (name) => (name === 'github-token' ? '' : (action.inputs[name]?.default ?? '')),
      context,
    );
    expect(defaults).toEqual(empty);
  });

  it('declares exactly the outputs the action sets, each documented', () => {
    const report = {
      version: REPORT_VERSION,
      generatedAt: '',
      notices: [],
      runFindings: [],
      causes: [],
      summary: { domains: 0, errors: 0, warnings: 0, notices: 0, bouncing: [] },
      domains: [],
    } as const;
    const outputs = Object.keys({
      ...reportOutputs(report, '/r.json'),
      ...issueOutputs(null, 'https://x/o/r'),
    });
    expect(outputs.sort()).toEqual(Object.keys(action.outputs).sort());
    for (const name of outputs) expect(docs, name).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
  });
});
