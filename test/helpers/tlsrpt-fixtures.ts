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

export interface MessageOptions {
  /** The report part's media type (default application/tlsrpt+gzip). */
  mediaType?: string;
  filename?: string;
  /** Extra report parts, each with its own body. */
  more?: readonly Uint8Array[];
  /** The report-type parameter of multipart/report (default tlsrpt). */
  reportType?: string;
}

/** Base64 in 76-character lines (RFC 2045 §6.8). */
function base64Lines(data: Uint8Array): string {
  return (
    Buffer.from(data)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

/**
 * An RFC 8460 §5.3 message: multipart/report; report-type="tlsrpt", a text/plain part, then the report part
 * (gzip'd JSON by default), base64-encoded, with the TLS-Report-Domain and TLS-Report-Submitter headers.
 */
export function tlsrptMessage(body: Uint8Array, options: MessageOptions = {}): string {
  const {
    mediaType = 'application/tlsrpt+gzip',
    filename = 'sender.example!example.com!1780099200!1780185599.json.gz',
    more = [],
    reportType = 'tlsrpt',
  } = options;
  const boundary = '----=_report_boundary_1';
  const part = (data: Uint8Array, name: string): string[] => [
    `--${boundary}`,
    `Content-Type: ${mediaType}`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(data),
  ];
  return [
    'From: tlsrpt@sender.example',
    'To: reports@example.com',
    'Subject: Report Domain: example.com Submitter: sender.example Report-ID: <report-1@sender.example>',
    'Date: Sun, 31 May 2026 01:00:00 +0000',
    'Message-ID: <report-1@sender.example>',
    'TLS-Report-Domain: example.com',
    'TLS-Report-Submitter: sender.example',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type="${reportType}"; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is an aggregate TLS report from sender.example.',
    ...part(body, filename),
    ...more.flatMap((m, i) => part(m, `extra-${i}.json.gz`)),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
