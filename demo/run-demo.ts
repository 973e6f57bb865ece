/**
 * `npm run demo`: the engine against a loopback world with a generated test CA. No network needed.
 * Runs `check` twice with a state file, changing one policy in between without a new id.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli.js';
import { DEMO_DOMAINS, DEMO_MX, STALE_AFTER } from './domains.js';
import { startWorld } from './world.js';

const config = fileURLToPath(new URL('domains.yml', import.meta.url));
const world = await startWorld(DEMO_DOMAINS, DEMO_MX);
const dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-demo-'));
const args = [
  'check',
  '--config',
  config,
  '--state',
  join(dir, 'state.json'),
  ...world.checkArgs,
  '--timeout',
  '5',
  ...process.argv.slice(2),
];
const io = { stdout: process.stdout, stderr: process.stderr, ca: world.caPem };
try {
  process.stdout.write(
    `# Run 1: ${DEMO_DOMAINS.length} sample domains served on loopback (config: demo/domains.yml)\n\n`,
  );
  await runCli(args, io);
  world.update(STALE_AFTER);
  process.stdout.write(
    '\n# Run 2 (--domain stale-id.example): it added an MX and edited its policy, but kept id=20261101\n\n',
  );
  const status = await runCli([...args, '--domain', 'stale-id.example'], io);
  process.stdout.write(
    `\n(mta-sts-drift check exited with ${status}: 1 means findings at the fail-on level)\n`,
  );
} finally {
  await world.close();
  await rm(dir, { recursive: true, force: true });
}
