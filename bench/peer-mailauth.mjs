// The peer of `npm run bench` (issue #9 item 4): mailauth 7 discovers the MTA-STS policy of every domain in
// DOMAINS_FILE (getPolicy: the TXT record, the policy host's address, the HTTPS fetch and the parse) and matches
// each of the domain's MX hosts against it (validateMx), with its resolver pointed at the bench DNS server and
// CONCURRENCY domains in flight, as the check runs them. No SMTP: mailauth does not probe MX hosts.
//
//   node peer-mailauth.mjs DOMAINS_FILE DNS_SERVER CONCURRENCY
//
// Prints one JSON line: how many policies were found, MX hosts matched, and errors (with the first few).
import { readFileSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import mtaSts from 'mailauth/lib/mta-sts.js';

const [file, server, concurrencyText] = process.argv.slice(2);
const names = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const resolver = new Resolver({ timeout: 2500, tries: 2 });
resolver.setServers([server]);
const resolve = (name, type) => resolver.resolve(name, type);

const tally = { domains: names.length, found: 0, mxValid: 0, mxInvalid: 0, errors: 0, sample: [] };
async function check(domain) {
  const [{ policy, status }, mx] = await Promise.all([
    mtaSts.getPolicy(domain, null, { resolver: resolve, timeout: 10_000 }),
    resolver.resolveMx(domain),
  ]);
  if (status === 'found') tally.found++;
  else {
    tally.errors++;
    if (tally.sample.length < 3) tally.sample.push(`${domain}: ${status} ${policy.error?.message ?? ''}`);
  }
  for (const { exchange } of mx) {
    if (mtaSts.validateMx(exchange, policy).valid) tally.mxValid++;
    else tally.mxInvalid++;
  }
}

let next = 0;
const worker = async () => {
  while (next < names.length) {
    const domain = names[next++];
    await check(domain).catch((error) => {
      tally.errors++;
      if (tally.sample.length < 3) tally.sample.push(`${domain}: ${error.message}`);
    });
  }
};
await Promise.all(Array.from({ length: Number(concurrencyText) }, worker));
process.stdout.write(`${JSON.stringify(tally)}\n`);
