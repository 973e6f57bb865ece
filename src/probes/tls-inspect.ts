/**
 * Turns a completed TLS handshake into plain data. Probes connect with `rejectUnauthorized: false` so the
 * handshake completes whatever the certificate; this module then records what a verifying client would have
 * decided, so the core can name the exact fault (RFC 8461 §4.2: trusted chain, validity period, name).
 */
import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, TLSSocket, type PeerCertificate } from 'node:tls';
import type { DaneCertificate } from '../core/dane-match.js';
import type { CertificateInfo, TlsObservation } from '../core/types.js';
import { attempt, describeCertificate } from './certificate-info.js';
import { describeDaneChain, peerChain } from './dane-chain.js';

const NAME_MISMATCH = 'ERR_TLS_CERT_ALTNAME_INVALID';

/** What to read beyond the verdict and the leaf. */
export interface InspectOptions {
  /**
   * Read the whole presented chain for DANE (issue #7). Only an MX host's chain can meet a TLSA record (RFC 7672
   * puts them at `_25._tcp.<MX host>`; the HTTPS policy host has none), and reading it costs a detailed certificate
   * object, hashes and a signature check per certificate (issue #9 item 4), so the policy fetch skips it.
   */
  readonly daneChain: boolean;
}

/**
 * Records protocol, trust verdict, name match and the leaf certificate of a connected TLS socket. Never throws
 * (issue #11 item 1): it runs inside a `secureConnect` handler, where an exception would end the whole run. A
 * field that cannot be read becomes a `certificateProblems` entry, which the core reports as a TLS fault.
 *
 * `chainTrusted` is OpenSSL's verdict at handshake time against the socket's trusted roots: it reflects the real
 * clock, not a pinned one, because OpenSSL verifies during the handshake.
 */
export function inspectTls(
  socket: TLSSocket,
  expectedName: string,
  options: InspectOptions = { daneChain: true },
): TlsObservation {
  const problems: string[] = [];
  const leaf = options.daneChain ? readLegacyLeaf(socket, problems) : readLeaf(socket, problems);
  const verifyError = socket.authorized ? null : verifyErrorCode(socket.authorizationError);
  // tls.connect() runs its name check only after the chain verified, and reports a mismatch through the same
  // `authorized` flag; the name is judged separately below, so that verdict still means "chain trusted".
  const chainTrusted = socket.authorized || verifyError === NAME_MISMATCH;
  const certificate = leaf === null ? null : readCertificate(leaf.x509, problems);
  // The chain for DANE (issue #7), only when asked: read last, because getPeerCertificate() returns {} once the sent
  // chain has been read (see peerChain), and never a problem of its own: the DANE verdict says what could not be
  // read. No certificate at all: an empty chain, which a DANE sender cannot match; unreadable: absent (unknown).
  const daneChain = !options.daneChain ? null : leaf === null ? [] : readDaneChain(socket);
  return {
    protocol: attempt('protocol', problems, () => socket.getProtocol(), null),
    chainTrusted,
    verifyError: chainTrusted ? null : verifyError,
    nameMatches: leaf !== null && matchesName(expectedName, leaf.identity()),
    certificate,
    ...(problems.length > 0 ? { certificateProblems: problems } : {}),
    ...(daneChain === null ? {} : { daneChain }),
  };
}

/** The presented leaf: its parsed form (null if it cannot be parsed) and the fields the name check reads. */
interface Leaf {
  readonly x509: X509Certificate | null;
  identity(): PeerCertificate;
}

/**
 * The leaf through getPeerX509Certificate: no legacy object with its three fingerprints and key dump, and no
 * second parse of the DER (issue #9 item 4). Called once: on Node 22 and 24 a later getPeerCertificate() finds
 * nothing (see peerChain). Null when the server sent no certificate, or it could not be read (a problem then).
 */
function readLeaf(socket: TLSSocket, problems: string[]): Leaf | null {
  const x509 = attempt('certificate', problems, () => socket.getPeerX509Certificate() ?? null, null);
  return x509 === null ? null : { x509, identity: () => identityOf(x509) };
}

/**
 * The leaf through the legacy object, when the DANE chain is read too: getPeerCertificate() must come before
 * peerChain's getPeerX509Certificate(), which would take the certificate away from it.
 */
function readLegacyLeaf(socket: TLSSocket, problems: string[]): Leaf | null {
  const peer = attempt('certificate', problems, () => socket.getPeerCertificate(), null);
  // An empty object means the server sent no certificate at all.
  if (peer === null || typeof peer !== 'object' || Object.keys(peer).length === 0) return null;
  const x509 = attempt('certificate', problems, () => new X509Certificate(peer.raw), null);
  return { x509, identity: () => peer };
}

