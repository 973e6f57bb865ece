import { describe, expect, it } from 'vitest';
import {
  parseTlsRptReport,
  readTlsRptReport,
  TLSRPT_LIMITS,
  type TlsRptReport,
} from '../../src/core/tlsrpt-report.js';
import { failure, type JsonObject, tlsrptReport } from '../helpers/tlsrpt-fixtures.js';

function read(value: unknown): TlsRptReport {
  const parsed = readTlsRptReport(value);
  if (!parsed.ok) throw new Error(`rejected: ${parsed.reason}`);
  return parsed.report;
}

function rejection(value: unknown): string {
  const parsed = readTlsRptReport(value);
  if (parsed.ok) throw new Error('accepted');
  return parsed.reason;
}

/** The single policy entry of a fixture report, to change in place. */
function entry(report: JsonObject): JsonObject {
  return (report['policies'] as JsonObject[])[0] as JsonObject;
}
function policyOf(report: JsonObject): JsonObject {
  return entry(report)['policy'] as JsonObject;
}

describe('readTlsRptReport: RFC 8460 §4.4 as written', () => {
  it('reads every field into the typed structure', () => {
    const report = read(
      tlsrptReport({
        failed: 3,
        failures: [
          failure('certificate-expired', 3, 'mx1.example.com', { 'failure-reason-code': 'X509_V_ERR' }),
        ],
      }),
    );
    expect(report).toMatchObject({
      organization: 'Sender One',
      reportId: 'report-1',
      contactInfo: 'tlsrpt@sender.example',
      start: '2026-05-30T00:00:00.000Z',
      end: '2026-05-30T23:59:59.000Z',
      tolerated: [],
    });
    expect(report.policies[0]).toEqual({
      policyType: 'sts',
      policyDomain: 'example.com',
      policyString: [
        'version: STSv1',
        'mode: enforce',
        'mx: mx1.example.com',
        'mx: mx2.example.com',
        'max_age: 604800',
      ],
      mxHosts: ['mx1.example.com', 'mx2.example.com'],
      successful: 100,
      failed: 3,
      failures: [
        {
          resultType: 'certificate-expired',
          receivingMx: 'mx1.example.com',
          receivingIp: '198.51.100.25',
          sendingMtaIp: '192.0.2.10',
          sessions: 3,
          reasonCode: 'X509_V_ERR',
          additionalInformation: null,
        },
      ],
    });
  });

  it('parses JSON text, with or without a byte-order mark', () => {
    const text = JSON.stringify(tlsrptReport());
    expect(parseTlsRptReport(text).ok).toBe(true);
    expect(parseTlsRptReport(`\uFEFF${text}`).ok).toBe(true);
    const bad = parseTlsRptReport('{"organization-name": ');
    expect(bad.ok ? '' : bad.reason).toMatch(/^not JSON: /);
  });
});

