/**
 * How an SMTP probe stops early. Failures are thrown inside the probe only to unwind the dialogue; the session
 * turns every one of them into a SmtpProbe outcome, so nothing leaves the prober as an exception.
 */

/** The outcomes a failure can become; a timeout is decided by the deadline, not by a failure. */
/** `proxy-failed`: the SOCKS proxy itself failed (unreachable, refused our credentials), not the MX. */
export type FailureOutcome = 'unreachable' | 'protocol-error' | 'tls-failed' | 'proxy-failed';

/** A probe that stopped early; turned into a SmtpProbe outcome, never thrown out of the prober. */
export class ProbeFailure extends Error {
  override readonly name = 'ProbeFailure';
  constructor(
    readonly outcome: FailureOutcome,
    message: string,
  ) {
    super(message);
  }
}

export { errorText } from './error-text.js';
