/**
 * Bounds on the cost of reading domains.yml (issue #11 item 8): the file is read whole, parsed and validated
 * before anything runs, and the Action also parses the base branch's copy on pull requests.
 */

/** Larger than any real domains.yml (about 200 bytes per fully specified domain), small enough to parse at once. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Each domain costs DNS lookups, HTTPS fetches, SMTP probes and possibly an issue per run; GitHub's 1,000 REST
 * requests per hour per repository are exhausted well before this many domains need an issue each.
 */
export const MAX_DOMAINS = 1000;

/** A config error lists this many problems, then "and N more": a broken file should not flood the log. */
export const MAX_LISTED_ISSUES = 20;
