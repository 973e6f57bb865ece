import { readFile } from 'node:fs/promises';
import { getSystemErrorMessage } from 'node:util';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { DomainExpectation, PolicyMode } from '../core/types.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import schema from './domains.schema.json' with { type: 'json' };
import { normalizeDomain, normalizeMxPattern } from './normalize-domain.js';
import { suggest } from './suggest.js';

/** A validated `domains.yml`: one expectation per domain, in file order. */
export interface LoadedConfig {
  readonly file: string;
  readonly domains: readonly DomainExpectation[];
}

/** Used when neither the domain nor `defaults` sets `cert_warning_days`. */
export const DEFAULT_CERT_WARNING_DAYS = 21;

type Segment = string | number;

/** Where a problem is: a path into the document, and for unknown keys the key itself rather than its value. */
interface Place {
  readonly segments: readonly Segment[];
  readonly key?: string;
}

/** Resolves places in one parsed file to issues with line and column. */
interface Source {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/** Fields a domain entry and `defaults` share, as they stand in the file once the schema has accepted it. */
interface RawExpectations {
  readonly mode?: PolicyMode;
  readonly mx?: readonly string[];
  readonly max_age?: number | { readonly min: number };
  readonly tlsrpt?: boolean | readonly string[];
  readonly cert_warning_days?: number;
  readonly ignore?: readonly string[];
}

interface RawEntry extends RawExpectations {
  readonly domain: string;
  readonly id?: string;
}

/**
 * Reads and validates a config file.
 *
 * @throws ConfigError when the file cannot be read, is not YAML, or does not match the schema; the error lists
 *   every problem found, each with its line and column.
 */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const issue = {
      file: path,
      line: 0,
      column: 0,
      path: '',
      message: `cannot read the file: ${osReason(error)}`,
    };
    throw new ConfigError([issue], { cause: error });
  }
  return parseConfig(text, path);
}

/**
 * Parses and validates config text; `file` is only used in messages. Pure, so tests need no files.
 *
 * @throws ConfigError listing every problem found.
 */
export function parseConfig(raw: string, file: string): LoadedConfig {
  // Editors on Windows may save a byte-order mark; yaml 2.9 then misreads a top-level `- item` list.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source: Source = { file, doc, lines };
  // Warnings (such as an unknown !tag) are errors here: a config that YAML reads with doubts is ambiguous.
  const yamlProblems = [...doc.errors, ...doc.warnings];
  if (yamlProblems.length > 0) {
    throw new ConfigError(yamlProblems.map((problem) => yamlIssue(source, text, problem)));
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // toJS refuses documents whose aliases expand too far (a "billion laughs" file).
    throw new ConfigError([issueAt(source, { segments: [] }, (error as Error).message)], { cause: error });
  }
  const { issues, invalid } = validateSchema(source, data);
  issues.push(...checkNames(source, data, invalid));
  if (issues.length > 0) throw new ConfigError(issues);
  return { file, domains: buildExpectations(source, data) };
}

function osReason(error: unknown): string {
  const { errno, code, message } = error as NodeJS.ErrnoException;
  if (typeof errno !== 'number') return String(message);
  return `${getSystemErrorMessage(errno)}${code === undefined ? '' : ` (${code})`}`;
}

function yamlIssue(
  source: Source,
  text: string,
  problem: { code: string; message: string; pos: [number, number] },
) {
  const { line, col } = source.lines.linePos(problem.pos[0]);
  // The parser reports only "Map keys must be unique"; naming the key saves a search.
  const key = /^(?:"[^"]*"|'[^']*'|[^:\n]*)/
    .exec(text.slice(problem.pos[0]))?.[0]
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2');
  let message = problem.message;
  if (problem.code === 'DUPLICATE_KEY' && key !== undefined) {
    message = `duplicate key ${JSON.stringify(key)}; each key may appear only once in a mapping`;
  } else if (problem.code === 'MULTIPLE_DOCS') {
    // The parser's own text advises a library call, which helps no one editing domains.yml.
    message = 'a second YAML document starts here; keep every setting in one document';
  }
  return { file: source.file, line, column: col, path: '', message };
}

/** Builds an issue for a place, positioned on the deepest YAML node that exists along its path. */
function issueAt(source: Source, place: Place, message: string): ConfigIssue {
  const { line, col } = source.lines.linePos(locate(source, place).offset);
  return { file: source.file, line, column: col, path: formatPath(place.segments), message };
}

function locate(source: Source, place: Place): { node: unknown; offset: number } {
  let node: unknown = source.doc.contents;
  let offset = rangeStart(node) ?? 0;
  const steps = place.key === undefined ? place.segments : [...place.segments, place.key];
  steps.forEach((step, index) => {
    if (isAlias(node)) node = node.resolve(source.doc);
    const wantKey = place.key !== undefined && index === steps.length - 1;
    if (isSeq(node)) node = node.items[Number(step)];
    else if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
      node = wantKey ? pair?.key : (pair?.value ?? pair?.key);
    } else node = undefined;
    offset = rangeStart(node) ?? offset;
  });
  return { node, offset };
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

