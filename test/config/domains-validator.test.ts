/**
 * The config schema is compiled ahead of time (issue #9 item 4): the generated validator must be the one ajv
 * makes from domains.schema.json today, and behave as a run-time compile does.
 */
import AjvModule from 'ajv';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { VALIDATOR_FILE, validatorSource } from '../../scripts/schema-validator.js';
import validate from '../../src/config/domains-validator.js';
import schema from '../../src/config/domains.schema.json' with { type: 'json' };

describe('src/config/domains-validator.js', () => {
  it('is what scripts/schema-validator.ts makes from domains.schema.json now (run `npm run docs`)', async () => {
    expect(await readFile(VALIDATOR_FILE, 'utf8')).toBe(validatorSource());
  });

  it('gives the errors of a run-time compile of the schema', () => {
    const ajv = new AjvModule.default({ allErrors: true, verbose: true, strict: true });
    ajv.addVocabulary(['errorMessage', 'patternErrorMessage']);
    const compiled = ajv.compile(schema);
    const inputs: unknown[] = [
      ['example.com'],
      [],
      null,
      { domains: [{ domain: 'example.com', mode: 'enforcing', mx: ['*.example.net'] }] },
      {
        domains: [{ domain: 'example.com', mode: 'enforce', maxage: -1, colour: 'red' }],
        defaults: { id: 1 },
      },
      { defaults: { senders: ['gmial'] }, domains: 'x' },
    ];
    for (const input of inputs) {
      const ok = validate(input);
      expect(ok).toBe(compiled(input));
      expect(JSON.stringify(validate.errors)).toBe(JSON.stringify(compiled.errors));
    }
    expect(validate(['example.com'])).toBe(true);
    expect(validate({ domains: 1 })).toBe(false);
  });
});
