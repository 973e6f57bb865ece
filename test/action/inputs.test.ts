import { describe, expect, it } from 'vitest';
import { InputError, readSettings } from '../../src/action/inputs.js';
import type { RunContext } from '../../src/action/run-context.js';

const context = (eventName: string, fromFork: boolean | null = null): RunContext => ({
  eventName,
  owner: 'octo',
  repo: 'dns',
  workspace: '/w',
  tempDir: '/tmp',
  pullRequest: fromFork === null ? null : { number: 1, baseSha: 'abc', fromFork },
});

const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

describe('readSettings', () => {
  it('applies the defaults of action.yml when inputs are empty', () => {
    expect(readSettings(reader({}), context('schedule'))).toEqual({
      config: 'domains.yml',
      token: '',
      failOn: 'error',
      issues: true,
      issueOn: 'warning',
      issueLabels: ['mta-sts-drift'],
      certWarningDays: null,
      checkMxTls: 'auto',
      state: { kind: 'issue' },
      concurrency: 32,
      timeoutSeconds: 10,
      dryRun: false,
      maxIssueWrites: 50,
      allowPrivateAddresses: false,
      tlsrptSources: [],
      remarks: [],
    });
  });

  it.each([
    ['schedule', null, 'auto', true],
    ['workflow_dispatch', null, 'auto', true],
    ['push', null, 'auto', false],
    ['pull_request', false, 'auto', false],
    ['pull_request', false, 'true', true],
    ['pull_request', true, 'true', false],
    ['schedule', null, 'FALSE', false],
  ] as const)('issues on %s (fork %s, input %s): %s', (event, fork, input, expected) => {
    expect(readSettings(reader({ issues: input }), context(event, fork)).issues).toBe(expected);
  });

  it('says why issues: true is ignored on a fork', () => {
    expect(readSettings(reader({ issues: 'true' }), context('pull_request', true)).remarks).toEqual([
      'issues: true is ignored on a pull request from a fork: its token is read-only.',
    ]);
  });

  it('parses labels, state, numbers and booleans', () => {
    const settings = readSettings(
      reader({
        'issue-labels': 'mta-sts, dns\nurgent, dns',
        state: 'file:.state/mta-sts.json',
        'cert-warning-days': '0',
        'max-issue-operations': '0',
        'dry-run': 'True',
        'allow-private-addresses': 'true',
      }),
      context('schedule'),
    );
    expect(settings).toMatchObject({
      issueLabels: ['mta-sts', 'dns', 'urgent'],
      state: { kind: 'file', path: '.state/mta-sts.json' },
      certWarningDays: 0,
      maxIssueWrites: 0,
      dryRun: true,
      allowPrivateAddresses: true,
    });
  });

  it.each([
    ['fail-on', 'errors', 'Input "fail-on" has the value "errors"; allowed: error, warning, never'],
    ['issue-on', 'notice', 'Input "issue-on" has the value "notice"; allowed: error, warning'],
    ['check-mx-tls', 'yes', 'Input "check-mx-tls" has the value "yes"; allowed: auto, true, false'],
    ['issues', 'sometimes', 'Input "issues" has the value "sometimes"; allowed: auto, true, false'],
    ['dry-run', 'yes', 'Input "dry-run" has the value "yes"; allowed: true, false'],
    ['state', 'cache', 'Input "state" has the value "cache"; allowed: issue, none, file:PATH'],
    ['concurrency', '0', 'Input "concurrency" has the value "0"; allowed: a whole number from 1 to 1000'],
    ['timeout', '2.5', 'Input "timeout" has the value "2.5"; allowed: a whole number from 1 to 300'],
    [
      'cert-warning-days',
      '400',
      'Input "cert-warning-days" has the value "400"; allowed: a whole number from 0 to 365',
    ],
    [
      'max-issue-operations',
      '-1',
      'Input "max-issue-operations" has the value "-1"; allowed: a whole number from 0 to 1000',
    ],
    [
      'issue-labels',
      'x'.repeat(51),
      `Input "issue-labels" has the value "${'x'.repeat(51)}"; allowed: label names of at most 50 characters, separated by commas or new lines`,
    ],
  ])('rejects %s=%j naming the input, the value and the allowed values', (name, value, message) => {
    const read = () => readSettings(reader({ [name]: value }), context('schedule'));
    expect(read).toThrow(InputError);
    expect(read).toThrow(message);
  });
});
