import { describe, expect, it } from 'vitest';
import { findMatchingPattern, matchesMxPattern, normalizeHost } from '../../src/core/mx-pattern.js';

describe('matchesMxPattern (RFC 8461 §4.1)', () => {
  it.each([
    ['*.example.com', 'mx1.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'mx1.example.net', false],
    ['*.example.com', 'mx1example.com', false],
    ['*.example.com', 'MX1.EXAMPLE.COM', true],
    ['*.EXAMPLE.com', 'mx1.example.com', true],
    ['*.example.com.', 'mx1.example.com', true],
    ['*.example.com', 'mx1.example.com.', true],
    ['mx1.example.com', 'mx1.example.com', true],
    ['mx1.example.com', 'MX1.Example.Com.', true],
    ['mx1.example.com.', 'mx1.example.com', true],
    ['mx1.example.com', 'mx2.example.com', false],
    ['mx1.example.com', 'a.mx1.example.com', false],
    ['example.com', 'mx1.example.com', false],
  ])('pattern %j, host %j: %s', (pattern, host, expected) => {
    expect(matchesMxPattern(pattern, host)).toBe(expected);
  });

  it.each([
    [['mx1.example.com', '*.example.com'], 'mx1.example.com', 'mx1.example.com'],
    [['*.example.com', 'mx1.example.com'], 'mx1.example.com', '*.example.com'],
    [['*.example.com'], 'mx.other.example', null],
    [[], 'mx1.example.com', null],
  ])('findMatchingPattern(%j, %j) is %j', (patterns, host, expected) => {
    expect(findMatchingPattern(patterns, host)).toBe(expected);
  });
});

describe('normalizeHost', () => {
  it.each([
    [' MX1.Example.COM. ', 'mx1.example.com'],
    ['mx1.example.com', 'mx1.example.com'],
  ])('normalizeHost(%j) is %j', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });
});
