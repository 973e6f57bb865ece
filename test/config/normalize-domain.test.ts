import { describe, expect, it } from 'vitest';
import { normalizeDomain, normalizeMxPattern } from '../../src/config/normalize-domain.js';

describe('normalizeDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM.  ', 'example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['XN--BCHER-KVA.example', 'xn--bcher-kva.example'],
    // UTS #46 maps full-width letters, so a name pasted from a CJK document still compares equal.
    ['ｅｘａｍｐｌｅ.com', 'example.com'],
    [`${'a'.repeat(63)}.example`, `${'a'.repeat(63)}.example`],
  ])('turns %j into %j', (input, expected) => {
    expect(normalizeDomain(input)).toStrictEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'is empty'],
    ['.', 'is empty'],
    ['example', 'has a single label; expected a name such as example.com'],
    ['192.0.2.1', 'is an IP address, not a domain name'],
    ['0x7f.1', 'is an IP address, not a domain name'],
    ['example.com..', 'has an invalid label ""; expected letters, digits and inner hyphens'],
    ['a_b.example', 'has an invalid label "a_b"; expected letters, digits and inner hyphens'],
    ['-mail.example', 'has an invalid label "-mail"; expected letters, digits and inner hyphens'],
    ['*.example.com', 'has an invalid label "*"; expected letters, digits and inner hyphens'],
    ['exa mple.com', 'is not a valid domain name'],
    [`${'a'.repeat(64)}.example`, 'has a label longer than 63 characters'],
    [`${'abcdefghi.'.repeat(25)}example`, 'is longer than 253 characters'],
  ])('rejects %j: %s', (input, reason) => {
    expect(normalizeDomain(input)).toStrictEqual({ ok: false, reason });
  });
});

describe('normalizeMxPattern', () => {
  it.each([
    ['MX1.Example.COM.', 'mx1.example.com'],
    ['*.Mail.Example.com', '*.mail.example.com'],
    ['*.bücher.example', '*.xn--bcher-kva.example'],
  ])('turns %j into %j', (input, expected) => {
    expect(normalizeMxPattern(input)).toStrictEqual({ ok: true, value: expected });
  });

  it.each([
    ['*', 'has a single label; expected a name such as example.com'],
    ['*.com', 'has a single label; expected a name such as example.com'],
    ['mx.*.example.com', 'has an invalid label "*"; expected letters, digits and inner hyphens'],
    ['*mx.example.com', 'has an invalid label "*mx"; expected letters, digits and inner hyphens'],
    ['198.51.100.7', 'is an IP address, not a domain name'],
    ['[2001:db8::1]', 'is an IP address, not a domain name'],
    ['2001:db8::1', 'is not a valid domain name'],
  ])('rejects %j: %s', (input, reason) => {
    expect(normalizeMxPattern(input)).toStrictEqual({ ok: false, reason });
  });
});
