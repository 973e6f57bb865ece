/**
 * Port 25 through a SOCKS5 proxy (RFC 1928, username/password auth RFC 1929), for runners whose outbound port 25
 * is blocked, such as GitHub-hosted ones (issue #10 part 2). The MX address is resolved and judged by the address
 * guard here, before the proxy is asked to connect to that IP: the proxy never resolves names for us.
 *
 * The credentials of the proxy URL never leave this module in a message: everything that describes the proxy
 * uses {@link SocksProxy.display}, which has no user or password.
 */
import { isIP, type Socket } from 'node:net';
import { ProbeFailure } from './smtp-failure.js';

/** A validated `socks5://[user:pass@]host:port`. */
export interface SocksProxy {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  /** `socks5://host:port`, with the credentials left out: the only form that may be logged. */
  readonly display: string;
}

/** A proxy URL that cannot be used; the message never contains the password. */
export class ProxyUrlError extends Error {
  override readonly name = 'ProxyUrlError';
}

/** The form the proxy URL must take, for error messages. */
export const PROXY_URL_FORM = 'socks5://[user:password@]host:port';

/** RFC 1929 §2: ULEN and PLEN are one octet each, from 1 to 255. */
const MAX_CREDENTIAL_BYTES = 255;

/** `raw` with any `user:password@` replaced, for quoting a bad value back to the user. */
export function redactProxyUrl(raw: string): string {
  return raw.replace(/^([^/]*\/\/)[^@/?#]*@/, '$1***@');
}

function credential(encoded: string, what: string): string {
  let value: string;
  try {
    value = decodeURIComponent(encoded);
  } catch {
    throw new ProxyUrlError(`the proxy ${what} is not valid percent-encoding`);
  }
  const bytes = Buffer.byteLength(value);
  if (bytes < 1 || bytes > MAX_CREDENTIAL_BYTES) {
    throw new ProxyUrlError(
      `the proxy ${what} must be 1 to ${MAX_CREDENTIAL_BYTES} bytes (RFC 1929), not ${bytes}`,
    );
  }
  return value;
}

/** Parse and validate a proxy URL. Throws ProxyUrlError naming what is wrong, without the password. */
export function parseSocksProxyUrl(raw: string): SocksProxy {
  const text = raw.trim();
  const shown = JSON.stringify(redactProxyUrl(text));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ProxyUrlError(`${shown} is not a URL; expected ${PROXY_URL_FORM}`);
  }
  if (url.protocol !== 'socks5:') {
    // socks5h (the proxy resolves names) is refused on purpose: the address guard must judge the MX address.
    throw new ProxyUrlError(
      `${shown} has the scheme ${JSON.stringify(url.protocol.replace(/:$/, ''))}; only socks5 is supported (the MX address is resolved locally, so that the address guard can judge it)`,
    );
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new ProxyUrlError(`${shown} has no host; expected ${PROXY_URL_FORM}`);
  if (url.port === '') throw new ProxyUrlError(`${shown} has no port; expected ${PROXY_URL_FORM}`);
  const port = Number(url.port);
  if (port < 1 || port > 65535) throw new ProxyUrlError(`${shown} has port 0; expected 1 to 65535`);
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    throw new ProxyUrlError(`${shown} has a path, query or fragment; expected ${PROXY_URL_FORM}`);
  }
  if ((url.username === '') !== (url.password === '')) {
    throw new ProxyUrlError(`${shown} gives a user without a password or the reverse; give both or neither`);
  }
  const display = `socks5://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  if (url.username === '') return { host, port, display };
  return {
    host,
    port,
    username: credential(url.username, 'user name'),
    password: credential(url.password, 'password'),
    display,
  };
}

/**
 * SOCKS5 replies that say the target, not the proxy, failed (RFC 1928 §6: 3 network unreachable, 4 host
 * unreachable, 5 connection refused, 6 TTL expired): the MX is then unreachable, as it would be directly.
 */
const TARGET_FAILURES = ['NetworkUnreachable', 'HostUnreachable', 'ConnectionRefused', 'TTLExpired'];

/**
 * Ask the proxy, over `toProxy` (already connected and in the probe's socket set, so the probe deadline covers
 * the SOCKS handshake too), to connect to `address:port`. Resolves with the socket carrying the SMTP session.
 *
 * Size bound: the socks client reads exactly the bytes each handshake step needs (at most 262 for a reply with
 * a host name, RFC 1928 §6); whatever arrives beyond them is handed to the SMTP reader, which has its own bounds.
 */
export async function connectThroughProxy(
  proxy: SocksProxy,
  toProxy: Socket,
  address: string,
  port: number,
  timeoutMs: number,
): Promise<Socket> {
  // Loaded with the first proxied probe: a run without --smtp-proxy never needs it (issue #9 item 4).
  const { SocksClient } = await import('socks');
  try {
    const { socket } = await SocksClient.createConnection({
      command: 'connect',
      proxy: {
        host: proxy.host,
        port: proxy.port,
        type: 5,
        ...(proxy.username === undefined ? {} : { userId: proxy.username, password: proxy.password }),
      },
      destination: { host: address, port },
      existing_socket: toProxy,
      timeout: timeoutMs,
    });
    return socket;
  } catch (error) {
    // Only the library's message: its error object also carries the options, password included.
    const message = error instanceof Error ? error.message : 'SOCKS handshake failed';
    if (TARGET_FAILURES.some((name) => message.endsWith(`- ${name}`))) {
      throw new ProbeFailure('unreachable', `${message} (through the SOCKS proxy ${proxy.display})`);
    }
    throw new ProbeFailure('proxy-failed', `SOCKS proxy ${proxy.display}: ${message}`);
  }
}
