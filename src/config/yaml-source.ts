import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError, type ConfigIssue } from './config-error.js';

/** One step of a path into the document: a mapping key, or an index into a list. */
export type Segment = string | number;

/** Where a problem is: a path into the document, and for unknown keys the key itself rather than its value. */
export interface Place {
  readonly segments: readonly Segment[];
  readonly key?: string;
}

/** Resolves places in one parsed file to issues with line and column. */
export interface Source {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Parses config text as YAML, keeping positions for later messages; `file` is only used in messages.
 *
 * @throws ConfigError listing every YAML error and warning, each with its line and column.
 */
export function parseYamlSource(raw: string, file: string): { source: Source; data: unknown } {
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
  try {
    return { source, data: doc.toJS() };
  } catch (error) {
    // toJS refuses documents whose aliases expand too far (a "billion laughs" file).
    throw new ConfigError([issueAt(source, { segments: [] }, (error as Error).message)], { cause: error });
  }
}

function yamlIssue(
  source: Source,
  text: string,
  problem: { code: string; message: string; pos: [number, number] },
): ConfigIssue {
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
export function issueAt(source: Source, place: Place, message: string): ConfigIssue {
  const { line, column } = positionOf(source, place);
  return { file: source.file, line, column, path: formatPath(place.segments), message };
}

/** The line and column of the deepest YAML node that exists along the place's path. */
export function positionOf(source: Source, place: Place): Position {
  const { line, col } = source.lines.linePos(locate(source, place).offset);
  return { line, column: col };
}

/** Follows a place through the document: the node there (undefined if absent) and the offset to report. */
export function locate(source: Source, place: Place): { node: unknown; offset: number } {
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
export function formatPath(segments: readonly Segment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Whether parsed data is a YAML mapping (not a list, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
