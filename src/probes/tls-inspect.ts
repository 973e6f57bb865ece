/**
 * Turns a completed TLS handshake into plain data. Probes connect with `rejectUnauthorized: false` so the
 * handshake completes whatever the certificate; this module then records what a verifying client would have
 * decided, so the core can name the exact fault (RFC 8461 §4.2: trusted chain, validity period, name).
 */
import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { DaneCertificate } from '../core/dane-match.js';
import type { CertificateInfo, TlsObservation } from '../core/types.js';
import { attempt, describeCertificate } from './certificate-info.js';
import { describeDaneChain, peerChain } from './dane-chain.js';

const NAME_MISMATCH = 'ERR_TLS_CERT_ALTNAME_INVALID';

/**
 * Records protocol, trust verdict, name match and the leaf certificate of a connected TLS socket. Never throws
 * (issue #11 item 1): it runs inside a `secureConnect` handler, where an exception would end the whole run. A
 * field that cannot be read becomes a `certificateProblems` entry, which the core reports as a TLS fault.
 *
 * `chainTrusted` is OpenSSL's verdict at handshake time against the socket's trusted roots: it reflects the real
 * clock, not a pinned one, because OpenSSL verifies during the handshake.
 */
export function inspectTls(socket: TLSSocket, expectedName: string): TlsObservation {
  const problems: string[] = [];
  // One call, one object: on Node 24, getPeerCertificate() returns {} once getPeerX509Certificate() has been
  // called on the same socket, so the X509Certificate is built from the legacy object's DER instead.
  const peer = attempt('certificate', problems, () => socket.getPeerCertificate(), null);
  // An empty object means the server sent no certificate at all.
  const present = peer !== null && typeof peer === 'object' && Object.keys(peer).length > 0;
  const verifyError = socket.authorized ? null : verifyErrorCode(socket.authorizationError);
  // tls.connect() runs its name check only after the chain verified, and reports a mismatch through the same
  // `authorized` flag; the name is judged separately below, so that verdict still means "chain trusted".
  const chainTrusted = socket.authorized || verifyError === NAME_MISMATCH;
  const certificate = present ? readCertificate(peer, problems) : null;
  // The chain for DANE (issue #7): read last, because getPeerCertificate() returns {} once the sent chain has been
  // read (see peerChain), and never a problem of its own: the DANE verdict says what could not be read.
  // No certificate at all: an empty chain, which a DANE sender cannot match; unreadable: absent (unknown).
  const daneChain = present ? readDaneChain(socket) : [];
  return {
    protocol: attempt('protocol', problems, () => socket.getProtocol(), null),
    chainTrusted,
    verifyError: chainTrusted ? null : verifyError,
    nameMatches: present && matchesName(expectedName, peer),
    certificate,
    ...(problems.length > 0 ? { certificateProblems: problems } : {}),
    ...(daneChain === null ? {} : { daneChain }),
  };
}

function readDaneChain(socket: TLSSocket): DaneCertificate[] | null {
  try {
    return describeDaneChain(peerChain(socket));
  } catch {
    return null;
  }
}

/** The legacy peer object's DER, parsed; a certificate Node cannot parse is a problem, not an exception. */
function readCertificate(peer: PeerCertificate, problems: string[]): CertificateInfo | null {
  const x509 = attempt('certificate', problems, () => new X509Certificate(peer.raw), null);
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
