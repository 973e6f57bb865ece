import type { SenderProfileId } from '../core/senders/ids.js';
import type { DomainExpectation, PolicyMode } from '../core/types.js';
import type { ConfigIssue } from './config-error.js';
import { normalizeDomain, normalizeMxPattern, type Normalized } from './normalize-domain.js';
import { formatPath, issueAt, isRecord, positionOf, type Segment, type Source } from './yaml-source.js';

/** Used when neither the domain nor `defaults` sets `cert_warning_days`. */
export const DEFAULT_CERT_WARNING_DAYS = 21;

/** Fields a domain entry and `defaults` share, as they stand in the file once the schema has accepted it. */
interface RawExpectations {
  readonly mode?: PolicyMode;
  readonly mx?: readonly string[];
  readonly max_age?: number | { readonly min: number };
  readonly tlsrpt?: boolean | readonly string[];
  readonly cert_warning_days?: number;
  readonly ignore?: readonly string[];
  readonly senders?: readonly SenderProfileId[];
}

interface RawEntry extends RawExpectations {
  readonly domain: string;
  readonly id?: string;
}

/** The domain list and the defaults, in either form of the file. */
export function splitConfig(data: unknown): { listPath: Segment[]; entries: unknown[]; defaults: unknown } {
  if (Array.isArray(data)) return { listPath: [], entries: data, defaults: undefined };
  if (!isRecord(data)) return { listPath: [], entries: [], defaults: undefined };
  const entries = Array.isArray(data.domains) ? (data.domains as unknown[]) : [];
  return { listPath: ['domains'], entries, defaults: data.defaults };
}

/**
 * `defaults` and every domain entry, each with its path: the blocks that may hold expectations such as `mx` and
 * `ignore`. Blocks are as parsed, so not necessarily valid; callers check their shape.
 */
export function expectationBlocks(data: unknown): { segments: Segment[]; block: unknown }[] {
  const { listPath, entries, defaults } = splitConfig(data);
  return [
    ...(defaults === undefined ? [] : [{ segments: ['defaults'], block: defaults }]),
    ...entries.map((block, index) => ({ segments: [...listPath, index], block })),
  ];
}

/** Where an entry's domain name is: the entry itself, or its `domain` value. */
function nameSegments(listPath: readonly Segment[], index: number, entry: unknown): Segment[] {
  return typeof entry === 'string' ? [...listPath, index] : [...listPath, index, 'domain'];
}

/**
 * Normalises domain names and mx patterns, reporting names that do not convert and domains listed twice.
 * Runs even when the schema found errors elsewhere, so one run reports everything; `invalid` holds the paths
 * the schema already reported, which are skipped.
 */
export function checkNames(source: Source, data: unknown, invalid: ReadonlySet<string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const check = (segments: Segment[], raw: unknown, normalize: (input: string) => Normalized) => {
    if (typeof raw !== 'string' || invalid.has(formatPath(segments))) return undefined;
    const result = normalize(raw);
    if (!result.ok) issues.push(issueAt(source, { segments }, `${JSON.stringify(raw)} ${result.reason}`));
    return result.ok ? result.value : undefined;
  };
  for (const { segments, block } of expectationBlocks(data)) {
    const mx = isRecord(block) ? block.mx : undefined;
    if (Array.isArray(mx)) mx.forEach((raw, i) => check([...segments, 'mx', i], raw, normalizeMxPattern));
  }
  const { listPath, entries } = splitConfig(data);
  const seen = new Map<string, { raw: string; line: number }>();
  entries.forEach((entry, index) => {
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

/**
 * Turns a valid config into expectations, applying defaults: the domain's own value wins, ignore lists merge.
 * Call only once the schema and checkNames have found no issue.
 */
export function buildExpectations(
  source: Source,
  data: unknown,
  fallbackWarningDays = DEFAULT_CERT_WARNING_DAYS,
): DomainExpectation[] {
  const { listPath, entries, defaults } = splitConfig(data);
  const base = (defaults ?? {}) as RawExpectations;
  return entries.map((entry, index) => {
    const own = (typeof entry === 'string' ? { domain: entry } : entry) as RawEntry;
    const { line, column } = positionOf(source, { segments: nameSegments(listPath, index, entry) });
    const mode = own.mode ?? base.mode;
    const mx = own.mx ?? base.mx;
    const maxAge = own.max_age ?? base.max_age;
    const tlsrpt = own.tlsrpt ?? base.tlsrpt;
    // A domain's own list replaces the defaults' (issue #7 item 4); absent everywhere: every profile counts.
    const senders = own.senders ?? base.senders;
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
      certWarningDays: own.cert_warning_days ?? base.cert_warning_days ?? fallbackWarningDays,
      ignore: unique([...(base.ignore ?? []), ...(own.ignore ?? [])]),
      ...(senders === undefined ? {} : { senders: unique(senders) }),
      ...keyLinesOf(source, [...listPath, index], own),
    };
  });
}

/** The lines of the entry's own `mode:` and `mx:` keys (issue #8 item 4: a pull request annotates the change). */
function keyLinesOf(
  source: Source,
  segments: readonly Segment[],
  own: RawEntry,
): Pick<DomainExpectation, 'keyLines'> {
  const at = (key: 'mode' | 'mx') =>
    own[key] === undefined ? {} : { [key]: positionOf(source, { segments, key }) };
  const keyLines = { ...at('mode'), ...at('mx') };
  return Object.keys(keyLines).length === 0 ? {} : { keyLines };
}

function tlsrptExpectation(value: boolean | readonly string[]): NonNullable<DomainExpectation['tlsrpt']> {
  return typeof value === 'boolean' ? { required: value } : { required: true, rua: unique(value) };
}

/** checkNames has already rejected every name that fails to normalise, so the fallback is never used. */
function normalized(result: Normalized, raw: string): string {
  return result.ok ? result.value : raw;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
