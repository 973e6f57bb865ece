/**
 * `senders:` in domains.yml (issue #7 item 4): which sender profiles count for a domain, in defaults and per
 * domain, validated against the profile list with the file, line and column of a bad entry.
 */
import { describe, expect, it } from 'vitest';
import schema from '../../src/config/domains.schema.json' with { type: 'json' };
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfig } from '../../src/config/load-config.js';
import { SENDER_PROFILE_IDS } from '../../src/core/senders/ids.js';

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

function problems(text: string): string[] {
  try {
    parseConfig(text, 'domains.yml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const ALLOWED = 'rfc, exchange-online, gmail, postfix-dane, postfix-sts-resolver';

describe('senders: in domains.yml', () => {
  it('is absent by default: every profile counts', () => {
    expect(parseConfig('- example.com\n', 'domains.yml').domains[0]?.senders).toBeUndefined();
  });

  it('takes the defaults list, and a domain list replaces it', () => {
    const text = lines(
      'defaults:',
      '  senders: [rfc, exchange-online]',
      'domains:',
      '  - example.com',
      '  - domain: example.org',
      '    senders: [gmail, gmail, postfix-dane]',
    );
    const domains = parseConfig(text, 'domains.yml').domains;
    expect(domains.map((d) => d.senders)).toStrictEqual([
      ['rfc', 'exchange-online'],
      ['gmail', 'postfix-dane'],
    ]);
  });

  it('names an unknown profile with its line, the allowed list and the nearest profile', () => {
    const text = lines('domains:', '  - domain: example.com', '    senders: [rfc, gmial]');
    expect(problems(text)).toStrictEqual([
      `domains.yml:3:20: domains[0].senders[1]: "gmial" is not allowed; expected one of ${ALLOWED}; did you mean "gmail"?`,
    ]);
  });

  it('lists the profiles without a guess when nothing is near, also in defaults', () => {
    const text = lines('defaults:', '  senders:', '    - yahoo-mail', 'domains: [example.com]');
    expect(problems(text)).toStrictEqual([
      `domains.yml:3:7: defaults.senders[0]: "yahoo-mail" is not allowed; expected one of ${ALLOWED}`,
    ]);
  });

  it('refuses an empty list: it would make no sender count', () => {
    expect(problems(lines('- domain: example.com', '  senders: []'))).toStrictEqual([
      'domains.yml:2:12: [0].senders: found an empty list; expected a list of sender profiles such as [rfc, gmail]',
    ]);
  });

  it('the schema lists exactly the profiles the core knows', () => {
    expect(schema.definitions.senders.items.enum).toStrictEqual([...SENDER_PROFILE_IDS]);
  });
});