/**
 * The two fields tls.checkServerIdentity reads, from an X509Certificate: the subjectAltName text (the same text
 * as the legacy object's `subjectaltname`) and the subject's attributes, unescaped from OpenSSL's RFC 2253 form
 * (`CN=a\,b` is the CN `a,b`), a repeated attribute as an array, as the legacy `subject` object has them.
 */
export function identityOf(x509: X509Certificate): PeerCertificate {
  const subject: Record<string, string | string[]> = {};
  const text: unknown = x509.subject;
  for (const line of typeof text === 'string' ? text.split('\n') : []) {
    // Attributes of one multi-valued RDN are joined by " + "; a "+" inside a value is escaped.
    // Most lines hold one attribute: the split's regex only runs when there can be more (issue #9 item 4).
    const pairs = line.includes(' + ') ? line.split(/ \+ (?=[A-Za-z0-9.]+=)/) : [line];
    for (const pair of pairs) {
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const key = pair.slice(0, equals);
      const value = unescapeDn(pair.slice(equals + 1));
      const seen = subject[key];
      subject[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
  }
  const san = x509.subjectAltName;
  return { subject, ...(san === undefined ? {} : { subjectaltname: san }) } as unknown as PeerCertificate;
}

/** RFC 4514 §2.4 escapes as OpenSSL writes them: a backslash before a special character, or two hex digits. */
function unescapeDn(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(
    /\\(?:([0-9A-Fa-f]{2})|([^]))/g,
    (_, hex: string | undefined, char: string | undefined) =>
      hex === undefined ? (char ?? '') : String.fromCharCode(parseInt(hex, 16)),
  );
}

function readDaneChain(socket: TLSSocket): DaneCertificate[] | null {
  try {
    return describeDaneChain(peerChain(socket));
  } catch {
    return null;
  }
}

/** The leaf as plain data; a certificate Node cannot parse was already named as a problem. */
function readCertificate(x509: X509Certificate | null, problems: string[]): CertificateInfo | null {
  if (x509 === null) return null;
  const described = describeCertificate(x509);
  problems.push(...described.problems);
  return described.certificate;
}

/**
 * RFC 6125 matching as a verifying client does it (wildcard only as the whole left-most label). A certificate
 * with no subject is judged by its SANs alone: Node reads `subject.CN` as a fallback, so a missing subject object
 * is given as empty rather than let it throw (issue #11 item 1). Anything else that throws is "does not match".
 */
export function matchesName(expectedName: string, peer: PeerCertificate): boolean {
  try {
    const subject: unknown = (peer as Partial<PeerCertificate>).subject;
    const withSubject = typeof subject === 'object' && subject !== null ? peer : { ...peer, subject: {} };
    return checkServerIdentity(expectedName, withSubject) === undefined;
  } catch {
    return false;
  }
}

/** Node's typings say `Error`, but the runtime value is OpenSSL's code string, e.g. `CERT_HAS_EXPIRED`. */
function verifyErrorCode(error: unknown): string | null {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return null;
}

/**
 * The `checkServerIdentity` of a connection that inspectTls judges: it reads the name from the certificate itself,
 * and takes `authorized` for "chain trusted", which is what it then means.
 */
export function skipNameCheck(): undefined {
  return undefined;
}

/**
 * After a handshake whose chain verified, tls.connect() builds the detailed legacy certificate object (each
 * certificate of the chain with its fingerprints and key) only to pass it to `checkServerIdentity`, which here
 * ignores ({@link skipNameCheck}). That object cost more than any other step of a policy fetch (issue #9 item 4:
 * about 110 µs a handshake, a tenth of a 1,000-domain run). This answers that call, which Node makes through the
 * socket before `secureConnect`, with an empty object; from `secureConnect` on, every call goes to Node's method
 * (the DANE chain of an MX host is read through it). It stays on the socket: deleting it would turn each socket
 * into a larger dictionary-mode object (10 MB more peak RSS at 1,000 domains). test/probes/https.test.ts and
 * smtp.test.ts fail if Node reaches its own method some other way.
 */
export function skipLegacyCertificate(socket: TLSSocket): void {
  let handshaking = true;
  socket.once('secureConnect', () => (handshaking = false));
  socket.getPeerCertificate = function standIn(this: TLSSocket, detailed?: boolean) {
    if (!handshaking) return TLSSocket.prototype.getPeerCertificate.call(this, detailed);
    handshaking = false;
    return {} as PeerCertificate;
  } as TLSSocket['getPeerCertificate'];
}
