/**
 * The MTA-STS policy file, RFC 8461 §3.2. Lines are `key: value`, separated by CRLF or LF (the ABNF allows
 * both; erratum 6253). Keys are case-sensitive; unknown keys are ignored; for a repeated key other than `mx`
 * the first value wins.
 */
import { isValidMxPattern } from './mx-pattern.js';
import { type ParseOutcome, ProblemList, quote } from './problems.js';
import type { PolicyMode } from './types.js';

/** RFC 8461 §3.2: "maximum value of 31557600" seconds (one year). */
export const MAX_AGE_LIMIT = 31_557_600;
/** Below a day, an enforcing policy expires from caches quickly and gives little protection (RFC 8461 §3.2 advice). */
export const MAX_AGE_SHORT = 86_400;
const MODES: readonly PolicyMode[] = ['enforce', 'testing', 'none'];
const KNOWN_KEYS = ['version', 'mode', 'max_age', 'mx'] as const;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

export interface Policy {
  readonly version: string;
  readonly mode: PolicyMode;
  readonly maxAge: number;
  readonly mx: readonly string[];
}

interface Field {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/** Split the body into fields; malformed lines are reported with their line number. */
function splitFields(body: string, problems: ProblemList): Field[] {
  const fields: Field[] = [];
  const lines = body.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') {
      problems.notice('policy-blank-line', `Line ${line} is blank; strict parsers may reject blank lines.`);
      return;
    }
    const colon = raw.indexOf(':');
    const key = colon < 0 ? '' : raw.slice(0, colon);
    if (colon < 0 || !EXT_NAME.test(key)) {
      problems.error('policy-line-invalid', `Line ${line} is not of the form "key: value": ${quote(raw)}.`);
      return;
    }
    fields.push({ key, value: raw.slice(colon + 1).trim(), line });
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
      );
    } else {
      problems.notice(
        'policy-unknown-key',
        `Key "${field.key}" on line ${field.line} is not defined by RFC 8461 and is ignored.`,
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
    `mode ${quote(field.value)} on line ${field.line} is not one of enforce, testing, none.`,
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
      `max_age ${quote(field.value)} on line ${field.line} is not 1 to 10 digits.`,
    );
    return 0;
  }
  const maxAge = Number(field.value);
  if (maxAge > MAX_AGE_LIMIT) {
    problems.error(
      'policy-max-age-too-large',
      `max_age ${maxAge} is above the RFC 8461 §3.2 maximum of ${MAX_AGE_LIMIT}; some senders reject the policy.`,
    );
  } else if (mode === 'enforce' && maxAge < MAX_AGE_SHORT) {
    problems.warn(
      'policy-max-age-short',
      `max_age ${maxAge} is under a day; enforcing senders forget the policy quickly, which weakens protection.`,
    );
  }
  return maxAge;
}

function parseMx(fields: readonly Field[], mode: PolicyMode, problems: ProblemList): string[] {
  const patterns: string[] = [];
  for (const field of fields.filter((f) => f.key === 'mx')) {
    if (isValidMxPattern(field.value)) {
      patterns.push(field.value.toLowerCase().replace(/\.$/, ''));
    } else {
      problems.error(
        'policy-mx-invalid',
        `mx ${quote(field.value)} on line ${field.line} is not a host name or "*." plus a host name (RFC 8461 §3.2).`,
      );
    }
  }
  if (
    patterns.length === 0 &&
    mode !== 'none' &&
    !problems.errors.some((e) => e.code === 'policy-mx-invalid')
  ) {
    problems.error(
      'policy-mx-missing',
      `A policy in mode "${mode}" needs at least one "mx" line (RFC 8461 §3.2).`,
    );
  }
  return patterns;
}

/** Parse a policy body. Values are returned only when there are no errors. */
export function parsePolicy(body: string): ParseOutcome<Policy> {
  const problems = new ProblemList();
  const fields = splitFields(body, problems);
  const first = firstValues(fields, problems);
  checkKeys(fields, problems);
  const version = first.get('version');
  if (version === undefined) {
    problems.error(
      'policy-version-missing',
      'The policy has no "version" field; it must be "version: STSv1".',
    );
  } else if (version.value !== 'STSv1') {
    problems.error('policy-version-invalid', `version ${quote(version.value)} is not "STSv1".`);
  }
  const mode = parseMode(first.get('mode'), problems);
  const maxAge = parseMaxAge(first.get('max_age'), mode, problems);
  const mx = parseMx(fields, mode, problems);
  return problems.outcome({ version: 'STSv1', mode, maxAge, mx });
}