describe('readTlsRptReport: variations real reporters send (issue #10 item 1)', () => {
  it('count-as-string: session counts as strings of digits', () => {
    const r = tlsrptReport({ failures: [failure('starttls-not-supported', 0)] });
    entry(r)['summary'] = { 'total-successful-session-count': '120', 'total-failure-session-count': '7' };
    (entry(r)['failure-details'] as JsonObject[])[0]!['failed-session-count'] = '7';
    const report = read(r);
    expect(report.policies[0]).toMatchObject({ successful: 120, failed: 7 });
    expect(report.policies[0]?.failures[0]?.sessions).toBe(7);
    expect(report.tolerated).toContain('count-as-string');
  });

  it('failure-details-missing: no failure-details at all', () => {
    const r = tlsrptReport();
    delete entry(r)['failure-details'];
    const report = read(r);
    expect(report.policies[0]?.failures).toEqual([]);
    expect(report.tolerated).toEqual(['failure-details-missing']);
  });

  it('policy-string-missing: an sts entry without policy-string', () => {
    const r = tlsrptReport();
    delete policyOf(r)['policy-string'];
    const report = read(r);
    expect(report.policies[0]?.policyString).toBeNull();
    expect(report.tolerated).toEqual(['policy-string-missing']);
  });

  it('no-policy-found without policy-string is as the RFC allows, not a variation', () => {
    const r = tlsrptReport();
    policyOf(r)['policy-type'] = 'no-policy-found';
    delete policyOf(r)['policy-string'];
    delete policyOf(r)['mx-host'];
    const report = read(r);
    expect(report.policies[0]).toMatchObject({
      policyType: 'no-policy-found',
      policyString: null,
      mxHosts: [],
    });
    expect(report.tolerated).toEqual([]);
  });

  it('mx-host-string: mx-host as one string, as in the RFC 8460 §4.5 example', () => {
    const r = tlsrptReport();
    policyOf(r)['mx-host'] = '*.mail.example.com';
    const report = read(r);
    expect(report.policies[0]?.mxHosts).toEqual(['*.mail.example.com']);
    expect(report.tolerated).toEqual(['mx-host-string']);
  });

  it('mx-name-normalised: upper case and trailing dots in MX and domain names', () => {
    const r = tlsrptReport({
      domain: 'Example.COM.',
      failures: [failure('certificate-expired', 2, 'MX1.Example.com.')],
    });
    policyOf(r)['mx-host'] = ['MX1.EXAMPLE.COM.', 'mx2.example.com'];
    const report = read(r);
    expect(report.policies[0]?.policyDomain).toBe('example.com');
    expect(report.policies[0]?.mxHosts).toEqual(['mx1.example.com', 'mx2.example.com']);
    expect(report.policies[0]?.failures[0]?.receivingMx).toBe('mx1.example.com');
    expect(report.tolerated).toEqual(['mx-name-normalised']);
  });

  it.each([
    ['whole seconds, Z', '2026-05-30T00:00:00Z', '2026-05-30T00:00:00.000Z'],
    ['fractional seconds', '2026-05-30T00:00:00.123456Z', '2026-05-30T00:00:00.123Z'],
    ['a numeric offset', '2026-05-30T02:00:00+02:00', '2026-05-30T00:00:00.000Z'],
    ['lower-case t and z', '2026-05-30t00:00:00z', '2026-05-30T00:00:00.000Z'],
  ])('date-range with %s', (_name, given, normalised) => {
    const report = read(tlsrptReport({ start: given }));
    expect(report.start).toBe(normalised);
  });

  it.each([
    ['a date only', '2026-05-30'],
    ['a space for T', '2026-05-30 00:00:00Z'],
    ['no zone', '2026-05-30T00:00:00'],
    ['a month 13', '2026-13-30T00:00:00Z'],
  ])('date-range with %s is rejected naming the field', (_name, given) => {
    expect(rejection(tlsrptReport({ start: given }))).toMatch(
      /^date-range.start-datetime is ".*", expected an RFC 3339 date-time$/,
    );
  });

  it('contact-info-missing', () => {
    const r = tlsrptReport();
    delete r['contact-info'];
    const report = read(r);
    expect(report.contactInfo).toBeNull();
    expect(report.tolerated).toEqual(['contact-info-missing']);
  });

  it('extra fields anywhere are ignored', () => {
    const r = tlsrptReport({
      failures: [failure('certificate-expired', 1, 'mx1.example.com', { 'x-vendor': { a: 1 } })],
    });
    r['x-extension'] = [1, 2, 3];
    policyOf(r)['x-note'] = 'hello';
    entry(r)['x-extra'] = true;
    const report = read(r);
    expect(report.tolerated).toEqual([]);
    expect(report.policies[0]?.failures).toHaveLength(1);
  });

  it('policy-type-case: "STS" and "No-Policy-Found"', () => {
    const r = tlsrptReport();
    policyOf(r)['policy-type'] = 'STS';
    expect(read(r).policies[0]?.policyType).toBe('sts');
    expect(read(r).tolerated).toEqual(['policy-type-case']);
  });

  it('count-missing: a failure detail without failed-session-count counts 0', () => {
    const r = tlsrptReport({ failures: [failure('certificate-expired', 1)] });
    delete (entry(r)['failure-details'] as JsonObject[])[0]!['failed-session-count'];
    const report = read(r);
    expect(report.policies[0]?.failures[0]?.sessions).toBe(0);
    expect(report.tolerated).toEqual(['count-missing']);
  });

  it('count-missing: a summary without counts counts 0', () => {
    const r = tlsrptReport();
    entry(r)['summary'] = {};
    const report = read(r);
    expect(report.policies[0]).toMatchObject({ successful: 0, failed: 0 });
    expect(report.tolerated).toEqual(['count-missing']);
  });

  it('policy-entry-skipped: an entry without policy-domain is dropped, the others kept', () => {
    const r = tlsrptReport();
    const second = structuredClone(entry(r));
    delete (second['policy'] as JsonObject)['policy-domain'];
    (r['policies'] as JsonObject[]).push(second);
    const report = read(r);
    expect(report.policies).toHaveLength(1);
    expect(report.tolerated).toEqual(['policy-entry-skipped']);
  });

  it("a report shaped like a large webmail provider's: whole UTC day ending 23:59:59Z, report-id of date and domain, no failure-details, numbers as strings", () => {
    // Synthetic; traits as publicly described for large senders, values invented.
    const r = tlsrptReport({ organization: 'Big Mail Inc.', reportId: '2026-05-30T00:00:00Z_example.com' });
    delete entry(r)['failure-details'];
    entry(r)['summary'] = { 'total-successful-session-count': '4200', 'total-failure-session-count': '0' };
    const report = read(r);
    expect(report.policies[0]).toMatchObject({ successful: 4200, failed: 0, failures: [] });
    expect(report.tolerated).toEqual(['count-as-string', 'failure-details-missing']);
  });

  it("a report shaped like a large hosted-mail provider's: fractional seconds, mx-host a string, failures with additional-information", () => {
    const r = tlsrptReport({
      organization: 'Hosted Mail Corporation',
      start: '2026-05-30T00:00:00.0000000Z',
      end: '2026-05-31T00:00:00.0000000Z',
      failed: 5,
      failures: [
        failure('certificate-host-mismatch', 5, 'MX2.EXAMPLE.COM', {
          'additional-information': 'https://sender.example/why',
        }),
      ],
    });
    policyOf(r)['mx-host'] = 'mx1.example.com';
    const report = read(r);
    expect(report.end).toBe('2026-05-31T00:00:00.000Z');
    expect(report.policies[0]?.failures[0]).toMatchObject({
      receivingMx: 'mx2.example.com',
      additionalInformation: 'https://sender.example/why',
    });
    expect(report.tolerated).toEqual(['mx-host-string', 'mx-name-normalised']);
  });
});

