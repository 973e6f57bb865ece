/**
 * Reading untrusted JSON field by field for the TLS-RPT report parser (tlsrpt-report.ts): every value is checked
 * for its type and bounded, and a problem names the field and the form expected. Pure.
 */
import type { TolerationCode } from './tlsrpt-report.js';

/** Session counts above this are not believed (beyond Number.MAX_SAFE_INTEGER sums lose precision). */
const MAX_COUNT = 1e12;

/** A report field that cannot be read: rejects the whole report. */
export class ReportFormatError extends Error {}

export type Json = Record<string, unknown>;

/** Reads fields one at a time and remembers which tolerated variations it met. */
export class Reader {
  readonly tolerated: TolerationCode[] = [];

  /** `maxString`: characters kept of any one string (TLSRPT_LIMITS.maxString for reports). */
  constructor(private readonly maxString: number) {}

  tolerate(code: TolerationCode): void {
    if (!this.tolerated.includes(code)) this.tolerated.push(code);
  }

  /** A bounded string, or null when absent; `where` names the field in errors. */
  string(value: unknown, where: string, required: boolean): string | null {
    if (value === undefined || value === null) {
      if (required) throw new ReportFormatError(`${where} is missing`);
      return null;
    }
    if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
    if (typeof value !== 'string')
      throw new ReportFormatError(`${where} is ${typeName(value)}, expected a string`);
    if (value.length > this.maxString) {
      this.tolerate('string-truncated');
      return `${value.slice(0, this.maxString)}…`;
    }
    return value;
  }

  /** A session count: a non-negative whole number, or a string of digits. */
  count(value: unknown, where: string): number {
    if (value === undefined || value === null) {
      this.tolerate('count-missing');
      return 0;
    }
    let n = value;
    if (typeof value === 'string' && /^\s*[0-9]{1,13}\s*$/.test(value)) {
      this.tolerate('count-as-string');
      n = Number(value);
    }
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_COUNT) {
      throw new ReportFormatError(
        `${where} is ${describe(value)}, expected a whole number from 0 to ${MAX_COUNT}`,
      );
    }
    return n;
  }

  array(value: unknown, where: string, max: number): unknown[] {
    if (!Array.isArray(value))
      throw new ReportFormatError(`${where} is ${typeName(value)}, expected an array`);
    if (value.length > max) {
      throw new ReportFormatError(`${where} has ${value.length} entries; at most ${max} are accepted`);
    }
    return value;
  }

  /** An MX or domain name: lower case, no trailing dot (RFC 8461 §4.1 compares them that way). */
  hostName(value: unknown, where: string): string | null {
    const raw = this.string(value, where, false);
    if (raw === null || raw.trim() === '') return null;
    const name = raw.trim().toLowerCase().replace(/\.$/, '');
    if (name !== raw) this.tolerate('mx-name-normalised');
    return name;
  }
}

function typeName(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function describe(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? JSON.stringify(value).slice(0, 40)
    : typeName(value);
}

export function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ReportFormatError(`${where} is ${typeName(value)}, expected an object`);
  }
  return value as Json;
}

/**
 * RFC 8460 §4.4 says RFC 3339 date-time. Accepted with or without fractional seconds, with `Z` or an offset; a
 * space instead of `T` is not accepted (Date.parse would guess).
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

export function dateTime(r: Reader, value: unknown, where: string): string {
  const text = r.string(value, where, true) ?? '';
  const ms = DATE_TIME.test(text) ? Date.parse(text.toUpperCase()) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ReportFormatError(
      `${where} is ${JSON.stringify(text.slice(0, 40))}, expected an RFC 3339 date-time`,
    );
  }
  return new Date(ms).toISOString();
}
