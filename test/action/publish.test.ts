/** The issue outputs (issue #11 item 15): what a run did to which issue, with links. */
import { describe, expect, it } from 'vitest';
import type { IssueOutcome } from '../../src/action/notify.js';
import { issueOutputs } from '../../src/action/publish.js';

const REPO = 'https://ghe.example/octo/dns';

function outcome(partial: Partial<IssueOutcome['execution']>, duplicatesClosed: number[] = []): IssueOutcome {
  const execution = { done: [], deferred: [], failure: null, created: [], writes: 0, ...partial };
  return {
    grouping: 'domain',
    causeIssues: new Map(),
    planned: [...execution.done, ...execution.deferred],
    execution,
    duplicatesClosed,
    error: null,
  };
}

const link = (number: number, domain: string) => ({ number, url: `${REPO}/issues/${number}`, domain });

describe('issueOutputs', () => {
  it('lists opened (new and reopened), updated and closed issues, never the state issue or a deferred one', () => {
    const body = { title: 't', body: 'b', comment: 'c' };
    const outputs = issueOutputs(
      outcome({
        done: [
          { kind: 'create', domain: 'new.test', title: 't', body: 'b' },
          { kind: 'reopen', number: 4, domain: 'back.test', ...body },
          { kind: 'update', number: 5, domain: 'changed.test', ...body },
          { kind: 'close', number: 6, domain: 'fixed.test', reason: 'resolved', ...body },
          { kind: 'save-state', number: 2, title: 'state', body: 's' },
        ],
        deferred: [{ kind: 'update', number: 7, domain: 'later.test', ...body }],
        created: [{ domain: 'new.test', number: 9 }],
      }),
      REPO,
    );
    expect(
      Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, JSON.parse(v) as unknown])),
    ).toEqual({
      'issues-opened': [link(9, 'new.test'), link(4, 'back.test')],
      'issues-updated': [link(5, 'changed.test')],
      'issues-closed': [link(6, 'fixed.test')],
    });
  });

  it('leaves out an issue this run closed as the duplicate of an overlapping run', () => {
    const outputs = issueOutputs(
      outcome(
        {
          created: [
            { domain: 'a.test', number: 11 },
            { domain: 'b.test', number: 12 },
          ],
        },
        [11],
      ),
      REPO,
    );
    expect(JSON.parse(outputs['issues-opened'] ?? '')).toEqual([link(12, 'b.test')]);
  });

  it('is three empty arrays without issue management', () => {
    expect(issueOutputs(null, REPO)).toEqual({
      'issues-opened': '[]',
      'issues-updated': '[]',
      'issues-closed': '[]',
    });
  });
});
