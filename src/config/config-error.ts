import { MAX_LISTED_ISSUES } from './limits.js';

/** One problem found in a config file, positioned for an editor or a GitHub annotation. */
export interface ConfigIssue {
  readonly file: string;
  /** 1-based; 0 when the problem concerns the whole file (for example, it cannot be read). */
  readonly line: number;
  /** 1-based; 0 together with `line`. */
  readonly column: number;
  /** The field, as `domains[1].mode`; empty for the top level of the file. */
  readonly path: string;
  /** What was found and the expected form, without the position or the path. */
  readonly message: string;
}

/**
 * A config file that cannot be used: unreadable, not YAML, or not valid against the schema.
 *
 * An operational failure rather than drift, so it is thrown; it carries every problem found, because fixing one
 * error per run is tedious.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The first MAX_LISTED_ISSUES problems in file order; annotations are made from these. */
  readonly issues: readonly ConfigIssue[];
  /** How many more problems were found and not listed (issue #11 item 8: a broken file must not flood the log). */
  readonly omitted: number;

  constructor(issues: readonly ConfigIssue[], options?: ErrorOptions) {
    const sorted = [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
    const listed = sorted.slice(0, MAX_LISTED_ISSUES);
    const omitted = sorted.length - listed.length;
    const more = omitted > 0 ? [`… and ${omitted} more problem${omitted === 1 ? '' : 's'}`] : [];
    super([...listed.map(formatIssue), ...more].join('\n'), options);
    this.issues = listed;
    this.omitted = omitted;
  }
}

/** Formats an issue the way compilers do, `file:line:column: path: message`, so editors can link it. */
export function formatIssue(issue: ConfigIssue): string {
  const position = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const path = issue.path === '' ? '' : `${issue.path}: `;
  return `${position}: ${path}${issue.message}`;
}
