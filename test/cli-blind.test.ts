/**
 * The CLI over loopback servers for issue #10: blind runs exit 1 (SERVFAIL, timeouts), NXDOMAIN is named, skipped
 * checks read "incomplete", and --smtp-proxy probes through a SOCKS5 server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/check.js';
import { startSocksServer, type TestSocksServer } from './helpers/socks-server.js';
import { policy, startActionWorld, type ActionWorld } from './fixtures/action/world.js';
import { runCliCaptured } from './helpers/run-cli.js';

let world: ActionWorld;
let proxy: TestSocksServer;
const NAMES = (d: string) => [d, `_mta-sts.${d}`, `_smtp._tls.${d}`, `mta-sts.${d}`, `mx.${d}`];

beforeAll(async () => {
  world = await startActionWorld(
    ['one.test', 'two.test'].map((name) => ({ name, id: '1', policy: policy('enforce', [`mx.${name}`]) })),
  );
  proxy = await startSocksServer();
});
afterAll(async () => {
  await Promise.all([world.close(), proxy.close()]);
});
beforeEach(() => world.dns.update({ behaviour: {} }));

async function cli(...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { dnsServers, httpsPort, smtpPort, ca } = world.probes;
  const args = ['check', '--dns-server', dnsServers[0] ?? '', '--https-port', String(httpsPort)];
  args.push('--smtp-port', String(smtpPort), '--allow-private-addresses', '--domain', 'one.test');
  // DANE (issue #7) is off here: the loopback resolver does not validate, and these tests count run findings.
  args.push('--domain', 'two.test', '--dane', 'false', ...extra);
  return runCliCaptured(args, { ca });
}

describe('mta-sts-drift check when it cannot observe (issue #10 part 3)', () => {
  it('exits 0 with every domain ok when DNS answers', async () => {
    const { code, stdout } = await cli('--json');
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.domains.map((d) => d.status)).toEqual(['ok', 'ok']);
    expect(code).toBe(0);
  });

  it('exits 1 with one dns-unavailable error when every lookup is SERVFAIL', async () => {
    const names = [...NAMES('one.test'), ...NAMES('two.test')];
    world.dns.update({ behaviour: Object.fromEntries(names.map((n) => [n, 'servfail' as const])) });
    const { code, stdout } = await cli();
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^this run\n {2}error {3}dns-unavailable {2}8 of 8 DNS lookups failed or timed out/m,
    );
    expect(stdout).toMatch(/2 domain\(s\): 1 error\(s\)/);
  });

  it('exits 1 when the lookups time out, within the DNS deadline', async () => {
    const names = [...NAMES('one.test'), ...NAMES('two.test')];
    world.dns.update({ behaviour: Object.fromEntries(names.map((n) => [n, 'timeout' as const])) });
    const started = Date.now();
    const { code, stdout } = await cli('--json', '--timeout', '1');
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.runFindings.map((f) => f.code)).toEqual(['dns-unavailable']);
    expect(report.runFindings[0]?.message).toMatch(/ETIMEOUT/);
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stays green with fail-on never, but still reports the blind run', async () => {
    world.dns.update({
      behaviour: Object.fromEntries(NAMES('one.test').map((n) => [n, 'servfail' as const])),
    });
    // one.test blind (4 lookups, its MX unknown), two.test fine (5): 4 of 9 is not more than half.
    const partial = JSON.parse((await cli('--json')).stdout) as CheckReport;
    expect(partial.runFindings).toEqual([]);
    world.dns.update({
      behaviour: Object.fromEntries(
        [...NAMES('one.test'), ...NAMES('two.test')].map((n) => [n, 'servfail' as const]),
      ),
    });
    const { code, stdout } = await cli('--json', '--fail-on', 'never');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as CheckReport).runFindings).toHaveLength(1);
  });

  it('names a domain that does not exist', async () => {
    const { code, stdout } = await cli('--json', '--domain', 'typo.test');
    const typo = (JSON.parse(stdout) as CheckReport).domains.find((d) => d.domain === 'typo.test');
    expect(typo?.findings.map((f) => [f.code, f.severity])).toEqual([['domain-not-found', 'error']]);
    expect(code).toBe(1);
  });

  it('shows skipped MX TLS in the table, never a plain "ok"', async () => {
    const { code, stdout } = await cli('--check-mx-tls', 'false');
    expect(stdout).toMatch(/^one\.test +incomplete \(MX TLS not checked\) +unknown/m);
    expect(stdout).not.toMatch(/^one\.test +ok /m);
    expect(code).toBe(0);
  });
});

describe('mta-sts-drift check --smtp-proxy (issue #10 part 2)', () => {
  it('probes port 25 through the SOCKS5 proxy', async () => {
    const before = proxy.requests.length;
    const { code, stdout } = await cli('--json', '--smtp-proxy', `socks5://127.0.0.1:${proxy.port}`);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.domains.map((d) => d.mx[0]?.tls)).toEqual(['ok', 'ok']);
    expect(proxy.requests.length - before).toBe(2);
    expect(code).toBe(0);
  });

  it('refuses a bad proxy URL with exit 2, without repeating the password', async () => {
    const { code, stderr } = await cli('--smtp-proxy', 'socks5://me:t0p-s3cret@127.0.0.1');
    expect(code).toBe(2);
    expect(stderr).toContain('mta-sts-drift check: --smtp-proxy: "socks5://***@127.0.0.1" has no port');
    expect(stderr).not.toContain('t0p-s3cret');
  });
});
