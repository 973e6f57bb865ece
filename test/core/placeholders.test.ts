import { describe, expect, it } from 'vitest';
import { placeholderReason } from '../../src/core/placeholders.js';
import { parsePolicy } from '../../src/core/policy.js';

describe('placeholderReason (issue #11 item 22)', () => {
  it.each([
    ['mx1.example.com', 'example.com is reserved for documentation (RFC 2606)'],
    ['*.example.net', 'example.net is reserved for documentation (RFC 2606)'],
    ['example.org', 'example.org is reserved for documentation (RFC 2606)'],
    ['mail.yourdomain.com', '"yourdomain" is a template name'],
    ['yourdomain-com.mail.protection.outlook.com', '"yourdomain-com" is a template name'],
    ['mx.my-company.co.uk', '"my-company" is a template name'],
    ['contoso-com.mail.protection.outlook.com', '"contoso-com" is a template name'],
    ['mail.domain.tld', '.tld is not a public top-level domain'],
    ['mail.domain.com', 'domain.com is a template name'],
    ['mx.yourcompanyname.com', '"yourcompanyname" is a template name'],
    ['mx.corp.example', '.example is not a public top-level domain'],
  ])('%s: %s', (pattern, reason) => {
    expect(placeholderReason(pattern)).toBe(reason);
  });

  it.each([
    'aspmx.l.google.com',
    '*.mail.protection.outlook.com',
    'mail.protonmail.ch',
    'mx.examples.com',
    'notexample.com',
    'mydomainsrus.com',
    // Hetzner's real mail hosts: "your-server" is not a template here.
    'mail.your-server.de',
    'www665.your-server.de',
    'mx1',
  ])('%s is no placeholder', (pattern) => {
    expect(placeholderReason(pattern)).toBeNull();
  });

  it('parsePolicy warns only when asked (lint), with the line of the value', () => {
    const text = 'version: STSv1\nmode: enforce\nmax_age: 604800\nmx: mail.yourdomain.com\n';
    expect(parsePolicy(text).warnings).toStrictEqual([]);
    const linted = parsePolicy(text, { placeholders: true });
    expect(linted.warnings).toStrictEqual([
      {
        code: 'policy-mx-placeholder',
        message:
          'mx "mail.yourdomain.com" on line 4 looks like a template value ("yourdomain" is a template name); it covers none of your MX hosts.',
        line: 4,
        column: 5,
      },
    ]);
    expect(linted.value?.mx).toStrictEqual(['mail.yourdomain.com']);
  });
});
