import { FINDING_CODES, isFindingCode } from '../core/findings.js';
import { expectationBlocks } from './build-expectations.js';
import type { ConfigIssue } from './config-error.js';
import { suggest } from './suggest.js';
import { formatPath, issueAt, isRecord, type Segment, type Source } from './yaml-source.js';

const KNOWN_CODES: readonly string[] = Object.keys(FINDING_CODES);

/** With dozens of codes, listing them all would bury the message; the README table has each one's meaning. */
const NO_NEAR_CODE_HINT = 'see the Findings table in README.md for the codes';

/**
 * Reports every `ignore` entry, in `defaults` and in each domain, that names no finding code: a misspelt code
 * would otherwise silently ignore nothing. Entries the schema already reported (in `invalid`) are skipped.
 */
export function checkIgnoreCodes(source: Source, data: unknown, invalid: ReadonlySet<string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const { segments, block } of expectationBlocks(data)) {
    const ignore = isRecord(block) ? block.ignore : undefined;
    if (!Array.isArray(ignore)) continue;
    ignore.forEach((code: unknown, index) => {
      const at: Segment[] = [...segments, 'ignore', index];
      if (typeof code !== 'string' || isFindingCode(code) || invalid.has(formatPath(at))) return;
      issues.push(issueAt(source, { segments: at }, unknownCodeMessage(code)));
    });
  }
  return issues;
}

/** The message for a code that is not in the catalogue, suggesting the nearest code when one is close. */
export function unknownCodeMessage(code: string): string {
  const near = suggest(code, KNOWN_CODES);
  const advice = near === undefined ? NO_NEAR_CODE_HINT : `did you mean "${near}"?`;
  return `unknown finding code ${JSON.stringify(code)}; ${advice}`;
}
