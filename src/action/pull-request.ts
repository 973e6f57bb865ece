/**
 * The I/O half of the pull-request check: fetch the base branch's config through the contents API at the base
 * commit (works with a fork's read-only token, and needs no second checkout), parse it, compare (pr-compare.ts).
 */
import { ConfigError } from '../config/config-error.js';
import { parseConfig } from '../config/load-config.js';
import type { DomainExpectation, DomainReport } from '../core/types.js';
import { GitHubApiError, type GitHubApi } from './github-client.js';
import { cachedRefusals } from './pr-cached.js';
import { comparePullRequest, type PrProblem } from './pr-compare.js';
import type { PullRequestInfo } from './run-context.js';

export interface PullRequestCheck {
  readonly problems: readonly PrProblem[];
  /** What limited the comparison: no base file, an invalid one, an unreadable one. */
  readonly notes: readonly string[];
}

/** Repository-relative paths use `/` and no leading `./`, as the contents API wants. */
function apiPath(path: string): string {
  return path.split('\\').join('/').replace(/^\.\//, '');
}

async function baseExpectations(
  api: GitHubApi | null,
  path: string,
  pr: PullRequestInfo,
): Promise<{ base: readonly DomainExpectation[] | null; note: string | null }> {
  const at = `${path} at the base commit ${pr.baseSha.slice(0, 12)}`;
  if (api === null)
    return { base: null, note: `No github-token: ${at} not compared; every domain is treated as new.` };
  try {
    const text = await api.getFileText(apiPath(path), pr.baseSha);
    if (text === null) return { base: null, note: `${at} does not exist: every domain is new.` };
    return { base: parseConfig(text, `${path} (base)`).domains, note: null };
  } catch (error) {
    if (error instanceof ConfigError) {
      return {
        base: null,
        note: `${at} is not a valid configuration, so only the live world is compared: ${error.issues[0]?.message ?? ''}`,
      };
    }
    // Issue #11 item 14: name the permission this read needs.
    const hint =
      error instanceof GitHubApiError && error.forbidden
        ? ' Grant the workflow `permissions: contents: read`.'
        : '';
    return {
      base: null,
      note: `Could not read ${at} (${(error as Error).message}); only the live world is compared.${hint}`,
    };
  }
}

/**
 * Compare the pull request's expectations with the base branch and the live reports, and ask whether a policy
 * senders hold now refuses the MX hosts a changed `mx` or `mode` leads to (issue #8 item 4). Never throws.
 */
export async function checkPullRequest(
  api: GitHubApi | null,
  path: string,
  pr: PullRequestInfo,
  head: readonly DomainExpectation[],
  reports: readonly DomainReport[],
  now: Date,
): Promise<PullRequestCheck> {
  const { base, note } = await baseExpectations(api, path, pr);
  const problems = [...comparePullRequest(base, head, reports), ...cachedRefusals(base, head, reports, now)];
  return { problems, notes: note === null ? [] : [note] };
}
