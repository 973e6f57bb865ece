/**
 * postfix-mta-sts-resolver (`mta-sts-daemon`), the MTA-STS brain of the enforcing sender. Its policy cache is the
 * in-memory one: it lives exactly as long as the process, which is what the id-freshness phases need (kept across
 * phases 1 and 2, dropped by a restart before phase 3).
 *
 * It fetches policies with aiohttp and Python's default SSL context, which honours `SSL_CERT_FILE`: pointing that
 * at the test CA (and nothing else) makes the test CA its only trust anchor.
 */
import { RESOLVER_ADDRESS, RESOLVER_PORT } from './layout.js';

export const RESOLVER_COMMAND = '/usr/bin/mta-sts-daemon';

export interface ResolverOptions {
  /**
   * `cache_grace` in seconds: how long after a lookup the resolver answers from its cache without looking at DNS
   * again (responder.py `is_stale`; the default, 60, is kept when this is absent). The cache scenarios set 0, so
   * that every lookup checks the `_mta-sts` TXT record as RFC 8461 §5.1 lets a sender do (issue #8 item 5).
   */
  readonly cacheGrace?: number;
}

export function resolverConfig(options: ResolverOptions = {}): string {
  const grace = options.cacheGrace === undefined ? '' : `cache_grace: ${options.cacheGrace}\n`;
  return `# mta-sts-drift e2e: postfix-mta-sts-resolver (generated)
${grace}host: ${RESOLVER_ADDRESS}
port: ${RESOLVER_PORT}
reuse_port: true
shutdown_timeout: 1
cache:
  type: internal
  options:
    cache_size: 1000
default_zone:
  strict_testing: false
  timeout: 4
  require_sni: true
`;
}

export function resolverEnv(caFile: string): Record<string, string> {
  return { SSL_CERT_FILE: caFile, PYTHONUNBUFFERED: '1' };
}
