import { describe, expect, it } from 'vitest';
import { ConfigError, formatIssue, type ConfigIssue } from '../../src/config/config-error.js';

const issue = (line: number, column: number, path: string, message: string): ConfigIssue => ({
  file: 'domains.yml',
  line,
  column,
  path,
  message,
});

describe('formatIssue', () => {
  it('writes file:line:column: path: message', () => {
    expect(formatIssue(issue(7, 11, 'domains[1].mode', 'bad'))).toBe(
      'domains.yml:7:11: domains[1].mode: bad',
    );
  });

  it('leaves out an empty path', () => {
    expect(formatIssue(issue(1, 1, '', 'no domains'))).toBe('domains.yml:1:1: no domains');
  });

  it('leaves out the position of a whole-file problem', () => {
    expect(formatIssue(issue(0, 0, '', 'cannot read the file'))).toBe('domains.yml: cannot read the file');
  });
});

describe('ConfigError', () => {
  it('is an Error named ConfigError that lists its issues by position, one per line', () => {
    const error = new ConfigError([
      issue(9, 5, 'b', 'second'),
      issue(2, 7, 'a', 'first'),
      issue(9, 1, 'c', 'between'),
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe(
      ['domains.yml:2:7: a: first', 'domains.yml:9:1: c: between', 'domains.yml:9:5: b: second'].join('\n'),
    );
    expect(error.issues.map((i) => i.message)).toStrictEqual(['first', 'between', 'second']);
  });

  it('keeps the cause', () => {
    const cause = new Error('EACCES');
    expect(new ConfigError([issue(0, 0, '', 'x')], { cause }).cause).toBe(cause);
  });
});
