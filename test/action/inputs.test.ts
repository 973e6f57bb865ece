import { describe, expect, it } from 'vitest';
import { InputError, readSettings } from '../../src/action/inputs.js';
import type { RunContext } from '../../src/action/run-context.js';

const context = (
  eventName: string,
  fromFork: boolean | null = null,
  ref = 'refs/heads/main',
  defaultBranch: string | null = 'main',
): RunContext => ({
  eventName,
  owner: 'octo',
  repo: 'dns',
  workspace: '/w',
  tempDir: '/tmp',
  pullRequest: fromFork === null ? null : { number: 1, baseSha: 'abc', fromFork },
  ref,
  defaultBranch,
  serverUrl: 'https://github.com',
});

const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

describe('readSettings', () => {
  it('applies the defaults of action.yml when inputs are empty', () => {
    expect(readSettings(reader({}), context('schedule'))).toEqual({
      config: 'domains.yml',
      token: '',
      failOn: 'error',
      issues: true,
      writeAllowed: true,
      issueOn: 'warning',
      issueLabels: ['mta-sts-drift'],
      issueGrouping: 'auto',
      certWarningDays: null,
      checkMxTls: 'auto',
      state: { kind: 'issue' },
      concurrency: 32,
      timeoutSeconds: 10,
      dryRun: false,
      maxIssueWrites: 50,
      allowPrivateAddresses: false,
      smtpProxy: null,
      summary: true,
      sarifFile: null,
      tlsrptSources: [],
      dnsServer: null,
      dane: false,
      remarks: [],
    });
  });

  describe('dns-server and dane (issue #7 item 7)', () => {
    const read = (inputs: Record<string, string>) => readSettings(reader(inputs), context('schedule'));

    it('reads dns-server in the --dns-server form, and turns DANE on with dane: auto', () => {
      expect(read({ 'dns-server': ' 127.0.0.1:5353 ' })).toMatchObject({
        dnsServer: '127.0.0.1:5353',
        dane: true,
      });
      expect(read({ 'dns-server': '[::1]:53' })).toMatchObject({ dnsServer: '::1', dane: true });
      expect(read({ 'dns-server': '127.0.0.1:5353', dane: 'auto' }).dane).toBe(true);
    });

    it('dane: false keeps the resolver for every lookup and skips DANE; auto without a resolver is off', () => {
      expect(read({ 'dns-server': '127.0.0.1:5353', dane: 'false' })).toMatchObject({
        dnsServer: '127.0.0.1:5353',
        dane: false,
      });
      expect(read({ dane: 'auto' })).toMatchObject({ dnsServer: null, dane: false });
    });

    it('refuses a dns-server that is not IP[:PORT], naming the form expected', () => {
      expect(() => read({ 'dns-server': 'resolver.example' })).toThrow(
        'Input "dns-server" has the value "resolver.example"; allowed: an IP address with an optional port, e.g. 127.0.0.1:5353 or [::1]:5353',
      );
      expect(() => read({ 'dns-server': '127.0.0.1:99999' })).toThrow(InputError);
    });

    it("refuses dane: true without dns-server: the runner's resolver cannot be asked for the AD bit", () => {
      expect(() => read({ dane: 'true' })).toThrow(
        'Input "dane" has the value "true"; allowed: auto or false, unless dns-server names a validating resolver',
      );
      expect(read({ dane: 'true', 'dns-server': '127.0.0.1' }).dane).toBe(true);
    });
  });

  it('reads smtp-proxy into a validated proxy (issue #10 part 2)', () => {
    const settings = readSettings(
      reader({ 'smtp-proxy': 'socks5://me:pw@127.0.0.1:1080' }),
      context('schedule'),
    );
    expect(settings.smtpProxy).toEqual({
      host: '127.0.0.1',
      port: 1080,
      username: 'me',
      password: 'pw',
      display: 'socks5://127.0.0.1:1080',
    });
  });

  it('refuses a bad smtp-proxy naming the input and the reason, never the password', () => {
    const read = () =>
      readSettings(reader({ 'smtp-proxy': 'http://me:hunter2@127.0.0.1:1080' }), context('schedule'));
    expect(read).toThrow(InputError);
    expect(read).toThrow(
      /Input "smtp-proxy" has the value "http:\/\/\*\*\*@127\.0\.0\.1:1080"; allowed: socks5:\/\/\[user:password@\]host:port \(.*only socks5 is supported/,
    );
    expect(read).not.toThrow(/hunter2/);
  });

  it.each([
    ['schedule', null, 'auto', true],
    ['workflow_dispatch', null, 'auto', true],
    ['push', null, 'auto', false],
    ['push', null, 'true', true],
    ['pull_request', false, 'auto', false],
    // Issue #11 item 7: an allow-list of events, so a same-repository pull request no longer writes either.
    ['pull_request', false, 'true', false],
    ['pull_request', true, 'true', false],
    ['pull_request_target', false, 'true', false],
    ['workflow_run', null, 'true', false],
    ['issue_comment', null, 'true', false],
    ['schedule', null, 'FALSE', false],
  ] as const)('issues on %s (fork %s, input %s): %s', (event, fork, input, expected) => {
    expect(readSettings(reader({ issues: input }), context(event, fork)).issues).toBe(expected);
  });

  it.each([
    ['schedule', 'refs/heads/main', 'main', true],
    ['workflow_dispatch', 'refs/heads/feature', 'main', true],
    ['push', 'refs/heads/main', 'main', true],
    ['push', 'refs/heads/trunk', 'trunk', true],
    ['push', 'refs/heads/feature', 'main', false],
    ['push', 'refs/tags/v1', 'main', false],
    // A payload without the default branch fails closed.
    ['push', 'refs/heads/main', null, false],
    ['pull_request', 'refs/pull/1/merge', 'main', false],
    ['merge_group', 'refs/heads/gh-readonly-queue/main/pr-1', 'main', false],
  ] as const)('writes issues and state on %s to %s (default %s): %s', (event, ref, branch, allowed) => {
    expect(readSettings(reader({}), context(event, null, ref, branch)).writeAllowed).toBe(allowed);
  });

  it('says once why issues: true is ignored on a pull request, as a warning', () => {
    expect(readSettings(reader({ issues: 'true' }), context('pull_request', true)).remarks).toEqual([
      {
        level: 'warning',
        text: 'issues: true is ignored: this is a pull_request run, whose domains.yml is not merged yet; the action writes issues and state only on schedule, workflow_dispatch and pushes to the default branch.',
      },
    ]);
  });

  it('says once, as information, that a push to another branch writes no issues and no state', () => {
    expect(readSettings(reader({}), context('push', null, 'refs/heads/feature', 'main')).remarks).toEqual([
      {
        level: 'info',
        text: 'Issues and state are not written: this push is to refs/heads/feature, not the default branch main; the action writes issues and state only on schedule, workflow_dispatch and pushes to the default branch.',
      },
    ]);
    // Nothing would be written anyway: nothing to say.
    expect(
      readSettings(reader({ issues: 'false', state: 'none' }), context('pull_request', false)).remarks,
    ).toEqual([]);
  });

  it.each([
    ['a fork', true, false],
    ['a payload without the pull request (treated as a fork)', null, false],
    ['the same repository', false, true],
  ] as const)(
    'allow-private-addresses: true on a pull request from %s (fork %s): %s',
    (_what, fork, allowed) => {
      const ctx: RunContext = {
        ...context('pull_request', fork ?? false),
        pullRequest: fork === null ? null : { number: 1, baseSha: 'abc', fromFork: fork },
      };
      const settings = readSettings(
        reader({ 'allow-private-addresses': 'true', issues: 'false', state: 'none' }),
        ctx,
      );
      expect(settings.allowPrivateAddresses).toBe(allowed);
      expect(settings.remarks.map((r) => r.level)).toEqual(allowed ? [] : ['warning']);
      if (!allowed)
        expect(settings.remarks[0]?.text).toMatch(
          /^allow-private-addresses: true is ignored on a pull request from a fork/,
        );
    },
  );

  it('keeps allow-private-addresses on other events', () => {
    for (const event of ['schedule', 'push', 'workflow_dispatch'])
      expect(
        readSettings(reader({ 'allow-private-addresses': 'true' }), context(event)).allowPrivateAddresses,
      ).toBe(true);
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
        summary: 'false',
        'sarif-file': 'reports/mta-sts.sarif',
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
      summary: false,
      sarifFile: 'reports/mta-sts.sarif',
    });
  });

  it.each([
    ['fail-on', 'errors', 'Input "fail-on" has the value "errors"; allowed: error, warning, never'],
    ['issue-on', 'notice', 'Input "issue-on" has the value "notice"; allowed: error, warning'],
    ['check-mx-tls', 'yes', 'Input "check-mx-tls" has the value "yes"; allowed: auto, true, false'],
    ['dane', 'maybe', 'Input "dane" has the value "maybe"; allowed: auto, true, false'],
    ['issues', 'sometimes', 'Input "issues" has the value "sometimes"; allowed: auto, true, false'],
    ['dry-run', 'yes', 'Input "dry-run" has the value "yes"; allowed: true, false'],
    ['summary', 'no', 'Input "summary" has the value "no"; allowed: true, false'],
    [
      'sarif-file',
      'reports/',
      'Input "sarif-file" has the value "reports/"; allowed: empty, or the path of a file, e.g. mta-sts-drift.sarif',
    ],
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
