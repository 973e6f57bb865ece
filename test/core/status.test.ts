import { describe, expect, it } from 'vitest';
import { statusOf } from '../../src/core/evaluate.js';
import { makeFinding } from '../../src/core/findings.js';
import type { Finding, SkippedCheck } from '../../src/core/types.js';

const f = {
  error: makeFinding('mx-cert-expired', 'example.com', 'expired'),
  warning: makeFinding('mx-cert-expiring', 'example.com', 'expiring'),
  unknown: makeFinding('mx-timeout', 'example.com', 'timeout'),
  notice: makeFinding('tlsrpt-missing', 'example.com', 'no TLS-RPT'),
  skipped: makeFinding('mx-tls-not-checked', 'example.com', 'not checked'),
};

describe('statusOf: a domain with skipped checks is never ok (issue #10 part 3)', () => {
  it.each<[string, Finding[], SkippedCheck[], string]>([
    ['nothing at all', [], [], 'ok'],
    ['a plain notice', [f.notice], [], 'ok'],
    ['MX TLS skipped, its notice only', [f.skipped], ['mx-tls'], 'incomplete'],
    ['MX TLS skipped without a finding (proxy failed)', [], ['mx-tls'], 'incomplete'],
    ['an unknown observation beats incomplete', [f.unknown], ['mx-tls'], 'unknown'],
    ['a warning beats incomplete', [f.warning, f.skipped], ['mx-tls'], 'warning'],
    ['an error beats everything', [f.error, f.warning, f.unknown], ['mx-tls'], 'error'],
  ])('%s', (_name, findings, notChecked, status) => {
    expect(statusOf(findings, notChecked)).toBe(status);
  });
});
