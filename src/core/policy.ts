/**
 * The MTA-STS policy file, RFC 8461 §3.2. Lines are `key ":" *WSP value *WSP`, separated by CRLF or LF (the ABNF
 * allows both; erratum 6253). WSP is space or tab only, so a no-break space is part of the value. Keys are
 * case-sensitive; unknown keys are ignored; for a repeated key other than `mx` the first value wins.
 */
import { at, type Field, parseMx } from './policy-mx.js';
import { checkPolicyEncoding, describeOddCharacters } from './policy-text.js';
import { type ParseOutcome, type Position, ProblemList, quote } from './problems.js';
import type { PolicyMode } from './types.js';

/** RFC 8461 §3.2: "maximum value of 31557600" seconds (one year). */
export const MAX_AGE_LIMIT = 31_557_600;
/** Below a day, an enforcing policy expires from caches quickly and gives little protection (RFC 8461 §3.2 advice). */
export const MAX_AGE_SHORT = 86_400;
const MODES: readonly PolicyMode[] = ['enforce', 'testing', 'none'];
const KNOWN_KEYS = ['version', 'mode', 'max_age', 'mx'] as const;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** A blank line: nothing but WSP (RFC 5234 WSP = SP / HTAB). */
const BLANK = /^[ \t]*$/;

export interface Policy {
  readonly version: string;
  readonly mode: PolicyMode;
  readonly maxAge: number;
  readonly mx: readonly string[];
}

const lineStart = (line: number): Position => ({ line, column: 1 });

/**
 * Blank lines: RFC 8461 §3.2's ABNF has none. Before a field they matter (a parser that stops at the first blank
 * line never sees the rest: issue #11 item 22); after the last field they cost nothing to such parsers.
 */
function reportBlank(line: number, trailing: boolean, problems: ProblemList): void {
  if (trailing) {
    problems.notice(
      'policy-trailing-blank-line',
      `Line ${line} is blank, after the last field; strict parsers may reject blank lines.`,
      lineStart(line),
    );
  } else {
    problems.warn(
      'policy-blank-line',
      `Line ${line} is blank; senders that stop reading at the first blank line never see the fields after it.`,
      lineStart(line),
    );
  }
}

const isWsp = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Spaces and tabs off both ends, by hand: `/[ \t]+$/` is quadratic on a long run of spaces inside a line. */
function trimWsp(text: string): { value: string; lead: number } {
  let start = 0;
  let end = text.length;
  while (start < end && isWsp(text[start])) start += 1;
  while (end > start && isWsp(text[end - 1])) end -= 1;
  return { value: text.slice(start, end), lead: start };
}

/** Split the body into fields; malformed lines are reported with their line number. */
function splitFields(body: string, problems: ProblemList): Field[] {
  const fields: Field[] = [];
  const lines = body.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const lastField = lines.findLastIndex((raw) => !BLANK.test(raw));
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (BLANK.test(raw)) {
      reportBlank(line, index > lastField, problems);
      return;
    }
    const colon = raw.indexOf(':');
    const key = colon < 0 ? '' : raw.slice(0, colon);
    if (colon < 0 || !EXT_NAME.test(key)) {
      problems.error(
        'policy-line-invalid',
        `Line ${line} is not of the form "key: value": ${quote(raw)}${describeOddCharacters(raw)}.`,
        lineStart(line),
      );
      return;
    }
    // RFC 8461 §3.2: `field-delim = ":" *WSP` and trailing `*WSP`; only space and tab are trimmed.
    const { value, lead } = trimWsp(raw.slice(colon + 1));
    fields.push({ key, value, line, column: colon + 2 + lead });
  });
  return fields;
}

/** The first occurrence of each non-`mx` key wins; later ones are flagged because some senders keep the last. */
function firstValues(fields: readonly Field[], problems: ProblemList): Map<string, Field> {
  const first = new Map<string, Field>();
  for (const field of fields) {
    if (field.key === 'mx') continue;
    const seen = first.get(field.key);
    if (seen === undefined) {
      first.set(field.key, field);
    } else {
      problems.warn(
        'policy-duplicate-key',
        `Key "${field.key}" appears again on line ${field.line}; RFC 8461 senders use the first value (line ${seen.line}), some use the last.`,
        lineStart(field.line),
      );
    }
  }
  return first;
}

