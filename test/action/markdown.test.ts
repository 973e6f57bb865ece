import { describe, expect, it } from 'vitest';
import { codeSpan, escapeHtml, escapeMarkdown } from '../../src/report/markdown.js';

const ZWJ = '\u200d';

describe('escapeMarkdown', () => {
  it.each([
    ['@octocat please look', `@${ZWJ}octocat please look`],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['[click](http://evil)', `\\[click\\]\\(http${ZWJ}://evil\\)`],
    ['see #12', `see #${ZWJ}12`],
    ['`code` and *bold* | pipe', '\\`code\\` and \\*bold\\* \\| pipe'],
    ['www.evil.example', `www${ZWJ}.evil.example`],
    ['&#64;octocat', `&amp;#${ZWJ}64;octocat`],
    ['$x^2$ ~~gone~~ _em_', '\\$x^2\\$ \\~\\~gone\\~\\~ \\_em\\_'],
    ['line\nbreak\u001b[31m', 'line break\\\\u001b\\[31m'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['12. item', '12\\. item'],
    ['a - b. 1. c', 'a - b. 1. c'],
    ['mail tls@example.com', `mail tls@${ZWJ}example.com`],
    // Issue #11 item 20: a capital after @ is a mention too.
    ['ask @Octocat and @Mona-Lisa', `ask @${ZWJ}Octocat and @${ZWJ}Mona-Lisa`],
    // Issue #11 item 8: GH-123 is an issue autolink.
    ['see GH-123 and gh-7', `see GH${ZWJ}-123 and gh${ZWJ}-7`],
    ['HIGH-5 stays', 'HIGH-5 stays'],
    // Issue #11 item 5: no comment delimiter survives.
    ['<!-- mta-sts-drift:state -->', '&lt;\\!-- mta-sts-drift:state --&gt;'],
  ])('%j becomes inert', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('cuts long remote text', () => {
    expect(escapeMarkdown('a'.repeat(500), 10)).toBe(`${'a'.repeat(10)}…`);
  });
});

describe('codeSpan', () => {
  it.each([
    ['plain', '`plain`'],
    ['has `one` tick', '``has `one` tick``'],
    ['``double``', '``` ``double`` ```'],
    ['', '` `'],
    ['@octocat <b>', '`@octocat <b>`'],
  ])('%j', (input, expected) => {
    expect(codeSpan(input)).toBe(expected);
  });

  it.each(['<!-- mta-sts-drift:state -->', 'a <!-- b', 'a --> b', 'a --!> b'])(
    'shows %j as escaped text, never a raw comment delimiter (issue #11 item 5)',
    (input) => {
      const rendered = codeSpan(input);
      expect(rendered).not.toMatch(/<!--|--!?>/);
      expect(rendered).toMatch(/&lt;|&gt;/);
    },
  );

  it('strips bidi and line-separator characters from remote text (issue #11 item 8)', () => {
    expect(codeSpan('mx\u202e.evil\u2028x\u200f')).toBe('`mx\\u202e.evil\\u2028x\\u200f`');
  });
});

describe('escapeHtml', () => {
  it('uses entities only, no backslashes that raw HTML would show', () => {
    expect(escapeHtml('a.example: <b> "x" @bob')).toBe(`a.example: &lt;b&gt; &quot;x&quot; @${ZWJ}bob`);
  });
});
