import { readFile } from 'node:fs/promises';
import { getSystemErrorMessage } from 'node:util';
import type { DomainExpectation } from '../core/types.js';
import { buildExpectations, checkNames } from './build-expectations.js';
import { ConfigError } from './config-error.js';
import { checkIgnoreCodes } from './ignore-codes.js';
import { validateSchema } from './schema-issues.js';
import { parseYamlSource } from './yaml-source.js';

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
    text = await readFile(path, 'utf8');
  } catch (error) {
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
  const { source, data } = parseYamlSource(raw, file);
  // Every check runs even when an earlier one found problems, so one run reports everything.
  const { issues, invalid } = validateSchema(source, data);
  issues.push(...checkNames(source, data, invalid), ...checkIgnoreCodes(source, data, invalid));
  if (issues.length > 0) throw new ConfigError(issues);
  return { file, domains: buildExpectations(source, data, options.certWarningDays) };
}

function osReason(error: unknown): string {
  const { errno, code, message } = error as NodeJS.ErrnoException;
  if (typeof errno !== 'number') return String(message);
  return `${getSystemErrorMessage(errno)}${code === undefined ? '' : ` (${code})`}`;
}
