/**
 * How the GitHub client retries (issue #11 item 16): the options of Octokit's retry and throttling plugins, and a
 * small plugin under both that counts every HTTP attempt and gives each its own deadline.
 *
 * - plugin-throttling waits out rate limits the way GitHub asks: the Retry-After of a secondary limit (a minute
 *   without one), the reset time of a primary limit, and spacing between writes. A refused request was not done,
 *   so every request, a create included, may be retried after a rate limit.
 * - plugin-retry retries server errors and lost connections, pausing 1, 4, 9 s. Not a create or a comment
 *   (NOT_REPEATABLE): GitHub may have done it before failing, and a second one would be a duplicate.
 */
import type { getOctokit } from '@actions/github';
import Bottleneck from 'bottleneck';

/** HTTP requests made so far, retries included: reads are GETs, writes everything else. */
export interface RequestCount {
  reads: number;
  writes: number;
}

/** Retries after a server error or a lost connection (plugin-retry, pauses of 1, 4, 9 s). */
export const SERVER_ERROR_RETRIES = 3;
/** Retries after a rate limit (plugin-throttling). */
export const RATE_LIMIT_RETRIES = 2;
/** A rate limit that resets later than this is not waited for: the job would sit idle, and the next run retries. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 120;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Statuses plugin-retry leaves alone: refusals that a retry cannot change, and 429, which is a rate limit for the
 * throttling plugin to wait out (GitHub's 403 rate limits are refusals to the retry plugin too).
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/** A create or a comment: retried only on a rate limit (see the module comment). */
export const NOT_REPEATABLE = { retries: 0 };

interface LimitedRequest {
  readonly method: string;
  readonly url: string;
}

/** The throttling plugin's handler: true retries after `retryAfter` seconds. */
function limitHandler(kind: string, log: (line: string) => void) {
  return (retryAfter: number, request: LimitedRequest, _octokit: unknown, retryCount: number): boolean => {
    const what = `GitHub API ${kind} on ${request.method} ${request.url}`;
    if (retryCount >= RATE_LIMIT_RETRIES) {
      log(`${what}: giving up after ${retryCount} retries`);
      return false;
    }
    if (retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) {
      log(`${what}: it resets in ${retryAfter} s, not waiting that long; the next run tries again`);
      return false;
    }
    log(`${what}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${RATE_LIMIT_RETRIES})`);
    return true;
  };
}

export interface RetrySettings {
  /** Milliseconds per second of wait (1000; tests pass 1). */
  readonly retryAfterBaseMs: number;
  /** Least time between two writes; default the throttling plugin's (1 s, 3 s for writes that notify people). */
  readonly writeSpacingMs?: number;
  readonly log: (line: string) => void;
}

/** The `retry` and `throttle` options of the Octokit constructor. */
export function retryOptions(settings: RetrySettings) {
  const base = settings.retryAfterBaseMs;
  const spacing =
    settings.writeSpacingMs === undefined
      ? {}
      : {
          write: new Bottleneck.Group({ maxConcurrent: 1, minTime: settings.writeSpacingMs }),
          notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: settings.writeSpacingMs }),
        };
  return {
    retry: { doNotRetry: DO_NOT_RETRY, retries: SERVER_ERROR_RETRIES, retryAfterBaseValue: base },
    throttle: {
      retryAfterBaseValue: base,
      ...spacing,
      onRateLimit: limitHandler('rate limit', settings.log),
      onSecondaryRateLimit: limitHandler('secondary rate limit', settings.log),
    },
  };
}

/** The hooks of an Octokit built by `@actions/github`. */
type OctokitHooks = ReturnType<typeof getOctokit>['hook'];

/**
 * An Octokit plugin, to be listed before the retry plugins so that it sits under both: it counts every attempt and
 * gives each one its own deadline.
 */
export function perAttempt(requests: RequestCount, timeoutMs: number) {
  return (octokit: { hook: OctokitHooks }): void => {
    octokit.hook.wrap('request', async (request, endpoint) => {
      if (endpoint.method === 'GET' || endpoint.method === 'HEAD') requests.reads++;
      else requests.writes++;
      // In place: the hooks under this one (token auth) read the options object they were bound to, not an argument.
      endpoint.request = { ...endpoint.request, signal: AbortSignal.timeout(timeoutMs) };
      return request(endpoint);
    });
  };
}
