// Regenerates the generated blocks of README.md (npm run docs). test/docs.test.ts fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderFindingsTable } from '../src/docs/findings-table.js';
import { renderPlanExamples } from '../src/docs/plan-examples.js';

/** Replace what lies between `<!-- name:start -->` and `<!-- name:end -->`. */
function fill(readme: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const before = readme.slice(0, readme.indexOf(start) + start.length);
  const after = readme.slice(readme.indexOf(end));
  return `${before}\n${content}\n${after}`;
}

let readme = readFileSync('README.md', 'utf8');
readme = fill(readme, 'findings', renderFindingsTable());
// issue #8: the output of `mta-sts-drift plan` for each scenario, by running it.
readme = fill(readme, 'plan', await renderPlanExamples());
writeFileSync('README.md', readme);
