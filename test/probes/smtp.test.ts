import { createServer, type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { SmtpProbe } from '../../src/core/types.js';
import {
  MAX_SMTP_LINE_BYTES,
  MAX_SMTP_REPLY_LINES,
  MAX_SMTP_SESSION_BYTES,
  SMTP_QUIT_GRACE_MS,
} from '../../src/probes/limits.js';
import { createSmtpProber, parseReplyLine, type SmtpProberOptions } from '../../src/probes/smtp.js';
import { parseReplyLine as parseReplyLineItself } from '../../src/probes/smtp-reply.js';
import { startSmtpServer, type SmtpServerOptions, type TestSmtpServer } from '../helpers/smtp-server.js';
import { daysFromNow, issueCertificate, testCa } from '../helpers/test-ca.js';
import { legacyCertificateReads } from '../helpers/tls-spy.js';

const MX = 'mx.example.test';
const goodCert = issueCertificate({ names: [MX] });
const running: TestSmtpServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** Starts a server with `serverOptions`, probes it once as `MX`, and times the probe. */
async function probe(
  serverOptions: SmtpServerOptions,
  proberOptions: SmtpProberOptions = {},
): Promise<{ result: SmtpProbe; ms: number; server: TestSmtpServer }> {
  const server = await startSmtpServer(serverOptions);
  running.push(server);
  const prober = createSmtpProber({
    port: server.port,
    ca: testCa.certPem,
    timeoutMs: 2_000,
    ...proberOptions,
  });
  const started = performance.now();
  const result = await prober(MX, '127.0.0.1');
  return { result, ms: performance.now() - started, server };
}

function tlsOf(result: SmtpProbe): Extract<SmtpProbe, { outcome: 'tls' }>['tls'] {
  if (result.outcome !== 'tls') throw new Error(`expected a TLS outcome, got ${JSON.stringify(result)}`);
  return result.tls;
}

describe('smtp.ts', () => {
  it('re-exports parseReplyLine, whose table test lives in smtp-reply.test.ts', () => {
    expect(parseReplyLine).toBe(parseReplyLineItself);
  });
});

describe('createSmtpProber: STARTTLS observed', () => {
  it('completes STARTTLS with a valid certificate and records banner, protocol and trust', async () => {
    const banner = [`${MX} ESMTP ready`, 'second greeting line'];
    const { result, server, ms } = await probe({ certificate: goodCert, banner });
    expect(result).toMatchObject({ address: '127.0.0.1', outcome: 'tls', banner: `${MX} ESMTP ready` });
    expect(tlsOf(result)).toMatchObject({
      protocol: 'TLSv1.3',
      chainTrusted: true,
      verifyError: null,
      nameMatches: true,
    });
    expect(tlsOf(result).certificate?.dnsNames).toEqual([MX]);
    expect(server.servernames).toEqual([MX]);
    expect(server.commands).toEqual(['EHLO mta-sts-drift.invalid', 'STARTTLS', 'QUIT']);
    expect(server.connections).toBe(1);
    // The server answered QUIT and closed, so the probe did not wait out the grace period.
    expect(ms).toBeLessThan(SMTP_QUIT_GRACE_MS);
  });

  it("reads Node's legacy certificate object once, for the DANE chain, not twice (issue #9 item 4)", async () => {
    // tls.connect() would build it after every verified handshake for a name check the probe does itself.
    const { result, reads } = await legacyCertificateReads(async () => [
      tlsOf((await probe({ certificate: goodCert })).result),
      tlsOf((await probe({ certificate: issueCertificate({ names: ['other.test'] }) })).result),
    ]);
    expect(reads).toBe(2);
    expect(result.map((t) => [t.chainTrusted, t.verifyError, t.nameMatches, t.daneChain?.length])).toEqual([
      [true, null, true, 1],
      [true, null, false, 1],
    ]);
  });

  it('sends the configured EHLO name', async () => {
    const { server } = await probe({ certificate: goodCert }, { ehloName: 'probe.example.test' });
    expect(server.commands[0]).toBe('EHLO probe.example.test');
  });

  it('records a server that does not offer STARTTLS, and says goodbye', async () => {
    const { result, server } = await probe({ banner: 'plain.example.test ESMTP' });
    expect(result).toEqual({
      address: '127.0.0.1',
      outcome: 'no-starttls',
      banner: 'plain.example.test ESMTP',
    });
    expect(server.commands).toEqual(['EHLO mta-sts-drift.invalid', 'QUIT']);
  });

  it('caps a long banner at 512 characters', async () => {
    const { result } = await probe({ banner: 'b'.repeat(1_500) });
    expect(result.outcome === 'no-starttls' && result.banner).toBe('b'.repeat(512));
  });

  it.each([
    {
      fault: 'expired',
      certificate: issueCertificate({ names: [MX], notAfter: daysFromNow(-1) }),
      expected: { chainTrusted: false, verifyError: 'CERT_HAS_EXPIRED', nameMatches: true },
    },
    {
      fault: 'self-signed',
      certificate: issueCertificate({ names: [MX], selfSigned: true }),
      expected: { chainTrusted: false, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT', nameMatches: true },
    },
    {
      fault: 'untrusted CA',
      certificate: issueCertificate({ names: [MX], issuer: 'other-ca' }),
      expected: { chainTrusted: false, verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', nameMatches: true },
    },
    {
      fault: 'wrong name',
      certificate: issueCertificate({ names: ['mail.elsewhere.test'] }),
      expected: { chainTrusted: true, verifyError: null, nameMatches: false },
    },
  ])('observes a $fault certificate instead of refusing it', async ({ certificate, expected }) => {
    const { result } = await probe({ certificate });
    expect(tlsOf(result)).toMatchObject({ protocol: 'TLSv1.3', ...expected });
  });

  it('observes a certificate with an empty subject, judged by its SANs, not as an SMTP error (issue #11 item 1)', async () => {
    const { result } = await probe({ certificate: issueCertificate({ names: [MX], commonName: null }) });
    expect(tlsOf(result)).toMatchObject({ chainTrusted: true, verifyError: null, nameMatches: true });
    expect(tlsOf(result).certificate).toMatchObject({ subject: '', dnsNames: [MX] });
  });

  it('observes a certificate with a malformed validity date, not as an SMTP error (issue #11 item 1)', async () => {
    const certificate = issueCertificate({
      names: [MX],
      rawValidity: { notBefore: [0x17, 'abcdefghijklm'] },
    });
    const { result } = await probe({ certificate });
    expect(tlsOf(result)).toMatchObject({
      chainTrusted: false,
      verifyError: 'ERROR_IN_CERT_NOT_BEFORE_FIELD',
      certificateProblems: [expect.stringContaining('notBefore')],
    });
  });

  it('observes TLS 1.1 rather than refusing it, so the core can flag it', async () => {
    const tls = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const;
    const { result } = await probe({ certificate: goodCert, tls });
    expect(tlsOf(result)).toMatchObject({ protocol: 'TLSv1.1', chainTrusted: true, nameMatches: true });
  });

  it('observes TLS 1.2', async () => {
    const { result } = await probe({ certificate: goodCert, tls: { maxVersion: 'TLSv1.2' } });
    expect(tlsOf(result).protocol).toBe('TLSv1.2');
  });

  it('tolerates slow replies that fit in the deadline', async () => {
    const { result } = await probe({ certificate: goodCert, replyDelayMs: 50 }, { timeoutMs: 1_500 });
    expect(result.outcome).toBe('tls');
  });
});

describe('createSmtpProber: failures are data', () => {
  it('reports a refused connection as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const result = await createSmtpProber({ port, timeoutMs: 1_000 })(MX, '127.0.0.1');
    expect(result).toMatchObject({ address: '127.0.0.1', outcome: 'unreachable' });
    expect(result.outcome === 'unreachable' && result.error).toContain('ECONNREFUSED');
  });

  it('reports a refused STARTTLS as tls-failed with the reply', async () => {
    const { result } = await probe({ misbehaviour: 'reject-starttls' });
    expect(result).toMatchObject({ outcome: 'tls-failed', banner: 'mx.test ESMTP test server' });
    expect(result.outcome === 'tls-failed' && result.error).toContain('454 4.7.0');
  });

  it('reports a handshake that fails after STARTTLS as tls-failed', async () => {
    const { result } = await probe({ misbehaviour: 'broken-tls' });
    expect(result).toMatchObject({ outcome: 'tls-failed', banner: 'mx.test ESMTP test server' });
  });

  it.each([
    { misbehaviour: 'garbage', error: 'not an SMTP reply' },
    { misbehaviour: 'bad-greeting', error: '554 5.3.2' },
    { misbehaviour: 'long-line', error: `longer than ${MAX_SMTP_LINE_BYTES} bytes` },
    { misbehaviour: 'endless-banner', error: `longer than ${MAX_SMTP_REPLY_LINES} lines` },
  ] as const)('reports $misbehaviour as a protocol error, well before the deadline', async (c) => {
    const { result, ms } = await probe({ misbehaviour: c.misbehaviour }, { timeoutMs: 1_500 });
    expect(result.outcome).toBe('protocol-error');
    expect(result.outcome === 'protocol-error' && result.error).toContain(c.error);
    expect(ms).toBeLessThan(1_000);
  });

  it('stops reading after 64 KiB in one session', async () => {
    const banner = Array.from({ length: 40 }, () => 'x'.repeat(2_000));
    const { result } = await probe({ banner });
    expect(result.outcome === 'protocol-error' && result.error).toContain(`${MAX_SMTP_SESSION_BYTES} bytes`);
  });

  it('times out a server that accepts and says nothing', async () => {
    const { result, ms } = await probe({ misbehaviour: 'silent' }, { timeoutMs: 500 });
    expect(result).toEqual({
      address: '127.0.0.1',
      outcome: 'timeout',
      error: 'no answer within 500 ms (greeting)',
    });
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(1_000);
  });

  it('times out replies that are each slow, with one overall deadline', async () => {
    // Each reply comes within 300 ms, so a per-read timeout of 500 ms would never fire.
    const { result, ms } = await probe({ certificate: goodCert, replyDelayMs: 300 }, { timeoutMs: 500 });
    expect(result).toMatchObject({ outcome: 'timeout' });
    expect(result.outcome === 'timeout' && result.error).toContain('EHLO');
    expect(ms).toBeLessThan(1_000);
  });

  it('keeps the banner when the greeting came before the deadline', async () => {
    // The greeting comes at 300 ms, the EHLO reply would come at 600 ms: the deadline falls between them.
    const { result } = await probe({ certificate: goodCert, replyDelayMs: 300 }, { timeoutMs: 500 });
    expect(result).toEqual({
      address: '127.0.0.1',
      outcome: 'timeout',
      error: 'no answer within 500 ms (EHLO)',
      banner: 'mx.test ESMTP test server',
    });
  });

  it('has no banner when the greeting never ended', async () => {
    const { result } = await probe({ misbehaviour: 'endless-banner' }, { timeoutMs: 100 });
    expect(result).toMatchObject({ outcome: 'timeout', error: 'no answer within 100 ms (greeting)' });
    expect(result).not.toHaveProperty('banner');
  });

  it('says it heard the server when a greeting that never ends times out (issue #11 item 9)', async () => {
    const { result } = await probe({ misbehaviour: 'slow-endless-banner' }, { timeoutMs: 300 });
    expect(result).toEqual({
      address: '127.0.0.1',
      outcome: 'timeout',
      error: 'no answer within 300 ms (greeting)',
      heard: true,
    });
  });

  it('does not say it heard a server that said nothing', async () => {
    const { result } = await probe({ misbehaviour: 'silent' }, { timeoutMs: 100 });
    expect(result).not.toHaveProperty('heard');
  });

  it('times out a banner that never ends when lines come slowly', async () => {
    const { result, ms } = await probe({ misbehaviour: 'endless-banner' }, { timeoutMs: 100 });
    expect(result.outcome).toBe('timeout');
    expect(ms).toBeLessThan(600);
  });

  it('destroys its sockets: the server sees every connection closed', async () => {
    const { server } = await probe({ misbehaviour: 'silent' }, { timeoutMs: 200 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.openConnections).toBe(0);
  });
});
