/**
 * One MX host judged as an RFC 8461 sender would (§4.2): STARTTLS offered, TLS 1.2 or later, a certificate that
 * chains to a trusted root, is in date and is valid for the MX host name, on every address that answers.
 */
import { classifyTls, daysUntil, describeTlsFault, type TlsFault } from './certificates.js';
import { listSome, MAX_ADDRESSES_PER_HOST, skippedAddresses } from './fan-out.js';
import { type FindingCode, makeFinding } from './findings.js';
import type { Policy } from './policy.js';
import type { Finding, MxHostObservation, MxTlsStatus, Severity, SmtpProbe } from './types.js';

export interface HostTls {
  readonly status: MxTlsStatus;
  /** false: a definite failure; true: passes; null: not known (timeouts, not checked). */
  readonly ok: boolean | null;
  readonly notAfter: string | null;
}

const FAULT_STATUS: Record<Exclude<TlsFault, 'ok'>, { status: MxTlsStatus; code: FindingCode }> = {
  'old-tls': { status: 'old-tls', code: 'mx-tls-old' },
  // A certificate no verifier can read is refused like an untrusted one (issue #11 item 1).
  'cert-malformed': { status: 'cert-untrusted', code: 'mx-cert-malformed' },
  'cert-expired': { status: 'cert-expired', code: 'mx-cert-expired' },
  'cert-not-yet-valid': { status: 'cert-expired', code: 'mx-cert-expired' },
  'cert-untrusted': { status: 'cert-untrusted', code: 'mx-cert-untrusted' },
  'name-mismatch': { status: 'name-mismatch', code: 'mx-cert-name-mismatch' },
};

/** Severity of a TLS fault on an MX: it blocks mail only where the policy enforces. */
export function tlsSeverity(mode: Policy['mode'] | null): Severity {
  if (mode === 'enforce') return 'error';
  if (mode === 'testing') return 'warning';
  return 'notice';
}

interface ProbeVerdict {
  readonly status: MxTlsStatus;
  readonly ok: boolean | null;
  readonly notAfter: string | null;
}

function judgeProbe(ctx: MxContext, probe: SmtpProbe, out: Finding[]): ProbeVerdict {
  const { domain: d, host, now, severity } = ctx;
  // A host no sender can talk to blocks mail whatever the mode: an error under enforce, else a warning.
  const deadSeverity: Severity = severity === 'error' ? 'error' : 'warning';
  const at = `${host} (${probe.address})`;
  const details = { host, observed: probe.address };
  switch (probe.outcome) {
    case 'blocked':
      out.push(makeFinding('address-blocked', d, `Not probed ${at}: ${probe.error}.`, details));
      return { status: 'not-checked', ok: null, notAfter: null };
    case 'proxy-failed':
      // Said once for the run (smtp-proxy-failed, issue #10 part 2): the proxy failed, not this host.
      return { status: 'not-checked', ok: null, notAfter: null };
    case 'timeout':
      if (probe.confirmed === true) {
        const message = `${at} accepted no SMTP dialogue, twice, while other MX hosts answered on port 25 (${probe.error}).`;
        out.push(makeFinding('mx-timeout-confirmed', d, message, { ...details, severity: deadSeverity }));
        return { status: 'no-smtp', ok: false, notAfter: null };
      }
      out.push(makeFinding('mx-timeout', d, `The SMTP probe of ${at} timed out (${probe.error}).`, details));
      return { status: 'unreachable', ok: null, notAfter: null };
    case 'unreachable':
      out.push(
        makeFinding(
          'mx-unreachable',
          d,
          `${at} does not accept connections on port 25: ${probe.error}.`,
          details,
        ),
      );
      return { status: 'unreachable', ok: null, notAfter: null };
    case 'protocol-error':
      // A host that takes the connection and then never completes the dialogue blocks the senders that pick it:
      // a fault, and part of the bounce verdict (issue #11 item 9).
      out.push(
        makeFinding('mx-smtp-error', d, `${at} did not speak SMTP as expected: ${probe.error}.`, {
          ...details,
          severity: deadSeverity,
        }),
      );
      return { status: 'no-smtp', ok: false, notAfter: null };
    case 'no-starttls':
      out.push(
        makeFinding(
          'mx-starttls-missing',
          d,
          `${at} does not offer STARTTLS, which RFC 8461 §4.2 requires.`,
          { ...details, severity },
        ),
      );
      return { status: 'no-starttls', ok: false, notAfter: null };
    case 'tls-failed':
      out.push(
        makeFinding('mx-tls-failed', d, `The TLS handshake with ${at} failed: ${probe.error}.`, {
          ...details,
          severity,
        }),
      );
      return { status: 'tls-failed', ok: false, notAfter: null };
    case 'tls':
      break;
  }
  const notAfter = probe.tls.certificate?.notAfter ?? null;
  const fault = classifyTls(probe.tls, now);
  if (fault !== 'ok') {
    const { status, code } = FAULT_STATUS[fault];
    out.push(
      makeFinding(code, d, `${at}: ${describeTlsFault(fault, probe.tls, host)}.`, { ...details, severity }),
    );
    return { status, ok: false, notAfter };
  }
  if (notAfter !== null && daysUntil(notAfter, now) < ctx.warningDays) {
    out.push(
      makeFinding(
        'mx-cert-expiring',
        d,
        `The certificate of ${at} expires on ${notAfter}, in ${daysUntil(notAfter, now)} days.`,
        { host, expected: `more than ${ctx.warningDays} days`, observed: notAfter },
      ),
    );
  }
  return { status: 'ok', ok: true, notAfter };
}

