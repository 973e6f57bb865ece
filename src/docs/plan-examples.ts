/**
 * The README's "Changing a domain safely" examples (issue #8 item 6), produced by running `mta-sts-drift plan`
 * in-process, so the README shows what the command prints, never a hand-written copy (Prettier lays out the JSON
 * as `npm run format` would). `npm run docs` writes them;
 * test/docs-plan.test.ts fails when they are stale.
 */
import { PassThrough } from 'node:stream';
import { format, resolveConfig } from 'prettier';
import { runCli } from '../cli.js';

const NOW = '2026-11-29T04:12:00Z';
const ID = '20261101T000000';

interface Scenario {
  readonly title: string;
  readonly intro: string;
  readonly policy: string;
  readonly mx: string;
  readonly target: readonly string[];
}

const policy = (mode: string, mx: readonly string[], maxAge: number): string =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\n');

const MX1 = 'mx1.example.com';
const MX2 = 'mx2.example.com';

export const PLAN_SCENARIOS: readonly Scenario[] = [
  {
    title: 'Add an MX host',
    intro: 'The policy lists the new host first; the MX record follows once senders can see the new id.',
    policy: policy('enforce', [MX1], 604800),
    mx: MX1,
    target: ['--target-mx', `${MX1},${MX2}`],
  },
  {
    title: 'Remove an MX host',
    intro:
      'The MX record goes first; the policy stops listing the host once cached MX sets have forgotten it.',
    policy: policy('enforce', [MX1, MX2], 604800),
    mx: `${MX1},${MX2}`,
    target: ['--target-mx', MX1],
  },
  {
    title: 'Move to another provider',
    intro:
      'The policy lists both sets; the new hosts are added; the old ones leave only when no cached policy would ' +
      'refuse the new ones; then the policy lists only the new set.',
    policy: policy('enforce', [MX1, MX2], 604800),
    mx: `${MX1},${MX2}`,
    target: ['--target-mx', 'mx1.provider.example,mx2.provider.example'],
  },
  {
    title: 'From testing to enforce',
    intro: 'Check every MX host first; a longer max_age goes out with the enforcing policy.',
    policy: policy('testing', [MX1, MX2], 86400),
    mx: `${MX1},${MX2}`,
    target: ['--target-mode', 'enforce', '--target-max-age', '604800'],
  },
  {
    title: 'Remove MTA-STS: enforce, then none, then nothing (RFC 8461 §8.3)',
    intro:
      '`mode: none` under a new id, a wait of the longest max_age, then the record, then the policy host.',
    policy: policy('enforce', [MX1, MX2], 604800),
    mx: `${MX1},${MX2}`,
    target: ['--remove'],
  },
  {
    title: 'Lower max_age',
    intro:
      'The new value applies at once to new caches, but caches of the old policy keep their own max_age. Do this ' +
      'ahead of an MX move to shorten its waits.',
    policy: policy('enforce', [MX1, MX2], 1209600),
    mx: `${MX1},${MX2}`,
    target: ['--target-max-age', '86400'],
  },
];

const args = (s: Scenario, policyArg: string): string[] => [
  'plan',
  '--domain',
  'example.com',
  '--policy',
  policyArg,
  '--mx',
  s.mx,
  '--txt-id',
  ID,
  ...s.target,
  '--now',
  NOW,
];

/** Run the CLI on one scenario, the policy on standard input; returns what it printed. */
export async function runScenario(s: Scenario, json = false): Promise<string> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const stdin = new PassThrough();
  stdin.end(s.policy);
  const code = await runCli([...args(s, '-'), ...(json ? ['--json'] : [])], {
    stdout: out,
    stderr: err,
    stdin,
    env: {},
  });
  if (code !== 0) throw new Error(`plan example "${s.title}" failed (${code}): ${stderr}`);
  return stdout;
}

const quoteArg = (a: string): string => (/^[A-Za-z0-9._,:/@=-]+$/.test(a) ? a : `'${a}'`);

/** The generated Markdown: per scenario the policy file, the command and its output; then one JSON example. */
export async function renderPlanExamples(): Promise<string> {
  const parts: string[] = [];
  for (const s of PLAN_SCENARIOS) {
    const command = `mta-sts-drift ${args(s, 'mta-sts.txt').slice(0).map(quoteArg).join(' ')}`.replace(
      / --txt-id /,
      ' \\\n    --txt-id ',
    );
    parts.push(
      `#### ${s.title}`,
      '',
      s.intro,
      '',
      `With \`mta-sts.txt\` holding the policy served now:`,
      '',
      '```text',
      s.policy.trimEnd(),
      '```',
      '',
      '```sh',
      command,
      '```',
      '',
      '```text',
      (await runScenario(s)).trimEnd(),
      '```',
      '',
    );
  }
  const first = PLAN_SCENARIOS[0];
  if (first !== undefined) {
    parts.push(
      `#### The same "${first.title}" plan with \`--json\``,
      '',
      '```json',
      (await runScenario(first, true)).trimEnd(),
      '```',
    );
  }
  // Formatted as `npm run format` would leave it in README.md (short JSON arrays on one line).
  const options = (await resolveConfig('README.md')) ?? {};
  // Blank lines around it, as Prettier separates a heading from the HTML comments that mark the block.
  return `\n${(await format(parts.join('\n'), { ...options, parser: 'markdown' })).trimEnd()}\n`;
}