describe('readTlsRptReport: rejections name the field and the form expected', () => {
  it.each<[string, (r: JsonObject) => void, RegExp]>([
    ['not an object', () => undefined, /^the report is an array, expected an object$/],
    ['no date-range', (r) => delete r['date-range'], /^date-range is missing, expected an object$/],
    ['no organization-name', (r) => delete r['organization-name'], /^organization-name is missing$/],
    ['an empty report-id', (r) => (r['report-id'] = '  '), /^report-id is empty$/],
    ['policies not an array', (r) => (r['policies'] = {}), /^policies is an object, expected an array$/],
    ['no usable policy', (r) => (r['policies'] = []), /^policies has no entry with a policy-domain$/],
    [
      'a negative count',
      (r) => (entry(r)['summary'] = { 'total-successful-session-count': -1 }),
      /^policies\[0\].summary.total-successful-session-count is -1, expected a whole number/,
    ],
    [
      'a fractional count',
      (r) => (entry(r)['summary'] = { 'total-failure-session-count': 1.5 }),
      /total-failure-session-count is 1.5/,
    ],
    [
      'a count word',
      (r) => (entry(r)['summary'] = { 'total-failure-session-count': 'many' }),
      /total-failure-session-count is "many"/,
    ],
    [
      'a huge count',
      (r) => (entry(r)['summary'] = { 'total-failure-session-count': 1e15 }),
      /expected a whole number from 0 to 1000000000000/,
    ],
    [
      'policy not an object',
      (r) => (entry(r)['policy'] = 'sts'),
      /^policies\[0\].policy is a string, expected an object$/,
    ],
    [
      'a failure without result-type',
      (r) => (entry(r)['failure-details'] = [{ 'failed-session-count': 1 }]),
      /^policies\[0\].failure-details\[0\].result-type is missing$/,
    ],
    [
      'a range that ends before it starts',
      (r) =>
        (r['date-range'] = {
          'start-datetime': '2026-05-30T00:00:00Z',
          'end-datetime': '2026-05-29T00:00:00Z',
        }),
      /^date-range ends before it starts$/,
    ],
  ])('%s', (_name, change, reason) => {
    const r = tlsrptReport();
    change(r);
    expect(rejection(_name === 'not an object' ? [r] : r)).toMatch(reason);
  });
});

