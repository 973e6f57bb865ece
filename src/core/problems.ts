/** A rule violation found by a parser: stable code plus a one-sentence message. */
export interface Problem {
  readonly code: string;
  readonly message: string;
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

/** Collects problems while a parser walks its input. */
export class ProblemList {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  readonly notices: Problem[] = [];

  error(code: string, message: string): void {
    this.errors.push({ code, message });
  }
  warn(code: string, message: string): void {
    this.warnings.push({ code, message });
  }
  notice(code: string, message: string): void {
    this.notices.push({ code, message });
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
