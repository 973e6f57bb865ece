// Regenerates the generated blocks of README.md (npm run docs). test/docs.test.ts fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderFindingsTable } from '../src/docs/findings-table.js';

const START = '<!-- findings:start -->';
const END = '<!-- findings:end -->';
const readme = readFileSync('README.md', 'utf8');
const before = readme.slice(0, readme.indexOf(START) + START.length);
const after = readme.slice(readme.indexOf(END));
writeFileSync('README.md', `${before}\n${renderFindingsTable()}\n${after}`);
