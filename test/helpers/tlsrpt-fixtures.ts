/**
 * Synthetic TLS-RPT reports (RFC 8460 §4.4), written from the RFC's field list: never copied from real reports.
 * `tlsrptReport()` builds one RFC-shaped report; `sampleCorpus()` builds a reproducible corpus of many.
 */

export type JsonObject = Record<string, unknown>;

export const REPORT_DOMAIN = 'example.com';
export const LIVE_POLICY_LINES = [
  'version: STSv1',
  'mode: enforce',
  'mx: mx1.example.com',
  'mx: mx2.example.com',
  'max_age: 604800',
];
export const OLD_POLICY_LINES = ['version: STSv1', 'mode: testing', 'mx: mx1.example.com', 'max_age: 86400'];

export interface ReportOptions {
  organization?: string;
  reportId?: string;
  start?: string;
  end?: string;
  domain?: string;
  policyString?: readonly string[];
  successful?: number;
  failed?: number;
  failures?: readonly JsonObject[];
}

/** A failure-details entry. */
export function failure(
  resultType: string,
  sessions: number,
  mx = 'mx1.example.com',
  extra: JsonObject = {},
): JsonObject {
  return {
    'result-type': resultType,
    'sending-mta-ip': '192.0.2.10',
    'receiving-mx-hostname': mx,
    'receiving-ip': '198.51.100.25',
    'failed-session-count': sessions,
    ...extra,
  };
}

/** An RFC 8460 §4.4 report with one policy entry; every field can be changed after the fact. */
export function tlsrptReport(options: ReportOptions = {}): JsonObject {
  const {
    organization = 'Sender One',
    reportId = 'report-1',
    start = '2026-05-30T00:00:00Z',
    end = '2026-05-30T23:59:59Z',
    domain = REPORT_DOMAIN,
    policyString = LIVE_POLICY_LINES,
    successful = 100,
    failed = 0,
    failures = [],
  } = options;
  return {
    'organization-name': organization,
    'date-range': { 'start-datetime': start, 'end-datetime': end },
    'contact-info': 'tlsrpt@sender.example',
    'report-id': reportId,
    policies: [
      {
        policy: {
          'policy-type': 'sts',
          'policy-string': [...policyString],
          'policy-domain': domain,
          'mx-host': ['mx1.example.com', 'mx2.example.com'],
        },
        summary: { 'total-successful-session-count': successful, 'total-failure-session-count': failed },
        'failure-details': [...failures],
      },
    ],
  };
}

/** Deterministic pseudo-random numbers (a small LCG), so the corpus is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const ORGS = ['Sender One', 'Sender Two', 'Sender Three', 'Sender Four', 'Sender Five'];
const DOMAINS = ['example.com', 'example.net', 'example.org'];
const RESULT_TYPES = [
  'certificate-expired',
  'starttls-not-supported',
  'certificate-host-mismatch',
  'validation-failure',
];

/**
 * `count` daily reports from five senders for three domains over the days before `end` (issue #10 closing note:
 * "a sample corpus of your own"). One sender in five still applies OLD_POLICY_LINES; mx2 of example.net fails.
 */
export function sampleCorpus(count = 30, end = new Date('2026-06-01T00:00:00Z'), seed = 8460): JsonObject[] {
  const rand = lcg(seed);
  const reports: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const organization = ORGS[i % ORGS.length] ?? 'Sender One';
    const domain = DOMAINS[Math.floor(i / ORGS.length) % DOMAINS.length] ?? 'example.com';
    const day = new Date(end.getTime() - (1 + (i % 7)) * 86_400_000);
    const date = day.toISOString().slice(0, 10);
    const successful = 200 + Math.floor(rand() * 800);
    const failures: JsonObject[] = [];
    if (domain === 'example.net' && rand() < 0.8) {
      const resultType = RESULT_TYPES[Math.floor(rand() * RESULT_TYPES.length)] ?? 'certificate-expired';
      failures.push(failure(resultType, 1 + Math.floor(rand() * 40), 'mx2.example.net'));
    }
    const failed = failures.reduce((n, f) => n + Number(f['failed-session-count']), 0);
    reports.push(
      tlsrptReport({
        organization,
        reportId: `${date}-${domain}-${i}`,
        start: `${date}T00:00:00Z`,
        end: `${date}T23:59:59Z`,
        domain,
        policyString: (organization === 'Sender Five' ? OLD_POLICY_LINES : LIVE_POLICY_LINES).map((l) =>
          l.replace('example.com', domain),
        ),
        successful,
        failed,
        failures,
      }),
    );
  }
  return reports;
}
