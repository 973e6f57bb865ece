import { describe, expect, it } from 'vitest';
import { stripControl } from '../../src/report/sanitize.js';

describe('stripControl', () => {
  it.each([
    ['\u200e', 'left-to-right mark'],
    ['\u200f', 'right-to-left mark'],
    ['\u061c', 'Arabic letter mark'],
    ['\u2028', 'line separator'],
    ['\u2029', 'paragraph separator'],
    ['\u202a', 'left-to-right embedding'],
    ['\u202e', 'right-to-left override'],
    ['\u2066', 'left-to-right isolate'],
    ['\u2069', 'pop directional isolate'],
    ['\u001b', 'escape'],
    ['\u0085', 'next line (C1)'],
  ])('makes %j (%s) visible instead of acting on the text (issue #11 item 8)', (char) => {
    const out = stripControl(`a${char}b`);
    expect(out).toBe(`a\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}b`);
  });

  it('keeps ordinary text, zero-width joiners it did not get, and newlines when asked', () => {
    expect(stripControl('mx.example.com ü 日本')).toBe('mx.example.com ü 日本');
    expect(stripControl('a\nb', true)).toBe('a\nb');
    expect(stripControl('a\nb')).toBe('a\\u000ab');
  });
});
