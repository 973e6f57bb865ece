/**
 * One HTTPS fetch of the policy, judged as an RFC 8461 sender would (§3.3): the connection, then the certificate
 * (valid for mta-sts.<domain>, trusted, in date), then the HTTP answer (200, text/plain, at most 64 KiB).
 */
import { classifyTls, daysUntil, describeTlsFault, type TlsFault } from './certificates.js';
import { listSome, MAX_ADDRESSES_PER_HOST, skippedAddresses } from './fan-out.js';
import { type FindingCode, makeFinding } from './findings.js';
import { quote } from './problems.js';
import type { Finding, Lookup, PolicyFetch } from './types.js';

type Response = Extract<PolicyFetch, { outcome: 'response' }>;

export interface FetchContext {
  readonly domain: string;
  /** `mta-sts.<domain>` */
  readonly host: string;
  readonly now: Date;
  readonly warningDays: number;
}

const TLS_CODES: Record<Exclude<TlsFault, 'ok'>, FindingCode> = {
  'old-tls': 'policy-fetch-failed',
  'cert-malformed': 'policy-cert-malformed',
  'cert-expired': 'policy-cert-expired',
  'cert-not-yet-valid': 'policy-cert-not-yet-valid',
  'cert-untrusted': 'policy-cert-untrusted',
  'name-mismatch': 'policy-cert-name-mismatch',
};

/** Failures before any HTTP answer; null when there is a response to judge. */
function judgeTransport(ctx: FetchContext, fetch: PolicyFetch): Finding | null {
  const at = `${ctx.host} (${fetch.address})`;
  const details = { host: ctx.host, observed: fetch.address };
  switch (fetch.outcome) {
    case 'blocked':
      return makeFinding('address-blocked', ctx.domain, `Not fetched from ${at}: ${fetch.error}.`, details);
    case 'timeout':
      return makeFinding(
        'policy-fetch-timeout',
        ctx.domain,
        `Fetching the policy from ${at} timed out (${fetch.error}).`,
        details,
      );
    case 'unreachable':
    case 'tls-failed':
      return makeFinding(
        'policy-fetch-failed',
        ctx.domain,
        `Fetching the policy from ${at} failed: ${fetch.error}.`,
        details,
      );
    case 'response':
      return null;
  }
}

/** The certificate: a fault stops senders; one close to expiry is a warning. */
function judgeCertificate(ctx: FetchContext, fetch: Response, out: Finding[]): boolean {
  const fault = classifyTls(fetch.tls, ctx.now);
  if (fault !== 'ok') {
    const why = describeTlsFault(fault, fetch.tls, ctx.host);
    const message = `Senders cannot fetch the policy from ${ctx.host} (${fetch.address}): ${why}.`;
    out.push(makeFinding(TLS_CODES[fault], ctx.domain, message, { host: ctx.host, observed: fetch.address }));
    return false;
  }
  const notAfter = fetch.tls.certificate?.notAfter ?? null;
  if (notAfter !== null && daysUntil(notAfter, ctx.now) < ctx.warningDays) {
    const message = `The certificate of ${ctx.host} expires on ${notAfter}, in ${daysUntil(notAfter, ctx.now)} days.`;
    const details = { host: ctx.host, expected: `more than ${ctx.warningDays} days`, observed: notAfter };
    out.push(makeFinding('policy-cert-expiring', ctx.domain, message, details));
  }
  return true;
}

/** The HTTP answer: only a direct 200 with text/plain within 64 KiB is a policy. */
function judgeAnswer(ctx: FetchContext, fetch: Response): Finding | null {
  const at = `${ctx.host} (${fetch.address})`;
  const status = { host: ctx.host, expected: '200', observed: String(fetch.statusCode) };
  if (fetch.statusCode >= 300 && fetch.statusCode < 400) {
    const message = `${at} answers ${fetch.statusCode} redirecting to ${quote(fetch.location ?? '')}; senders do not follow redirects (RFC 8461 §3.3).`;
    return makeFinding('policy-redirect', ctx.domain, message, status);
  }
  if (fetch.statusCode !== 200) {
    const message = `${at} answers HTTP ${fetch.statusCode} for the policy; only 200 counts (RFC 8461 §3.3).`;
    return makeFinding('policy-http-status', ctx.domain, message, status);
  }
  const mediaType = (fetch.contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'text/plain') {
    const message = `${at} serves the policy as ${quote(fetch.contentType ?? 'no Content-Type')}, not text/plain (RFC 8461 §3.2).`;
    return makeFinding('policy-content-type', ctx.domain, message, {
      host: ctx.host,
      expected: 'text/plain',
      observed: fetch.contentType ?? '',
    });
  }
  if (fetch.truncated) {
    const message = `${at} serves a policy body over 64 KiB (RFC 8461 §3.3 limit).`;
    return makeFinding('policy-too-large', ctx.domain, message, { host: ctx.host, observed: fetch.address });
  }
  return null;
}

/** The body if a sender would accept this fetch, else null with the reason added to `out`. */
export function judgePolicyFetch(ctx: FetchContext, fetch: PolicyFetch, out: Finding[]): string | null {
  const transport = judgeTransport(ctx, fetch);
  if (transport !== null || fetch.outcome !== 'response') {
    if (transport !== null) out.push(transport);
    return null;
  }
  if (!judgeCertificate(ctx, fetch, out)) return null;
  const answer = judgeAnswer(ctx, fetch);
  if (answer !== null) {
    out.push(answer);
    return null;
  }
  return fetch.body ?? '';
}

/** The policy host's addresses left out by the cap (issue #11 item 6), as a finding in `out`. */
export function judgePolicyAddresses(
  ctx: Pick<FetchContext, 'domain' | 'host'>,
  addresses: Lookup<readonly string[]>,
  out: Finding[],
): void {
  const skipped = skippedAddresses(addresses);
  if (skipped.length === 0 || addresses.status !== 'ok') return;
  const count = addresses.value.length;
  const message = `${ctx.host} has ${count} addresses; the policy was fetched from ${MAX_ADDRESSES_PER_HOST} of them, not from ${listSome(skipped)}.`;
  out.push(
    makeFinding('addresses-truncated', ctx.domain, message, { host: ctx.host, observed: String(count) }),
  );
}
