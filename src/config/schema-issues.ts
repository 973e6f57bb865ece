import type { ErrorObject } from 'ajv';
import { isScalar } from 'yaml';
import type { ConfigIssue } from './config-error.js';
// domains.schema.json compiled ahead of time by scripts/schema-validator.ts (issue #9 item 4: compiling it took
// 30 to 50 ms of every run); test/config/domains-validator.test.ts keeps it in step with the schema.
import validate from './domains-validator.js';
import { suggest } from './suggest.js';
import { issueAt, isRecord, locate, type Segment, type Source } from './yaml-source.js';

/** Schema keywords read to word messages; editors (yaml-language-server) read the same two hints. */
interface SchemaHints {
  readonly errorMessage?: string;
  readonly patternErrorMessage?: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly minimum?: number;
  readonly maximum?: number;
}

const NO_DOMAINS = 'no domains; list at least one domain name';

/**
 * Validates parsed data against domains.schema.json, turning each ajv error into a positioned issue worded for
 * someone editing the file. `invalid` holds the paths with an error, so later checks skip them.
 */
export function validateSchema(
  source: Source,
  data: unknown,
): { issues: ConfigIssue[]; invalid: Set<string> } {
  validate(data);
  // `if` errors only say which branch failed; the branch's own errors say why.
  const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'if');
  const issues = errors.map((error) => {
    const segments = pointerSegments(error.instancePath, data);
    const { node } = locate(source, { segments });
    const { message, key } = describeError(error, segments, isScalar(node) ? node.source : undefined);
    return issueAt(source, key === undefined ? { segments } : { segments, key }, message);
  });
  return { issues, invalid: new Set(issues.map((issue) => issue.path)) };
}

/** Splits a JSON pointer; a segment is a number where the data at that point is a list. */
function pointerSegments(pointer: string, data: unknown): Segment[] {
  if (pointer === '') return [];
  let cursor = data;
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const step = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      const segment = Array.isArray(cursor) ? Number(step) : step;
      cursor =
        isRecord(cursor) || Array.isArray(cursor) ? (cursor as Record<string, unknown>)[step] : undefined;
      return segment;
    });
}

function describeError(error: ErrorObject, segments: readonly Segment[], text: string | undefined) {
  const hints = (error.parentSchema ?? {}) as SchemaHints;
  const params = error.params as Record<string, unknown>;
  const found = describeValue(error.data, text);
  const domainList = segments.length === 0 || (segments.length === 1 && segments[0] === 'domains');
  switch (error.keyword) {
    case 'enum': {
      const allowed = params.allowedValues as string[];
      // A misspelt sender profile gets a suggestion, as unknown keys do (issue #7 item 4: `senders: [gmial]`).
      const profile = segments.at(-2) === 'senders' && typeof error.data === 'string';
      const near = profile ? suggest(String(error.data), allowed) : undefined;
      const hint = near === undefined ? '' : `; did you mean "${near}"?`;
      return { message: `${found} is not allowed; expected one of ${allowed.join(', ')}${hint}` };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { key, message: unknownKey(key, segments, Object.keys(hints.properties ?? {})) };
    }
    case 'required':
      return { message: `missing required key "${String(params.missingProperty)}"` };
    case 'minimum':
    case 'maximum':
      return { message: `${found} is out of range; expected ${hints.minimum} to ${hints.maximum}` };
    case 'pattern':
      return {
        message: `${found} is not valid; ${hints.patternErrorMessage ?? `expected ${String(params.pattern)}`}`,
      };
    case 'minItems':
      return {
        message: domainList ? NO_DOMAINS : `found an empty list; ${hints.errorMessage ?? 'expected entries'}`,
      };
    case 'type':
      if (error.data === null && domainList) {
        return { message: segments.length === 0 ? 'no domains; the file is empty' : NO_DOMAINS };
      }
      return { message: typeMessage(hints, String(params.type), found, error.data, text) };
    default:
      return { message: `${found} ${error.message ?? 'is not valid'}` };
  }
}

function typeMessage(
  hints: SchemaHints,
  type: string,
  found: string,
  data: unknown,
  text: string | undefined,
) {
  const message = `${hints.errorMessage ?? `expected ${type}`}, found ${found}`;
  // `id: 20240101` is a number to YAML, and `0123` would even lose its zero: quoting is the fix.
  return type === 'string' && typeof data === 'number'
    ? `${message}; quote it ("${text ?? data}") to keep it as text`
    : message;
}

function unknownKey(key: string, segments: readonly Segment[], allowed: readonly string[]): string {
  if (key === 'id' && segments.length === 1 && segments[0] === 'defaults') {
    return '"id" is not allowed in defaults; each domain publishes its own policy id, so set id on the domain';
  }
  const near = suggest(key, allowed);
  if (near !== undefined) return `unknown key "${key}"; did you mean "${near}"?`;
  if (allowed.length === 1) {
    return `unknown key "${key}"; the only key allowed here is "${String(allowed[0])}"`;
  }
  return `unknown key "${key}"; expected one of ${allowed.join(', ')}`;
}

function describeValue(data: unknown, text: string | undefined): string {
  if (data === null || data === undefined) return 'an empty value';
  if (typeof data === 'string') return JSON.stringify(data);
  // The source text keeps what YAML's number parsing loses, such as the zero of `0123`.
  if (typeof data === 'number' || typeof data === 'boolean') return text ?? String(data);
  return Array.isArray(data) ? 'a list' : 'a mapping';
}