/** `['domains', 1, 'mode']` becomes `domains[1].mode`, the way users read their file. */
function formatPath(segments: readonly Segment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Schema keywords read to word messages; editors (yaml-language-server) read the same two hints. */
interface SchemaHints {
  readonly errorMessage?: string;
  readonly patternErrorMessage?: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly minimum?: number;
  readonly maximum?: number;
}

const NO_DOMAINS = 'no domains; list at least one domain name';

let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  if (validator === undefined) {
    // ajv is CommonJS: under NodeNext the default import is module.exports, whose `default` is the class.
    const ajv = new AjvModule.default({ allErrors: true, verbose: true, strict: true });
    ajv.addVocabulary(['errorMessage', 'patternErrorMessage']);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Validates against the schema; `invalid` holds the paths with an error, so later checks skip them. */
function validateSchema(source: Source, data: unknown): { issues: ConfigIssue[]; invalid: Set<string> } {
  const validate = getValidator();
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
    case 'enum':
      return {
        message: `${found} is not allowed; expected one of ${(params.allowedValues as string[]).join(', ')}`,
      };
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The domain list and the defaults, in either form of the file. */
function splitConfig(data: unknown): { listPath: Segment[]; entries: unknown[]; defaults: unknown } {
  if (Array.isArray(data)) return { listPath: [], entries: data, defaults: undefined };
  if (!isRecord(data)) return { listPath: [], entries: [], defaults: undefined };
  const entries = Array.isArray(data.domains) ? (data.domains as unknown[]) : [];
  return { listPath: ['domains'], entries, defaults: data.defaults };
}

/** Where an entry's domain name is: the entry itself, or its `domain` value. */
function nameSegments(listPath: readonly Segment[], index: number, entry: unknown): Segment[] {
  return typeof entry === 'string' ? [...listPath, index] : [...listPath, index, 'domain'];
}

/**
 * Normalises domain names and mx patterns, reporting names that do not convert and domains listed twice.
 * Runs even when the schema found errors elsewhere, so one run reports everything.
 */
function checkNames(source: Source, data: unknown, invalid: ReadonlySet<string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const check = (segments: Segment[], raw: unknown, normalize: typeof normalizeDomain) => {
    if (typeof raw !== 'string' || invalid.has(formatPath(segments))) return undefined;
    const result = normalize(raw);
    if (!result.ok) issues.push(issueAt(source, { segments }, `${JSON.stringify(raw)} ${result.reason}`));
    return result.ok ? result.value : undefined;
  };
  const checkMx = (segments: Segment[], owner: unknown) => {
    const mx = isRecord(owner) ? owner.mx : undefined;
    if (Array.isArray(mx)) mx.forEach((raw, i) => check([...segments, 'mx', i], raw, normalizeMxPattern));
  };
  const { listPath, entries, defaults } = splitConfig(data);
  checkMx(['defaults'], defaults);
  const seen = new Map<string, { raw: string; line: number }>();
  entries.forEach((entry, index) => {
    checkMx([...listPath, index], entry);
    const segments = nameSegments(listPath, index, entry);
    const raw = typeof entry === 'string' ? entry : isRecord(entry) ? entry.domain : undefined;
    const name = check(segments, raw, normalizeDomain);
    if (name === undefined) return;
    const issue = issueAt(source, { segments }, '');
    const first = seen.get(name);
    if (first === undefined) seen.set(name, { raw: String(raw), line: issue.line });
    else {
      const message = `${JSON.stringify(raw)} is the same domain as "${first.raw}" on line ${first.line}; list each domain once`;
      issues.push({ ...issue, message });
    }
  });
  return issues;
}

/** Turns a valid config into expectations, applying defaults: the domain's own value wins, ignore lists merge. */
function buildExpectations(source: Source, data: unknown): DomainExpectation[] {
  const { listPath, entries, defaults } = splitConfig(data);
  const base = (defaults ?? {}) as RawExpectations;
  return entries.map((entry, index) => {
    const own = (typeof entry === 'string' ? { domain: entry } : entry) as RawEntry;
    const { line, column } = issueAt(source, { segments: nameSegments(listPath, index, entry) }, '');
    const mode = own.mode ?? base.mode;
    const mx = own.mx ?? base.mx;
    const maxAge = own.max_age ?? base.max_age;
    const tlsrpt = own.tlsrpt ?? base.tlsrpt;
    return {
      domain: normalized(normalizeDomain(own.domain), own.domain),
      line,
      column,
      ...(mode === undefined ? {} : { mode }),
      ...(mx === undefined ? {} : { mx: unique(mx.map((p) => normalized(normalizeMxPattern(p), p))) }),
      ...(maxAge === undefined
        ? {}
        : { maxAge: typeof maxAge === 'number' ? { exact: maxAge } : { min: maxAge.min } }),
      ...(own.id === undefined ? {} : { id: own.id }),
      ...(tlsrpt === undefined ? {} : { tlsrpt: tlsrptExpectation(tlsrpt) }),
      certWarningDays: own.cert_warning_days ?? base.cert_warning_days ?? DEFAULT_CERT_WARNING_DAYS,
      ignore: unique([...(base.ignore ?? []), ...(own.ignore ?? [])]),
    };
  });
}

function tlsrptExpectation(value: boolean | readonly string[]): NonNullable<DomainExpectation['tlsrpt']> {
  return typeof value === 'boolean' ? { required: value } : { required: true, rua: unique(value) };
}

/** checkNames has already rejected every name that fails to normalise, so the fallback is never used. */
function normalized(result: ReturnType<typeof normalizeDomain>, raw: string): string {
  return result.ok ? result.value : raw;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
