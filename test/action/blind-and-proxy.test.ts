/**
 * run() over loopback servers for issue #10: a blind run (DNS SERVFAIL) fails, a missing domain is named, a
 * hosted runner shows skipped checks as incomplete, and smtp-proxy probes through a SOCKS5 server on a hosted
 * runner without its password reaching any output.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckReport } from '../../src/check.js';
import { startGitHubApiServer, type TestGitHubApiServer } from '../helpers/github-api-server.js';
import { startSocksServer, type TestSocksServer } from '../helpers/socks-server.js';
import { createHarness, type ActionRun, type Harness } from '../fixtures/action/harness.js';
import { policy, startActionWorld, type ActionWorld } from '../fixtures/action/world.js';

const DOMAINS = ['one.test', 'two.test'];
const CONFIG = `domains:\n${DOMAINS.map((d) => `  - domain: ${d}\n`).join('')}`;
const PASSWORD = 'pr0xy-hunter2';

let world: ActionWorld;
let server: TestGitHubApiServer;
let harness: Harness;
let proxy: TestSocksServer;

beforeAll(async () => {
  world = await startActionWorld(
    DOMAINS.map((name) => ({ name, id: '1', policy: policy('enforce', [`mx.${name}`]) })),
  );
  server = await startGitHubApiServer();
  harness = await createHarness(server, world.probes);
  proxy = await startSocksServer({ auth: { username: 'probe', password: PASSWORD } });
});
afterAll(async () => {
  await Promise.all([world.close(), server.close(), harness.close(), proxy.close()]);
});
beforeEach(async () => {
  server.reset();
  world.dns.update({ behaviour: {} });
  await harness.writeConfig(CONFIG);
  await harness.environment({ issues: 'false', state: 'none' });
});

async function reportOf(run: ActionRun): Promise<CheckReport> {
  return JSON.parse(await readFile(run.outputs['report'] ?? '', 'utf8')) as CheckReport;
}

describe('blind runs fail (issue #10 part 3)', () => {
  it('fails with one dns-unavailable error when the resolver answers SERVFAIL', async () => {
    const names = DOMAINS.flatMap((d) => [d, `_mta-sts.${d}`, `_smtp._tls.${d}`, `mta-sts.${d}`, `mx.${d}`]);
    world.dns.update({ behaviour: Object.fromEntries(names.map((n) => [n, 'servfail' as const])) });
    const run = await harness.runAction();
    expect(run.result.exitCode).toBe(1);
    expect(run.failed.join('\n')).toMatch(/1 error\(s\) reach fail-on: error/);
    const report = await reportOf(run);
    expect(report.runFindings.map((f) => [f.code, f.severity])).toEqual([['dns-unavailable', 'error']]);
    expect(report.runFindings[0]?.message).toMatch(/^8 of 8 DNS lookups failed or timed out \(ESERVFAIL/);
    expect(report.summary.errors).toBe(1);
    expect(run.summary).toContain('**This run could not observe everything:**');
    expect(run.summary).toContain('`dns-unavailable`');
    expect(run.annotations[0]).toMatchObject({ level: 'error', title: 'dns-unavailable' });
  });

  it('passes the same world when the resolver answers', async () => {
    const run = await harness.runAction();
    expect(run.result.exitCode).toBe(0);
    expect((await reportOf(run)).runFindings).toEqual([]);
  });

  it('names a domain that does not exist (NXDOMAIN) instead of an implicit MX', async () => {
    await harness.writeConfig(`${CONFIG}  - domain: typo.test\n`);
    const run = await harness.runAction();
    const typo = (await reportOf(run)).domains.find((d) => d.domain === 'typo.test');
    expect(typo?.findings.map((f) => f.code)).toEqual(['domain-not-found']);
    expect(typo?.status).toBe('error');
    expect(run.result.exitCode).toBe(1);
  });
});

describe('a GitHub-hosted runner', () => {
  it('without a proxy shows every domain as incomplete (MX TLS not checked), with the ways to check it', async () => {
    vi.stubEnv('RUNNER_ENVIRONMENT', 'github-hosted');
    const before = proxy.requests.length;
    const run = await harness.runAction();
    const report = await reportOf(run);
    expect(report.domains.map((d) => [d.status, d.notChecked, d.bounces])).toEqual([
      ['incomplete', ['mx-tls'], null],
      ['incomplete', ['mx-tls'], null],
    ]);
    expect(run.summary).toContain('◐ incomplete (MX TLS not checked)');
    expect(run.summary).not.toContain('✅ ok');
    expect(report.notices[0]).toMatch(/GitHub-hosted runners block outbound port 25\. Skipped: STARTTLS/);
    expect(report.notices[0]).toMatch(/smtp-proxy.*self-hosted runner.*TLS-RPT/);
    expect(run.result.exitCode).toBe(0);
    expect(proxy.requests.length).toBe(before);
  });

  it('with smtp-proxy probes through the proxy, and the password reaches no output', async () => {
    await harness.environment({
      issues: 'false',
      state: 'none',
      'smtp-proxy': `socks5://probe:${PASSWORD}@127.0.0.1:${proxy.port}`,
    });
    vi.stubEnv('RUNNER_ENVIRONMENT', 'github-hosted');
    const secrets: string[] = [];
    const before = proxy.requests.length;
    const run = await harness.runAction({ setSecret: (s) => secrets.push(s) });
    expect(secrets).toEqual([PASSWORD]);
    const report = await reportOf(run);
    expect(report.domains.map((d) => [d.domain, d.status, d.notChecked, d.mx[0]?.tls])).toEqual([
      ['one.test', 'ok', [], 'ok'],
      ['two.test', 'ok', [], 'ok'],
    ]);
    // Both MX hosts share 127.0.0.1 but are probed by name, so two CONNECTs, both with the credentials.
    const made = proxy.requests.slice(before);
    expect(made.map((r) => [r.host, r.username])).toEqual([
      ['127.0.0.1', 'probe'],
      ['127.0.0.1', 'probe'],
    ]);
    const everything = [
      run.summary,
      JSON.stringify(report),
      JSON.stringify(run.outputs),
      JSON.stringify(run.annotations),
      run.logs.join('\n'),
      run.failed.join('\n'),
    ].join('\n');
    expect(everything).not.toContain(PASSWORD);
  });

  it('with a proxy that refuses the credentials: one smtp-proxy-failed error, no password anywhere', async () => {
    await harness.environment({
      issues: 'false',
      state: 'none',
      'smtp-proxy': `socks5://probe:wrong-${PASSWORD}@127.0.0.1:${proxy.port}`,
    });
    vi.stubEnv('RUNNER_ENVIRONMENT', 'github-hosted');
    const run = await harness.runAction({ setSecret: () => undefined });
    const report = await reportOf(run);
    expect(report.runFindings.map((f) => f.code)).toEqual(['smtp-proxy-failed']);
    expect(report.runFindings[0]?.message).toMatch(
      /socks5:\/\/127\.0\.0\.1:\d+: Socks5 Authentication failed/,
    );
    expect(report.domains.map((d) => d.status)).toEqual(['incomplete', 'incomplete']);
    expect(run.result.exitCode).toBe(1);
    expect([run.summary, JSON.stringify(report), run.failed.join('\n')].join('\n')).not.toContain(PASSWORD);
  });

  it('refuses a bad smtp-proxy before any check, quoting it without the password', async () => {
    await harness.environment({ 'smtp-proxy': `socks5h://probe:${PASSWORD}@127.0.0.1:1080` });
    const run = await harness.runAction({ setSecret: () => undefined });
    expect(run.result.exitCode).toBe(1);
    expect(run.failed.join('\n')).toMatch(
      /Input "smtp-proxy" has the value "socks5h:\/\/\*\*\*@127\.0\.0\.1:1080"/,
    );
    expect([run.summary, run.failed.join('\n'), run.logs.join('\n')].join('\n')).not.toContain(PASSWORD);
  });
});
