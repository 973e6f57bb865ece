/**
 * The demo world on the standard ports, for CI's run of the Action itself (`uses: ./`, issue #11 item 18): DNS on
 * 127.0.0.1:53, the policy hosts on 127.0.0.1:443, each MX host on port 25 of its own 127.0.x.y address. Point
 * /etc/resolv.conf at 127.0.0.1 and NODE_EXTRA_CA_CERTS at the CA file, and the Action checks demo/domains.yml
 * against it as it would the real world. Needs root (ports below 1024); runs until SIGTERM or SIGINT.
 *
 *   tsx demo/serve-world.ts CA_FILE READY_FILE
 *
 * Writes the test CA (PEM) to CA_FILE, then creates READY_FILE once every server listens.
 */
import { rm, writeFile } from 'node:fs/promises';
import { DEMO_DOMAINS, DEMO_MX } from './domains.js';
import { startWorld } from './world.js';

const [caFile, readyFile] = process.argv.slice(2);
if (caFile === undefined || readyFile === undefined) {
  process.stderr.write('usage: tsx demo/serve-world.ts CA_FILE READY_FILE\n');
  process.exit(2);
}
await rm(readyFile, { force: true });
const world = await startWorld(DEMO_DOMAINS, DEMO_MX, 0, { dns: 53, https: 443, smtp: 25 });
await writeFile(caFile, world.caPem);
await writeFile(
  readyFile,
  `dns ${world.dnsServer}, https port ${world.httpsPort}, smtp port ${world.smtpPort}\n`,
);
process.stdout.write(`demo world ready: ${DEMO_DOMAINS.length} domains, DNS ${world.dnsServer}\n`);

const stop = (): void => {
  void world.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
