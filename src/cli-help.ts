/**
 * The argument layer of the command line (issue #11 item 11): `--help` text for every command, built from the same
 * option tables that parseArgs reads, short usage errors that point at `--help`, and a "did you mean" for
 * mistyped options, commands and values.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { suggest } from './config/suggest.js';

/** A mistake in the command line itself; `command` names the help that explains it ("check", "lint policy"). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly command: string | null = null,
  ) {
    super(message);
  }
}

/** How `--help` shows one option. */
export interface OptionHelp {
  /** The value's placeholder (`FILE`, `N`); none for a switch. */
  readonly value?: string;
  readonly meaning: string;
  /** What applies without the option, as a person reads it (`domains.yml`, `off`). */
  readonly default: string;
  readonly repeatable?: boolean;
}

/** One command's help: usage lines, what it does, its options, and any closing notes. */
export interface CommandHelp {
  readonly usage: readonly string[];
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionHelp>>;
  readonly notes?: readonly string[];
}

const WIDTH = 100;
const OPTION_COLUMN = 30;

/** Word-wrap `text` (or its words) into lines of at most `width` characters (a longer word stays whole). */
function wrap(text: string | readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of typeof text === 'string' ? text.split(' ') : text) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** `  --name VALUE` in a column, its meaning and default wrapped beside it (below it when the name is long). */
function optionLines(flag: string, text: string | readonly string[]): string[] {
  const indent = ' '.repeat(OPTION_COLUMN);
  const body = wrap(text, WIDTH - OPTION_COLUMN);
  if (flag.length + 2 > OPTION_COLUMN) return [flag, ...body.map((l) => `${indent}${l}`)];
  return body.map((l, i) => `${i === 0 ? flag.padEnd(OPTION_COLUMN) : indent}${l}`);
}

function describe(name: string, help: OptionHelp): string[] {
  const flag = `  --${name}${help.value === undefined ? '' : ` ${help.value}`}`;
  // "Default:" stays on the line of its value.
  const [first = '', ...rest] = `${help.default}.`.split(' ');
  const words = [
    ...help.meaning.split(' '),
    ...(help.repeatable === true ? ['Repeatable.'] : []),
    `Default: ${first}`,
    ...rest,
  ];
  return optionLines(flag, words);
}

/** The `--help` text of one command. */
export function renderCommandHelp(help: CommandHelp): string {
  const lines = [
    ...help.usage.map((u, i) => `${i === 0 ? 'Usage: ' : '       '}${u}`),
    '',
    ...wrap(help.summary, WIDTH),
    '',
    'Options:',
    ...Object.entries(help.options).flatMap(([name, option]) => describe(name, option)),
    ...optionLines('  -h, --help', 'Show this help.'),
  ];
  for (const note of help.notes ?? []) lines.push('', ...wrap(note, WIDTH));
  return `${lines.join('\n')}\n`;
}

/** The two lines of a usage error: what is wrong, and where the help is. */
export function renderUsageError(error: UsageError): string {
  const where = error.command === null ? '' : ` ${error.command}`;
  return `mta-sts-drift${where}: ${error.message}\nsee 'mta-sts-drift${where} --help'\n`;
}

/** `; did you mean X?` when one candidate is close to what was typed, else nothing. */
export function didYouMean(typed: string, candidates: readonly string[]): string {
  const near = suggest(typed, candidates);
  return near === undefined ? '' : `; did you mean ${near}?`;
}

/** Does the command line ask for help (`--help` or `-h` before any `--`)? */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const head = end === -1 ? args : args.slice(0, end);
  return head.includes('--help') || head.includes('-h');
}

function parseArgsCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')
    ? code
    : null;
}

/** A parseArgs refusal in our words, with a suggestion for an unknown option. */
function usageErrorFrom(
  error: TypeError,
  code: string,
  command: string,
  options: readonly string[],
): UsageError {
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const typed = /'(-[^']*)'/.exec(error.message)?.[1] ?? '';
    const flags = options.map((o) => `--${o}`);
    return new UsageError(`unknown option ${typed}${didYouMean(typed, flags)}`, command);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const typed = /'([^']*)'/.exec(error.message)?.[1] ?? '';
    return new UsageError(`takes options only, not ${JSON.stringify(typed)}`, command);
  }
  // "Option '--config <value>' argument missing", "Option '--json' does not take an argument".
  const option = /'(-[^' ]*)/.exec(error.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    const needs = /argument missing/.test(error.message);
    return new UsageError(`${option} ${needs ? 'needs a value' : 'takes no value'}`, command);
  }
  return new UsageError(error.message, command);
}

/**
 * parseArgs, strict, with its errors turned into short UsageErrors for `command`: an unknown option gets a
 * "did you mean" among the command's options.
 */
export function parseCommand<O extends ParseArgsOptionsConfig>(
  command: string,
  args: string[],
  options: O,
  allowPositionals: boolean,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    const code = parseArgsCode(error);
    if (code === null) throw error;
    throw usageErrorFrom(error as TypeError, code, command, Object.keys(options));
  }
}

/** A value from a fixed set, or a UsageError listing the set (and the nearest one). */
export function oneOf<T extends string>(
  command: string,
  name: string,
  value: string,
  allowed: readonly T[],
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `--${name} ${JSON.stringify(value)} is not allowed; expected one of ${allowed.join(', ')}` +
      didYouMean(value, allowed),
    command,
  );
}

/**
 * A whole number from `min` to `max` given as `--name VALUE`, or a UsageError for `command` saying so; undefined
 * when the option was not given. One rule for every command's numeric options.
 */
export function wholeNumber(
  command: string,
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(
      `--${name} ${JSON.stringify(value)} is not a whole number from ${min} to ${max}`,
      command,
    );
  }
  return Number(value);
}
