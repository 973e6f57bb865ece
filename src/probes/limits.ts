/**
 * Bounds for the network probes, each with its source. A probe talks to servers we do not control, so every
 * read and every wait has a limit; hitting one is recorded as an observation, never thrown.
 */

/** RFC 8461 §3.3: "senders SHOULD impose a limit on the response size ... 64 KiB". */
export const MAX_POLICY_BYTES = 64 * 1024;

/** The port the policy host is fetched on: HTTPS (RFC 8461 §3.3). */
export const HTTPS_PORT = 443;

/**
 * Overall deadline for one policy fetch (connect, handshake, headers and body). RFC 8461 §3.3 suggests a
 * one-minute limit, but real senders give up after 2 to 15 seconds, so a slower host is already broken for many.
 */
export const POLICY_FETCH_TIMEOUT_MS = 10_000;

/** The path of the policy file (RFC 8461 §3.3). */
export const POLICY_PATH = '/.well-known/mta-sts.txt';

/** The SMTP port MTA-STS applies to: MX delivery (RFC 5321 §2.3.5, RFC 8461 §4). */
export const SMTP_PORT = 25;

/**
 * Overall deadline for one STARTTLS probe (connect, greeting, EHLO, STARTTLS, handshake). Far below the
 * RFC 5321 §4.5.3.2 server timeouts (5 minutes for the greeting): we only need to know what senders see.
 */
export const SMTP_PROBE_TIMEOUT_MS = 15_000;

/**
 * Longest reply line we accept, in bytes, CRLF excluded. RFC 5321 §4.5.3.1.5 sets 512 octets for a reply line;
 * real servers exceed it in banners and EHLO keywords, so we allow four times that before calling it garbage.
 */
export const MAX_SMTP_LINE_BYTES = 2048;

/** Most lines in one multi-line reply (RFC 5321 §4.2.1). An EHLO reply has one line per extension. */
export const MAX_SMTP_REPLY_LINES = 100;

/** Most bytes read from an SMTP server in one probe, before TLS: stops a banner that never ends. */
export const MAX_SMTP_SESSION_BYTES = 64 * 1024;

/** Length at which the recorded banner is cut: it is kept as data for the report, not parsed. */
export const MAX_BANNER_CHARS = 512;

/** How long we wait for the server to answer QUIT and close before we close the socket ourselves. */
export const SMTP_QUIT_GRACE_MS = 500;

/**
 * Name sent in EHLO when none is configured. RFC 5321 §4.1.1.1 asks for the client's FQDN; a fixed name under
 * `.invalid` (RFC 2606) says who we are without leaking the runner's internal host name.
 */
export const DEFAULT_EHLO_NAME = 'mta-sts-drift.invalid';

/**
 * Sockets open at once for the whole run, HTTPS and SMTP together (issue #11 item 6). Well under the usual
 * 1,024 open-file limit, leaving room for DNS and the GitHub API; 64 does not slow `npm run bench` (1,000 domains
 * at concurrency 32), and a run that needs more waits rather than opening thousands of connections.
 */
export const MAX_OPEN_SOCKETS = 64;

/**
 * Wait before probing a timed-out MX address a second time (issue #11 item 9). A few seconds lets a passing
 * hiccup (a full accept queue, a lost SYN) clear, so a second timeout says the host does not answer.
 */
export const SMTP_TIMEOUT_RETRY_DELAY_MS = 5_000;
