/**
 * TLS-RPT aggregate reports, RFC 8460 §4.4: JSON in, a typed and bounded report out (issue #10 item 1). Pure.
 *
 * Real reporters stray from the RFC in small ways; each tolerated variation is named in `TolerationCode` and
 * recorded on the report, so a test can pin it and `reports --json` can show it. Everything else that is wrong
 * rejects the report with a reason naming the field and the form expected. Every array and string is bounded:
 * a report is untrusted input from anyone who can send mail to the rua address.
 */
import { dateTime, object, Reader, ReportFormatError } from './tlsrpt-json.js';

/** Bounds on one report (issue #10 item 1: "bound everything"). */
export const TLSRPT_LIMITS = {
  /** JSON text of one report, after decompression. Large reporters send a few hundred KiB at most. */
  maxJsonBytes: 8 * 1024 * 1024,
  /** Entries of `policies`. */
  maxPolicies: 1000,
  /** Entries of `failure-details` in one policy entry (one per sending IP and reason at most). */
  maxFailureDetails: 10_000,
  /** Lines of `policy-string` (a policy of 1,000 MX lines is already absurd). */
  maxPolicyStrings: 1000,
  /** Entries of `mx-host`. */
  maxMxHosts: 1000,
  /** Characters kept of any one string; longer ones are cut and marked. */
  maxString: 512,
} as const;

/** Deviations from RFC 8460 §4.4 that real reporters send and that are read all the same. */
export type TolerationCode =
  /** A session count given as a JSON string of digits, e.g. "12". */
  | 'count-as-string'
  /** `failure-details` absent (the RFC lists it as optional when nothing failed, some omit it always). */
  | 'failure-details-missing'
  /** `policy-string` absent (required for sts and tlsa by §4.4; senders on `no-policy-found` omit it). */
  | 'policy-string-missing'
  /** `mx-host` a single string, as in the RFC's own example in §4.5, instead of an array. */
  | 'mx-host-string'
  /** MX names in upper case or with a trailing dot; compared lower-cased without the dot. */
  | 'mx-name-normalised'
  /** `contact-info` absent. */
  | 'contact-info-missing'
  /** `policy-type` in another case, e.g. "STS". */
  | 'policy-type-case'
  /** `summary` absent, a count missing from it, or a failure detail without `failed-session-count`: counted as 0. */
  | 'count-missing'
  /** A string longer than TLSRPT_LIMITS.maxString, cut. */
  | 'string-truncated'
  /** A policy entry without a usable `policy-domain`, skipped. */
  | 'policy-entry-skipped';

export type PolicyType = 'sts' | 'tlsa' | 'no-policy-found';

export interface TlsRptFailure {
  /** RFC 8460 §4.3 result type, lower case (unknown types are kept as given, bounded). */
  readonly resultType: string;
  /** Lower case, no trailing dot; null when absent. */
  readonly receivingMx: string | null;
  readonly receivingIp: string | null;
  readonly sendingMtaIp: string | null;
  readonly sessions: number;
  readonly reasonCode: string | null;
  readonly additionalInformation: string | null;
}

export interface TlsRptPolicy {
  /** sts, tlsa or no-policy-found (PolicyType); an unknown type is kept lower-cased as given. */
  readonly policyType: string;
  /** Lower case, no trailing dot. */
  readonly policyDomain: string;
  /** The policy as the sender applied it; null when absent. */
  readonly policyString: readonly string[] | null;
  /** Lower case, no trailing dot. */
  readonly mxHosts: readonly string[];
  readonly successful: number;
  readonly failed: number;
  readonly failures: readonly TlsRptFailure[];
}

export interface TlsRptReport {
  readonly organization: string;
  readonly reportId: string;
  readonly contactInfo: string | null;
  /** ISO 8601, normalised to UTC with milliseconds. */
  readonly start: string;
  readonly end: string;
  readonly policies: readonly TlsRptPolicy[];
  /** The variations met while reading, each once, sorted. */
  readonly tolerated: readonly TolerationCode[];
}

export type ReportParse =
  { readonly ok: true; readonly report: TlsRptReport } | { readonly ok: false; readonly reason: string };

const POLICY_TYPES: readonly string[] = ['sts', 'tlsa', 'no-policy-found'];

function readFailure(r: Reader, value: unknown, where: string): TlsRptFailure {
  const f = object(value, where);
  const resultType = r.string(f['result-type'], `${where}.result-type`, true) ?? '';
  return {
    resultType: resultType.trim().toLowerCase(),
    receivingMx: r.hostName(f['receiving-mx-hostname'], `${where}.receiving-mx-hostname`),
    receivingIp: r.string(f['receiving-ip'], `${where}.receiving-ip`, false),
    sendingMtaIp: r.string(f['sending-mta-ip'], `${where}.sending-mta-ip`, false),
    sessions: r.count(f['failed-session-count'], `${where}.failed-session-count`),
    reasonCode: r.string(f['failure-reason-code'], `${where}.failure-reason-code`, false),
    additionalInformation: r.string(f['additional-information'], `${where}.additional-information`, false),
  };
}

