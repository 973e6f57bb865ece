/**
 * The inputs dns-server and dane (issue #7 item 7) through run(): the Action asks the resolver named in dns-server
 * for every lookup (the probes get no DNS server of their own here), and with DANE on it reports a stale TLSA record
 * in the issue it opens, over the local GitHub API server.
 */
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSettings } from '../../src/action/inputs.js';
import { parseIssueMarker } from '../../src/report/issue-body.js';
import { startDnsServer, type TestDnsServer, type ZoneEntry } from '../helpers/dns-server.js';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { startHttpsServer, type TestHttpsServer } from '../helpers/https-server.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { daysFromNow, issueCertificate, testCa } from '../helpers/test-ca.js';
import { runContext } from '../fixtures/action/context.js';
import { createHarness, type Harness } from '../fixtures/action/harness.js';
import { policy } from '../fixtures/action/world.js';

const DOMAIN = 'dane.test';
const MX = 'mx.dane.test';
const TLSA_NAME = `_25._tcp.${MX}`;
const mxCertificate = issueCertificate({ names: [MX], notAfter: daysFromNow(90) });
const servedKey = createHash('sha256')
  .update(new X509Certificate(mxCertificate.cert).publicKey.export({ type: 'spki', format: 'der' }))
  .digest();

let dns: TestDnsServer;
let https: TestHttpsServer;
let smtp: TestSmtpServer;
let github: TestGitHubApiServer;
let harness: Harness;

/** A signed zone (the loopback resolver sets AD for it, as a validating one would) with one TLSA record. */
function zone(tlsa: Buffer): Record<string, ZoneEntry> {
  return {
    [DOMAIN]: { MX: [{ preference: 10, exchange: MX }] },
    [`_mta-sts.${DOMAIN}`]: { TXT: ['v=STSv1; id=1'] },
    [`_smtp._tls.${DOMAIN}`]: { TXT: [`v=TLSRPTv1; rua=mailto:tlsrpt@${DOMAIN}`] },
    [`mta-sts.${DOMAIN}`]: { A: ['127.0.0.1'] },
    [MX]: { A: ['127.0.0.1'] },
    [TLSA_NAME]: { TLSA: [{ usage: 3, selector: 1, matchingType: 1, certificate: tlsa }] },
  };
}

beforeAll(async () => {
  dns = await startDnsServer({ records: zone(servedKey), signed: ['.', DOMAIN] });
  https = await startHttpsServer({
    hosts: {
      [`mta-sts.${DOMAIN}`]: {
        certificate: issueCertificate({ names: [`mta-sts.${DOMAIN}`], notAfter: daysFromNow(90) }),
        route: { kind: 'body', body: policy('enforce', [MX]) },
      },
    },
  });
  smtp = await startSmtpServer({ banner: `${MX} ESMTP`, certificate: mxCertificate });
  github = await startGitHubApiServer();
  // No dnsServers here: every lookup must go to the resolver named by the dns-server input.
  harness = await createHarness(github, { httpsPort: https.port, smtpPort: smtp.port, ca: testCa.certPem });
  await harness.writeConfig(`domains:\n  - domain: ${DOMAIN}\n    mode: enforce\n    mx: [${MX}]\n`);
});
afterAll(async () => {
  await Promise.all([dns.close(), https.close(), smtp.close(), github.close(), harness.close()]);
});
beforeEach(() => {
  dns.queries.length = 0;
});

describe('inputs dns-server and dane (issue #7 item 7)', () => {
  it('checks DANE with the resolver named in dns-server, and opens an issue for a stale TLSA record', async () => {
    dns.update({ records: zone(randomBytes(32)) });
    await harness.environment({ 'dns-server': dns.server, state: 'none' });
    const run = await harness.runAction();
    expect(run.result.exitCode).toBe(1);
    // The only MX fails DANE, so the rfc verdict bounces (issue #7 item 4): tlsa-mismatch and mail-bounces.
    expect(run.outputs).toMatchObject({ errors: '2', 'bouncing-domains': JSON.stringify([DOMAIN]) });
    const issues = [...github.issues.values()].filter((i) => parseIssueMarker(i.body)?.domain === DOMAIN);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.body).toContain('`tlsa-mismatch`');
    expect(dns.queries.filter((q) => q.type === 'TLSA')).toHaveLength(1);
    // The MTA-STS lookups went to the same resolver.
    expect(dns.queries.some((q) => q.name === `_mta-sts.${DOMAIN}` && q.type === 'TXT')).toBe(true);
  });

  it('a matching TLSA record closes that issue again', async () => {
    dns.update({ records: zone(servedKey) });
    await harness.environment({ 'dns-server': dns.server, state: 'none' });
    const run = await harness.runAction();
    expect(run.result.exitCode).toBe(0);
    expect(JSON.parse(run.outputs['issues-closed'] ?? '[]')).toHaveLength(1);
  });

  it('dane: false keeps dns-server for the lookups and asks no TLSA', async () => {
    dns.update({ records: zone(randomBytes(32)) });
    await harness.environment({ 'dns-server': dns.server, dane: 'false', state: 'none' });
    const run = await harness.runAction();
    expect(run.result.exitCode).toBe(0);
    expect(dns.queries.some((q) => q.type === 'TLSA')).toBe(false);
    expect(dns.queries.some((q) => q.name === DOMAIN && q.type === 'MX')).toBe(true);
  });

  it('a bad dns-server stops the run with a message naming the input and the form', async () => {
    await harness.environment({ 'dns-server': 'resolver.example' });
    const run = await harness.runAction();
    expect(run.result.exitCode).not.toBe(0);
    expect(run.failed.join('\n')).toContain(
      'Input "dns-server" has the value "resolver.example"; allowed: an IP address with an optional port',
    );
    expect(dns.queries).toEqual([]);
  });
});

describe('README: DANE on GitHub-hosted runners', () => {
  it('starts Unbound with a trust anchor where the dns-server input of the next step points', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### DANE on GitHub-hosted runners'));
    const steps = parse(/```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '') as {
      run?: string;
      with?: Record<string, string>;
    }[];
    const server = steps[1]?.with?.['dns-server'] ?? '';
    const settings = readSettings((name) => (name === 'dns-server' ? server : ''), runContext());
    expect(settings).toMatchObject({ dnsServer: '127.0.0.1:5335', dane: true });
    expect(steps[0]?.run).toContain('interface: 127.0.0.1@5335');
    expect(steps[0]?.run).toMatch(/^ {2}auto-trust-anchor-file: /m);
  });
});
