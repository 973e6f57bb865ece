import { describe, expect, it } from 'vitest';
import { classifyMxValue } from '../../src/core/policy-mx.js';

describe('classifyMxValue: RFC 8461 §3.2 ["*."] Domain, RFC 5321 Domain', () => {
  it.each([
    ['mx1.example.com', 'mx1.example.com', false],
    ['MX1.Example.COM', 'mx1.example.com', false],
    ['*.example.com', '*.example.com', false],
    ['*.mail.example.com', '*.mail.example.com', false],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example', false],
    ['mx-1.example.com', 'mx-1.example.com', false],
    [`${'a'.repeat(63)}.example`, `${'a'.repeat(63)}.example`, false],
    // One label is a grammatical Domain (issue #11 item 10).
    ['mx1', 'mx1', true],
    ['localhost', 'localhost', true],
    ['*.com', '*.com', true],
  ])('%j is the pattern %j (single label: %s)', (value, pattern, singleLabel) => {
    expect(classifyMxValue(value)).toStrictEqual({ kind: 'pattern', pattern, singleLabel });
  });

  it.each([
    ['mail.protonmail.ch.', 'mail.protonmail.ch'],
    ['*.MX.cloudflare.net.', '*.mx.cloudflare.net'],
    ['mx1.', 'mx1'],
  ])('%j ends with a dot (write %j)', (value, pattern) => {
    expect(classifyMxValue(value)).toStrictEqual({ kind: 'trailing-dot', pattern });
  });

  it.each([
    '*',
    '*.',
    '.',
    'a.*.example.com',
    '*example.com',
    '*.*.example.com',
    'mx*.example.com',
    '192.0.2.1',
    '2001:db8::1',
    '[2001:db8::1]',
    '',
    '-mx.example.com',
    'mx-.example.com',
    'mx..example.com',
    'mx_1.example.com',
    'bücher.example',
    'mail.example.com..',
    `${'a'.repeat(64)}.example.com`,
    `${'abcdefghi.'.repeat(25)}example`,
    'mx1.example.com mx2.example.com',
    'mail.example.com\u00a0',
  ])('%j is invalid', (value) => {
    expect(classifyMxValue(value)).toStrictEqual({ kind: 'invalid' });
  });
});
