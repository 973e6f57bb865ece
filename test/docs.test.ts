import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../src/core/findings.js';
import { renderFindingsTable } from '../src/docs/findings-table.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README.md', () => {
  it('holds the findings table generated from the catalogue (run npm run docs when this fails)', () => {
    expect(readme).toContain(`<!-- findings:start -->\n${renderFindingsTable()}\n<!-- findings:end -->`);
  });

  it('documents every finding code', () => {
    const missing = Object.keys(FINDING_CODES).filter((code) => !readme.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('gives the test command that .ci/run runs', () => {
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
    expect(readme).toMatch(/^npm test\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