function readMxHosts(r: Reader, value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  let list: unknown[];
  if (typeof value === 'string') {
    r.tolerate('mx-host-string');
    list = [value];
  } else {
    list = r.array(value, where, TLSRPT_LIMITS.maxMxHosts);
  }
  return list.map((m, i) => r.hostName(m, `${where}[${i}]`)).filter((m): m is string => m !== null);
}

function readPolicy(r: Reader, value: unknown, where: string): TlsRptPolicy | null {
  const entry = object(value, where);
  const p = object(entry['policy'], `${where}.policy`);
  const typeRaw = r.string(p['policy-type'], `${where}.policy.policy-type`, true) ?? '';
  const policyType = typeRaw.trim().toLowerCase();
  if (policyType !== typeRaw && POLICY_TYPES.includes(policyType)) r.tolerate('policy-type-case');
  const policyDomain = r.hostName(p['policy-domain'], `${where}.policy.policy-domain`);
  if (policyDomain === null) {
    r.tolerate('policy-entry-skipped');
    return null;
  }
  let policyString: string[] | null = null;
  if (p['policy-string'] === undefined || p['policy-string'] === null) {
    if (policyType !== 'no-policy-found') r.tolerate('policy-string-missing');
  } else {
    const lines = r.array(
      p['policy-string'],
      `${where}.policy.policy-string`,
      TLSRPT_LIMITS.maxPolicyStrings,
    );
    policyString = lines.map((l, i) => r.string(l, `${where}.policy.policy-string[${i}]`, true) ?? '');
  }
  const summary = entry['summary'] === undefined ? {} : object(entry['summary'], `${where}.summary`);
  let failures: TlsRptFailure[] = [];
  if (entry['failure-details'] === undefined || entry['failure-details'] === null) {
    r.tolerate('failure-details-missing');
  } else {
    const list = r.array(
      entry['failure-details'],
      `${where}.failure-details`,
      TLSRPT_LIMITS.maxFailureDetails,
    );
    failures = list.map((f, i) => readFailure(r, f, `${where}.failure-details[${i}]`));
  }
  return {
    policyType,
    policyDomain,
    policyString,
    mxHosts: readMxHosts(r, p['mx-host'], `${where}.policy.mx-host`),
    successful: r.count(
      summary['total-successful-session-count'],
      `${where}.summary.total-successful-session-count`,
    ),
    failed: r.count(summary['total-failure-session-count'], `${where}.summary.total-failure-session-count`),
    failures,
  };
}

/** Read one report from its parsed JSON value. */
export function readTlsRptReport(value: unknown): ReportParse {
  const r = new Reader(TLSRPT_LIMITS.maxString);
  try {
    const root = object(value, 'the report');
    const range = object(root['date-range'], 'date-range');
    const start = dateTime(r, range['start-datetime'], 'date-range.start-datetime');
    const end = dateTime(r, range['end-datetime'], 'date-range.end-datetime');
    if (Date.parse(end) < Date.parse(start)) throw new ReportFormatError('date-range ends before it starts');
    const organization = (r.string(root['organization-name'], 'organization-name', true) ?? '').trim();
    const reportId = (r.string(root['report-id'], 'report-id', true) ?? '').trim();
    if (organization === '') throw new ReportFormatError('organization-name is empty');
    if (reportId === '') throw new ReportFormatError('report-id is empty');
    const contactInfo = r.string(root['contact-info'], 'contact-info', false);
    if (contactInfo === null) r.tolerate('contact-info-missing');
    const list = r.array(root['policies'], 'policies', TLSRPT_LIMITS.maxPolicies);
    const policies = list
      .map((p, i) => readPolicy(r, p, `policies[${i}]`))
      .filter((p): p is TlsRptPolicy => p !== null);
    if (policies.length === 0) throw new ReportFormatError('policies has no entry with a policy-domain');
    return {
      ok: true,
      report: {
        organization,
        reportId,
        contactInfo,
        start,
        end,
        policies,
        tolerated: [...r.tolerated].sort(),
      },
    };
  } catch (error) {
    if (error instanceof ReportFormatError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Parse the JSON text of one report, bounded by TLSRPT_LIMITS.maxJsonBytes. */
export function parseTlsRptReport(text: string): ReportParse {
  if (Buffer.byteLength(text, 'utf8') > TLSRPT_LIMITS.maxJsonBytes) {
    return { ok: false, reason: `the report is larger than ${TLSRPT_LIMITS.maxJsonBytes} bytes` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  return readTlsRptReport(value);
}
