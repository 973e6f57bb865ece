import { readFile, stat } from 'node:fs/promises';
import { getSystemErrorMessage } from 'node:util';
import type { DomainExpectation } from '../core/types.js';
import { buildExpectations, checkNames, splitConfig } from './build-expectations.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { checkIgnoreCodes } from './ignore-codes.js';
import { MAX_CONFIG_BYTES, MAX_DOMAINS } from './limits.js';
import { validateSchema } from './schema-issues.js';
import { issueAt, parseYamlSource } from './yaml-source.js';

export { DEFAULT_CERT_WARNING_DAYS } from './build-expectations.js';

/** A validated `domains.yml`: one expectation per domain, in file order. */
export interface LoadOptions {
  /** cert_warning_days for domains whose entry and `defaults` leave it unset (the Action's input). */
  readonly certWarningDays?: number;
}

export interface LoadedConfig {
  readonly file: string;
  readonly domains: readonly DomainExpectation[];
}

/**
 * Reads and validates a config file.
 *
 * @throws ConfigError when the file cannot be read, is not YAML, or does not match the schema; the error lists
 *   every problem found, each with its line and column.
 */
export async function loadConfig(path: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  let text: string;
  try {
    // Refuse a huge file before reading it (issue #11 item 8).
    const { size } = await stat(path);
    if (size > MAX_CONFIG_BYTES) throw new ConfigError([tooLarge(path, size)]);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const issue = {
      file: path,
      line: 0,
      column: 0,
      path: '',
      message: `cannot read the file: ${osReason(error)}`,
    };
    throw new ConfigError([issue], { cause: error });
  }
  return parseConfig(text, path, options);
}

/**
 * Parses and validates config text; `file` is only used in messages. Pure, so tests need no files.
 *
 * @throws ConfigError listing every problem found.
 */
export function parseConfig(raw: string, file: string, options: LoadOptions = {}): LoadedConfig {
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (bytes > MAX_CONFIG_BYTES) throw new ConfigError([tooLarge(file, bytes)]);
  const { source, data } = parseYamlSource(raw, file);
  const count = splitConfig(data).entries.length;
  if (count > MAX_DOMAINS) {
    const message = `${count} domains listed; at most ${MAX_DOMAINS} are checked in one run: split the list over several workflows or config files`;
    throw new ConfigError([issueAt(source, { segments: splitConfig(data).listPath }, message)]);
  }
  // Every check runs even when an earlier one found problems, so one run reports everything.
  const { issues, invalid } = validateSchema(source, data);
  issues.push(...checkNames(source, data, invalid), ...checkIgnoreCodes(source, data, invalid));
  if (issues.length > 0) throw new ConfigError(issues);
  return { file, domains: buildExpectations(source, data, options.certWarningDays) };
}

function tooLarge(file: string, bytes: number): ConfigIssue {
  const message = `the file is ${bytes} bytes; at most ${MAX_CONFIG_BYTES} bytes (1 MiB) are read`;
  return { file, line: 0, column: 0, path: '', message };
}

function osReason(error: unknown): string {
  const { errno, code, message } = error as NodeJS.ErrnoException;
  if (typeof errno !== 'number') return String(message);
  return `${getSystemErrorMessage(errno)}${code === undefined ? '' : ` (${code})`}`;
}
