/**
 * Escaping for GitHub-flavoured Markdown. Finding messages mix our words with text from remote servers (policy
 * lines, SMTP replies, certificate names, redirect targets): in an issue or a job summary that text must not
 * become markup, HTML, a link, an @-mention or an issue reference (issue #3).
 */
import { stripControl } from './sanitize.js';

/** Zero-width joiner: invisible, but it ends the `@name` and `#123` patterns GitHub links. */
const ZWJ = '\u200d';

/** Remote text is cut to this many characters; a finding never needs more. */
export const MAX_INLINE_CHARS = 300;

/**
 * Punctuation that means something inline: code, emphasis, links and images, table cells, strikethrough, math.
 * `&`, `<` and `>` become entities instead.
 */
const INLINE_PUNCTUATION = /[\\`*_[\]()!|~$]/g;
/** What means something at the start of a line: headings, lists, quotes, setext underlines. */
const LINE_START = /^(?:[#+\-=]|\d+[.)])/;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Entities for HTML's special characters; `&` first, so an entity in the text shows as typed. */
function escapeEntities(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Break what GitHub links in plain text: @mentions, #123 and GH-123 references (issue #11 item 8), e-mail
 * addresses and bare URLs.
 */
function breakLinks(text: string): string {
  return text
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWJ}`)
    .replace(/#(?=\p{N})/gu, `#${ZWJ}`)
    .replace(/\b(gh)(?=-\p{N})/giu, `$1${ZWJ}`)
    .replace(/\b(https?|ftp|mailto|www)(?=[:.])/giu, `$1${ZWJ}`);
}

function prepare(text: string, max: number): string {
  return cut(stripControl(text.replace(/\r?\n/g, ' ')), max);
}

/**
 * Plain text for an issue title, which GitHub does not render as Markdown but links `#123` in: control characters
 * made visible, new lines folded, references and mentions broken, cut to `max` (issue #9 item 1: cause titles
 * may quote a remote server).
 */
export function escapeTitle(text: string, max: number): string {
  return breakLinks(prepare(text, max));
}

/**
 * Inline text, safe anywhere Markdown is rendered, table cells included: control characters made visible, new
 * lines folded, HTML special characters as entities, Markdown punctuation escaped, and mentions, issue
 * references and bare URLs broken with a zero-width joiner.
 */
export function escapeMarkdown(text: string, max = MAX_INLINE_CHARS): string {
  const escaped = escapeEntities(prepare(text, max)).replace(INLINE_PUNCTUATION, (c) => `\\${c}`);
  // A digit is not escapable: `1.` becomes `1\.`, the others get a backslash in front.
  const start = escaped.replace(LINE_START, (c) =>
    /^\d/.test(c) ? `${c.slice(0, -1)}\\${c.slice(-1)}` : `\\${c}`,
  );
  return breakLinks(start);
}

/** Text inside raw HTML (a `<summary>` element), where Markdown escapes would show as typed. */
export function escapeHtml(text: string, max = MAX_INLINE_CHARS): string {
  return breakLinks(escapeEntities(prepare(text, max)).replaceAll('"', '&quot;'));
}

/** HTML comment delimiters: `<!--` opens a comment, `-->` and `--!>` close one (HTML, "Comments"). */
const COMMENT_DELIMITER = /<!--|--!?>/;

/**
 * A code span: nothing inside is rendered, linked or mentioned. The fence is one backtick longer than the longest
 * run inside, with spaces when the text starts or ends with a backtick (CommonMark §6.1). Not for table cells,
 * where a `|` would still split the cell: use escapeMarkdown there.
 *
 * A code span keeps `<` as typed in the raw body, so text with an HTML comment delimiter is escaped as plain text
 * instead (entities): remote text must never put a live `<!--` next to the action's hidden markers (issue #11
 * item 5).
 */
export function codeSpan(text: string, max = MAX_INLINE_CHARS): string {
  const body = prepare(text, max);
  if (COMMENT_DELIMITER.test(body)) return escapeMarkdown(text, max);
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  if (body === '') return '` `';
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** One row of a Markdown table; every cell is expected to be escaped already. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A Markdown table with a header row. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [tableRow(header), tableRow(header.map(() => '---')), ...rows.map(tableRow)].join('\n');
}

/**
 * A fix sentence from the findings catalogue, where text to copy (records, policy lines, host names) stands in
 * backticks: those parts become code spans, which GitHub neither links nor mentions, so they need no zero-width
 * joiner and copy exactly (issue #11 item 13). The prose between them is escaped as usual.
 */
export function fixMarkdown(fix: string): string {
  return fix
    .split('`')
    .map((part, i) => (i % 2 === 1 ? codeSpan(part) : part === '' ? '' : escapeMarkdown(part)))
    .join('');
}
