import { describe, expect, it } from 'vitest';
import {
  MAX_STATE_CHARS,
  readStateFromIssues,
  renderStateBody,
  STATE_ISSUE_TITLE,
  stateChanged,
} from '../../src/action/state-store.js';
import type { IssueRecord } from '../../src/report/issues.js';
import { EMPTY_STATE, parseState, STATE_VERSION, type StateFile } from '../../src/state/state-file.js';

const entry = (id: string, bodyHash = 'a'.repeat(64), seenAt = '2026-03-01T00:00:00.000Z') => ({
  id,
  bodyHash,
  seenAt,
});
const state = (domains: StateFile['domains']): StateFile => ({ version: STATE_VERSION, domains });
const issueWith = (number: number, body: string): IssueRecord => ({
  number,
  state: 'closed',
  title: STATE_ISSUE_TITLE,
  body,
});

describe('state in an issue', () => {
  it('round-trips through the body', () => {
    const saved = state({ 'example.com': entry('20240101'), 'b.example': entry('x1') });
    const { body, dropped } = renderStateBody(saved);
    expect(dropped).toBe(0);
    const read = readStateFromIssues([issueWith(3, body)]);
    expect(read).toMatchObject({ state: saved, warning: null });
    expect(read.issue?.number).toBe(3);
  });

  it('keeps text that could end the HTML comment inert', () => {
    const { body } = renderStateBody(state({ 'x.example': entry('-->', '<script>&') }));
    // One for the marker, one closing the data block: none from the data.
    expect(body.match(/-->/g)).toHaveLength(2);
    expect(readStateFromIssues([issueWith(1, body)]).state.domains['x.example']?.id).toBe('-->');
  });

  it('reads the lowest numbered state issue when a race made two', () => {
    const older = renderStateBody(state({ 'a.example': entry('old') })).body;
    const newer = renderStateBody(state({ 'a.example': entry('new') })).body;
    expect(
      readStateFromIssues([issueWith(9, newer), issueWith(4, older)]).state.domains['a.example']?.id,
    ).toBe('old');
  });

  it.each([
    ['no state issue', [] as IssueRecord[], null],
    ['a body without data', [issueWith(2, '<!-- mta-sts-drift:state -->\nedited')], /no data block/],
    [
      'damaged JSON',
      [issueWith(2, '<!-- mta-sts-drift:state -->\n<!-- mta-sts-drift:state-data\n{oops\n-->')],
      /not valid JSON/,
    ],
  ])('starts afresh on %s, never failing', (_name, issues, warning) => {
    const read = readStateFromIssues(issues);
    expect(read.state.domains).toEqual({});
    if (warning === null) expect(read.warning).toBeNull();
    else expect(read.warning).toMatch(warning);
  });

  it.each([
    ['another title', (body: string) => ({ title: 'MTA-STS drift on example.com', body })],
    [
      'the marker quoted further down',
      (body: string) => ({ title: STATE_ISSUE_TITLE, body: `quote:\n${body}` }),
    ],
    ['the marker inside a line', (body: string) => ({ title: STATE_ISSUE_TITLE, body: ` ${body}` })],
  ])('is not fooled by an issue with %s (issue #11 item 5)', (_name, shape) => {
    const body = renderStateBody(state({ 'a.example': entry('x') })).body;
    const read = readStateFromIssues([{ number: 1, state: 'open', ...shape(body) }]);
    expect(read).toMatchObject({ issue: null, warning: null });
    expect(read.state.domains).toEqual({});
  });

  it('reads a body that GitHub stored with CRLF line ends', () => {
    const body = renderStateBody(state({ 'a.example': entry('crlf') })).body.replaceAll('\n', '\r\n');
    expect(readStateFromIssues([issueWith(5, body)]).state.domains['a.example']?.id).toBe('crlf');
  });

  it('drops the least recently seen domains beyond the size limit', () => {
    const many = Object.fromEntries(
      Array.from({ length: 800 }, (_, i) => [
        `d${i}.example`,
        entry(`id${i}`, 'f'.repeat(64), new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()),
      ]),
    );
    const { body, dropped } = renderStateBody(state(many));
    expect(body.length).toBeLessThan(MAX_STATE_CHARS + 1000);
    expect(dropped).toBeGreaterThan(0);
    const kept = readStateFromIssues([issueWith(1, body)]).state.domains;
    expect(kept['d799.example']).toBeDefined();
    expect(kept['d0.example']).toBeUndefined();
  });
});

describe('state keyed by names that Object.prototype also has (issue #11 item 8)', () => {
  const names = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'];
  const data = () =>
    `{"version":1,"domains":{${names.map((n, i) => `"${n}":${JSON.stringify(entry(`id${i}`))}`).join(',')}}}`;

  it('parses each as a domain of its own, in a map without a prototype', () => {
    const { state: parsed, warning } = parseState(data());
    expect(warning).toBeNull();
    expect(Object.getPrototypeOf(parsed.domains)).toBeNull();
    expect(Object.keys(parsed.domains)).toEqual(names);
    expect(parsed.domains['__proto__']?.id).toBe('id0');
    expect(parsed.domains['constructor']?.id).toBe('id1');
  });

  it('round-trips them through the state issue without dropping one', () => {
    const { body, dropped } = renderStateBody(parseState(data()).state);
    expect(dropped).toBe(0);
    const read = readStateFromIssues([issueWith(1, body)]).state.domains;
    expect(names.map((n) => read[n]?.id)).toEqual(['id0', 'id1', 'id2', 'id3']);
  });

  it('finds nothing under those names in an empty state', () => {
    const lookup = (state: StateFile, name: string): unknown => state.domains[name];
    expect(lookup(EMPTY_STATE, 'constructor')).toBeUndefined();
    expect(lookup(parseState('{"version":1,"domains":{}}').state, 'toString')).toBeUndefined();
    expect(stateChanged(EMPTY_STATE, EMPTY_STATE)).toBe(false);
    expect(stateChanged(EMPTY_STATE, parseState(data()).state)).toBe(true);
    expect(stateChanged(parseState(data()).state, parseState(data()).state)).toBe(false);
  });
});

describe('stateChanged', () => {
  it.each([
    ['only seenAt moved', { a: entry('1') }, { a: entry('1', undefined, '2027-01-01T00:00:00.000Z') }, false],
    ['new id', { a: entry('1') }, { a: entry('2') }, true],
    ['new body hash', { a: entry('1') }, { a: entry('1', 'b'.repeat(64)) }, true],
    ['new domain', {}, { a: entry('1') }, true],
    ['domain gone', { a: entry('1') }, {}, true],
  ])('%s', (_name, before, after, expected) => {
    expect(stateChanged(state(before), state(after))).toBe(expected);
  });
});
