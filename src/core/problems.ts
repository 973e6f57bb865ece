/** Where a problem is, 1-based, within the text that was parsed (a policy file or one TXT record). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A rule violation found by a parser: stable code plus a one-sentence message, and where it is when known. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** What every record/policy parser returns: a value when usable, plus errors and warnings either way. */
export interface ParseOutcome<T> {
  /** Present only when there are no errors. */
  readonly value: T | null;
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** Lower-priority remarks (unknown keys, ignored fields): never a reason to fail. */
  readonly notices: readonly Problem[];
}

function problem(code: string, message: string, at: Position | undefined): Problem {
  return at === undefined ? { code, message } : { code, message, line: at.line, column: at.column };
}

/** Collects problems while a parser walks its input. */
export class ProblemList {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  readonly notices: Problem[] = [];

  error(code: string, message: string, at?: Position): void {
    this.errors.push(problem(code, message, at));
  }
  warn(code: string, message: string, at?: Position): void {
    this.warnings.push(problem(code, message, at));
  }
  notice(code: string, message: string, at?: Position): void {
    this.notices.push(problem(code, message, at));
  }
  outcome<T>(value: T): ParseOutcome<T> {
    return {
      value: this.errors.length === 0 ? value : null,
      errors: this.errors,
      warnings: this.warnings,
      notices: this.notices,
    };
  }
}

/** JSON.stringify for quoting remote text inside messages: visible quotes, escaped control characters. */
export function quote(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}