export interface MxContext {
  readonly domain: string;
  readonly host: string;
  readonly now: Date;
  readonly warningDays: number;
  readonly severity: Severity;
}

/** Combine the addresses of one host: one failing address fails the host, since a sender may pick it. */
export function judgeHost(ctx: MxContext, obs: MxHostObservation | undefined, out: Finding[]): HostTls {
  const { domain: d, host } = ctx;
  if (obs === undefined || obs.addresses.status === 'unknown') {
    const reason = obs?.addresses.status === 'unknown' ? obs.addresses.reason : 'not looked up';
    out.push(
      makeFinding('mx-host-unknown', d, `The address lookup of MX host ${host} failed (${reason}).`, {
        host,
      }),
    );
    return { status: 'not-checked', ok: null, notAfter: null };
  }
  if (obs.addresses.status === 'absent') {
    out.push(
      makeFinding(
        'mx-host-missing',
        d,
        `MX host ${host} has no A or AAAA record, so no sender can deliver to it.`,
        { host },
      ),
    );
    return { status: 'unreachable', ok: null, notAfter: null };
  }
  if (obs.smtp === null) return { status: 'not-checked', ok: null, notAfter: null };
  const skipped = skippedAddresses(obs.addresses);
  if (skipped.length > 0) {
    const message = `MX host ${host} has ${obs.addresses.value.length} addresses; only ${MAX_ADDRESSES_PER_HOST} were probed, not ${listSome(skipped)}.`;
    out.push(
      makeFinding('addresses-truncated', d, message, { host, observed: String(obs.addresses.value.length) }),
    );
  }
  const verdicts = obs.smtp.map((probe) => judgeProbe(ctx, probe, out));
  // A TLS fault fails the host: a sender may pick that address, and must not deliver there.
  const failed = verdicts.find((v) => v.ok === false && v.status !== 'no-smtp');
  const notAfters = verdicts
    .map((v) => v.notAfter)
    .filter((n): n is string => n !== null)
    .sort();
  const notAfter = notAfters[0] ?? null;
  if (failed !== undefined) return { status: failed.status, ok: false, notAfter };
  // An address that refuses connections, or never completes a greeting, is skipped by senders, who try the next
  // one (RFC 5321 §5.1).
  if (verdicts.some((v) => v.ok === true)) return { status: 'ok', ok: true, notAfter };
  // No address passes: the host is dead when every address is (issue #11 item 9), unknown while one is unknown.
  if (verdicts.length > 0 && verdicts.every((v) => v.status === 'no-smtp')) {
    return { status: 'no-smtp', ok: false, notAfter };
  }
  const unknown = verdicts.find((v) => v.status !== 'no-smtp') ?? verdicts[0];
  return { status: unknown?.status ?? 'not-checked', ok: null, notAfter };
}
