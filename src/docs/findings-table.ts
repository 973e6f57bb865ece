/** The README's table of finding codes, generated from the catalogue so the two cannot drift apart. */
import { FINDING_CODES } from '../core/findings.js';

const escapeCell = (text: string): string => text.replaceAll('|', '\\|');

/** Markdown table: code, default severity, meaning, fix. */
export function renderFindingsTable(): string {
  const rows = Object.entries(FINDING_CODES).map(
    ([code, info]) =>
      `| \`${code}\` | ${info.severity} | ${escapeCell(info.meaning)} | ${escapeCell(info.fix)} |`,
  );
  return ['| code | severity | meaning | fix |', '|---|---|---|---|', ...rows].join('\n');
}
