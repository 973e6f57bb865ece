/**
 * Bounds on the cost of reading domains.yml (issue #11 item 8): the file is read whole, parsed and validated
 * before anything runs, and the Action also parses the base branch's copy on pull requests.
 */

/** Larger than any real domains.yml (about 200 bytes per fully specified domain), small enough to parse at once. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Each domain costs DNS lookups, an HTTPS fetch and its share of the SMTP probes; one runner checks 10,000 domains
 * on shared MX hosts in well under a minute (issue #9 item 4, README "Throughput"). Issues stay within GitHub's
 * 1,000 REST requests per hour through the per-run write cap, and larger fleets shard (`check --shard I/N`).
 */
export const MAX_DOMAINS = 10_000;

/** A config error lists this many problems, then "and N more": a broken file should not flood the log. */
export const MAX_LISTED_ISSUES = 20;