describe('readTlsRptReport: bounds (issue #10 item 1)', () => {
  it('rejects more policy entries than TLSRPT_LIMITS.maxPolicies', () => {
    const r = tlsrptReport();
    r['policies'] = Array.from({ length: TLSRPT_LIMITS.maxPolicies + 1 }, () => entry(r));
    expect(rejection(r)).toBe(
      `policies has ${TLSRPT_LIMITS.maxPolicies + 1} entries; at most ${TLSRPT_LIMITS.maxPolicies} are accepted`,
    );
  });

  it('accepts exactly TLSRPT_LIMITS.maxPolicies entries', () => {
    const r = tlsrptReport();
    r['policies'] = Array.from({ length: TLSRPT_LIMITS.maxPolicies }, () => entry(r));
    expect(read(r).policies).toHaveLength(TLSRPT_LIMITS.maxPolicies);
  });

  it('rejects more failure-details than TLSRPT_LIMITS.maxFailureDetails', () => {
    const r = tlsrptReport();
    entry(r)['failure-details'] = Array.from({ length: TLSRPT_LIMITS.maxFailureDetails + 1 }, () =>
      failure('certificate-expired', 1),
    );
    expect(rejection(r)).toMatch(
      /^policies\[0\].failure-details has 10001 entries; at most 10000 are accepted$/,
    );
  });

  it('rejects more policy-string lines and mx-host entries than their bounds', () => {
    const lines = tlsrptReport();
    policyOf(lines)['policy-string'] = Array.from(
      { length: TLSRPT_LIMITS.maxPolicyStrings + 1 },
      () => 'mx: a.example',
    );
    expect(rejection(lines)).toMatch(/^policies\[0\].policy.policy-string has 1001 entries/);
    const hosts = tlsrptReport();
    policyOf(hosts)['mx-host'] = Array.from({ length: TLSRPT_LIMITS.maxMxHosts + 1 }, () => 'a.example');
    expect(rejection(hosts)).toMatch(/^policies\[0\].policy.mx-host has 1001 entries/);
  });

  it('string-truncated: long strings are cut to TLSRPT_LIMITS.maxString characters and marked', () => {
    const r = tlsrptReport({ organization: 'O'.repeat(10_000) });
    const report = read(r);
    expect(report.organization).toHaveLength(TLSRPT_LIMITS.maxString + 1);
    expect(report.organization.endsWith('…')).toBe(true);
    expect(report.tolerated).toEqual(['string-truncated']);
  });

  it('rejects JSON text over TLSRPT_LIMITS.maxJsonBytes before parsing it', () => {
    const text = `{"x":"${'a'.repeat(TLSRPT_LIMITS.maxJsonBytes)}"}`;
    const parsed = parseTlsRptReport(text);
    expect(parsed.ok ? '' : parsed.reason).toBe(
      `the report is larger than ${TLSRPT_LIMITS.maxJsonBytes} bytes`,
    );
  });
});