function checkKeys(fields: readonly Field[], problems: ProblemList): void {
  for (const field of fields) {
    if ((KNOWN_KEYS as readonly string[]).includes(field.key)) continue;
    const lower = field.key.toLowerCase();
    if ((KNOWN_KEYS as readonly string[]).includes(lower)) {
      problems.warn(
        'policy-key-case',
        `Key "${field.key}" on line ${field.line} is not "${lower}": keys are case-sensitive, so senders ignore it.`,
        lineStart(field.line),
      );
    } else {
      problems.notice(
        'policy-unknown-key',
        `Key "${field.key}" on line ${field.line} is not defined by RFC 8461 and is ignored.`,
        lineStart(field.line),
      );
    }
  }
}

function parseMode(field: Field | undefined, problems: ProblemList): PolicyMode {
  if (field === undefined) {
    problems.error('policy-mode-missing', 'The policy has no "mode" field (RFC 8461 §3.2 requires one).');
    return 'none';
  }
  if ((MODES as readonly string[]).includes(field.value)) return field.value as PolicyMode;
  problems.error(
    'policy-mode-invalid',
    `mode ${quote(field.value)} on line ${field.line} is not one of enforce, testing, none${describeOddCharacters(field.value)}.`,
    at(field),
  );
  return 'none';
}

function parseMaxAge(field: Field | undefined, mode: PolicyMode, problems: ProblemList): number {
  if (field === undefined) {
    problems.error(
      'policy-max-age-missing',
      'The policy has no "max_age" field (RFC 8461 §3.2 requires one).',
    );
    return 0;
  }
  if (!/^[0-9]{1,10}$/.test(field.value)) {
    problems.error(
      'policy-max-age-invalid',
      `max_age ${quote(field.value)} on line ${field.line} is not 1 to 10 digits${describeOddCharacters(field.value)}.`,
      at(field),
    );
    return 0;
  }
  const maxAge = Number(field.value);
  if (maxAge > MAX_AGE_LIMIT) {
    problems.error(
      'policy-max-age-too-large',
      `max_age ${maxAge} is above the RFC 8461 §3.2 maximum of ${MAX_AGE_LIMIT}; some senders reject the policy.`,
      at(field),
    );
  } else if (mode === 'enforce' && maxAge < MAX_AGE_SHORT) {
    problems.warn(
      'policy-max-age-short',
      `max_age ${maxAge} is under a day; enforcing senders forget the policy quickly, which weakens protection.`,
      at(field),
    );
  }
  return maxAge;
}

export interface ParsePolicyOptions {
  /** Warn about template mx values such as mx1.example.com (`lint` only: check knows the real MX hosts). */
  readonly placeholders?: boolean;
}

/** Parse a policy body. Values are returned only when there are no errors. */
export function parsePolicy(body: string, options: ParsePolicyOptions = {}): ParseOutcome<Policy> {
  const problems = new ProblemList();
  const text = checkPolicyEncoding(body, problems);
  if (text === null) return problems.outcome({ version: 'STSv1', mode: 'none', maxAge: 0, mx: [] });
  const fields = splitFields(text, problems);
  const first = firstValues(fields, problems);
  checkKeys(fields, problems);
  const version = first.get('version');
  if (version === undefined) {
    problems.error(
      'policy-version-missing',
      'The policy has no "version" field; it must be "version: STSv1".',
    );
  } else if (version.value !== 'STSv1') {
    // RFC 8461 §3.2 and RFC 7405: `%s"STSv1"` is case-sensitive, so "stsv1" is invalid.
    problems.error(
      'policy-version-invalid',
      `version ${quote(version.value)} on line ${version.line} is not "STSv1"${describeOddCharacters(version.value)}.`,
      at(version),
    );
  }
  const mode = parseMode(first.get('mode'), problems);
  const maxAge = parseMaxAge(first.get('max_age'), mode, problems);
  const mx = parseMx(fields, mode, problems, options.placeholders === true);
  return problems.outcome({ version: 'STSv1', mode, maxAge, mx });
}
