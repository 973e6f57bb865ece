/**
 * The human-readable check report: a table of domains and verdicts, then the findings grouped by domain.
 * Colour follows NO_COLOR and FORCE_COLOR, then whether the stream is a terminal (see wantsColour).
 */
import { styleText } from 'node:util';
import type { CheckReport } from '../check.js';
import { refusalLine } from '../core/sender-findings.js';
import type { DomainReport, Finding, Severity } from '../core/types.js';
import { cachedRefusalLines } from './cached-lines.js';
import { causeLines, someOf } from './causes.js';
import { stripControl } from './sanitize.js';

type Style = Parameters<typeof styleText>[0];
export type Paint = (style: Style, text: string) => string;

/**
 * Colour or not (issue #11 item 19), in this order:
 * 1. FORCE_COLOR with a non-empty value forces colour, even into a pipe (https://force-color.org), except `0` and
 *    `false`, which turn it off as Node and most tools read them;
 * 2. NO_COLOR with a non-empty value turns colour off (https://no-color.org: an empty value does not count);
 * 3. TERM=dumb turns it off, as Node's own terminal detection does;
 * 4. otherwise colour exactly when the stream is a terminal.
 */
export function wantsColour(isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  const noColour = env['NO_COLOR'];
  if (noColour !== undefined && noColour !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return isTty;
}

/** A painter bound to a stream: plain text unless that stream shows colour. */
export function painterFor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): Paint {
  const colour = wantsColour((stream as { isTTY?: boolean }).isTTY === true, env);
  // validateStream: false, because the decision above is ours (styleText alone would refuse FORCE_COLOR=0 only).
  return colour ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', notice: 'dim' };
const STATUS_STYLE: Record<DomainReport['status'], Style> = {
  ok: 'green',
  warning: 'yellow',
  error: 'red',
  unknown: 'magenta',
  incomplete: 'cyan',
};

const SKIPPED_LABEL: Record<DomainReport['notChecked'][number], string> = { 'mx-tls': 'MX TLS' };

/** The status with what was not checked, so a domain with skipped checks never reads plain "ok" (issue #10). */
export function statusText(d: Pick<DomainReport, 'status' | 'notChecked'>): string {
  if (d.notChecked.length === 0) return d.status;
  return `${d.status} (${d.notChecked.map((c) => SKIPPED_LABEL[c]).join(', ')} not checked)`;
}

function findingLines(f: Finding, paint: Paint): string[] {
  const tag = paint(SEVERITY_STYLE[f.severity], `${f.severity.padEnd(7)} ${f.code}`);
  return [`  ${tag}  ${stripControl(f.message)}`, `          fix: ${stripControl(f.fix)}`];
}

function verdict(value: boolean | null): string {
  return value === null ? 'unknown' : value ? 'YES' : 'no';
}

function table(rows: string[][], paint: Paint, styles: (Style | null)[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows.map((row, r) =>
    row
      .map((cell, col) => {
        const padded = cell.padEnd(widths[col] ?? 0);
        const style = styles[r]?.[col] ?? null;
        return style === null ? padded : paint(style, padded);
      })
      .join('  ')
      .trimEnd(),
  );
}

/** One line per domain that some counted sender class refuses (issue #7 item 4); nothing when none does. */
export function refusalLines(report: CheckReport, paint: Paint): string[] {
  const lines = report.domains.flatMap((d) => {
    const refusal = refusalLine(d.senders);
    return refusal === null ? [] : [`  ${d.domain}: ${stripControl(refusal)}`];
  });
  return lines.length === 0 ? [] : ['', paint('bold', 'sender classes that refuse mail'), ...lines];
}

/** Render the whole report as text lines. */
export function renderTerminal(report: CheckReport, paint: Paint): string {
  const header = ['DOMAIN', 'STATUS', 'BOUNCES', 'IF ENFORCED', 'POLICY', 'MODE', 'MX'];
  const rows = report.domains.map((d) => [
    d.domain,
    statusText(d),
    verdict(d.bounces),
    verdict(d.bouncesIfEnforced),
    d.policy.status,
    d.policy.mode ?? '-',
    d.mx.map((m) => `${m.host}:${m.tls}`).join(' ') || '-',
  ]);
  const styles: (Style | null)[][] = [
    header.map((): Style => 'bold'),
    ...report.domains.map((d): (Style | null)[] => [
      null,
      STATUS_STYLE[d.status],
      d.bounces === true ? 'red' : null,
    ]),
  ];
  // Several domains: what one fix resolves first (issue #9 item 2).
  const lines = [...causeLines(report, paint), ...table([header, ...rows], paint, styles)];
  lines.push(...refusalLines(report, paint));
  if (report.runFindings.length > 0) {
    lines.push('', paint('bold', 'this run'));
    for (const f of report.runFindings) lines.push(...findingLines(f, paint));
  }
  for (const notice of report.notices) lines.push('', paint('cyan', `note: ${stripControl(notice)}`));
  for (const d of report.domains) {
    const cached = cachedRefusalLines(d);
    if (d.findings.length === 0 && cached.length === 0) continue;
    lines.push('', paint('bold', `${d.domain} (${statusText(d)})`));
    // What senders may still hold, and until when (issue #8 item 4): the time the operator waits for.
    const style: Style = d.bouncesForCachedSenders === true ? 'red' : 'yellow';
    for (const line of cached) lines.push(`  ${paint(style, 'cached ')}  ${stripControl(line)}`);
    for (const f of d.findings) lines.push(...findingLines(f, paint));
  }
  const s = report.summary;
  lines.push(
    '',
    `${s.domains} domain(s): ${s.errors} error(s), ${s.warnings} warning(s), ${s.notices} notice(s)` +
      (s.bouncing.length > 0 ? `; bouncing: ${someOf(s.bouncing, stripControl)}` : ''),
  );
  return `${lines.join('\n')}\n`;
}
