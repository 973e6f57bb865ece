/**
 * The referee: one message per domain through the enforcing Postfix, and what Postfix did with it, read from its
 * mail log (`to=<rcpt>, relay=..., status=sent|deferred|bounced (...)`, postfix-logging(5)).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { World } from '../world/world.js';

export type SenderStatus = 'sent' | 'deferred' | 'bounced';

export interface MailOutcome {
  readonly recipient: string;
  readonly status: SenderStatus;
  readonly relay: string;
  /** Postfix's reason in parentheses, e.g. `Server certificate not verified`. */
  readonly detail: string;
  /** Every log line of the message's delivery attempt (TLS and policy lines included), for failure messages. */
  readonly lines: readonly string[];
}

export const SENDER_ADDRESS = 'e2e@sender.e2e.test';

/** What sending needs from a world: its namespace and one sender instance (the DANE world has two). */
export type MailWorld = Pick<World, 'ns' | 'sender'>;

/** Inject one message for `recipient` with the sender instance's own `sendmail`. */
export async function sendMessage(world: MailWorld, recipient: string): Promise<void> {
  const message = [
    `From: <${SENDER_ADDRESS}>`,
    `To: <${recipient}>`,
    `Subject: mta-sts-drift e2e probe for ${recipient}`,
    `Message-ID: <${recipient.replace('@', '.')}.${Date.now()}@sender.e2e.test>`,
    '',
    'One message per domain; the MX discards it.',
    '',
  ].join('\r\n');
  await world.ns.execOk(
    '/usr/sbin/sendmail',
    ['-C', world.sender.configDir, '-f', SENDER_ADDRESS, '--', recipient],
    {
      input: message,
      timeoutMs: 15_000,
    },
  );
}

const STATUS_LINE =
  /postfix\/smtp\[(\d+)\]: ([0-9A-F]+): to=<([^>]+)>, relay=([^,]+), .*? status=(sent|deferred|bounced) \((.*)\)$/;

/** Parse the first final status of each recipient, with the lines of that queue id up to it. */
export function parseOutcomes(log: string): Map<string, MailOutcome> {
  const lines = log.split('\n');
  const outcomes = new Map<string, MailOutcome>();
  for (const line of lines) {
    const m = STATUS_LINE.exec(line);
    if (!m) continue;
    const [, pid = '', queueId = '', recipient = '', relay = '', status = '', detail = ''] = m;
    const key = recipient.toLowerCase();
    if (outcomes.has(key)) continue;
    outcomes.set(key, {
      recipient: key,
      status: status as SenderStatus,
      relay,
      detail,
      lines: lines.filter((l) => l.includes(`${queueId}:`) || l.includes(`smtp[${pid}]:`)),
    });
  }
  return outcomes;
}

/** Wait until every recipient has a final status in the sender's log (or the deadline passes). */
export async function awaitOutcomes(
  world: MailWorld,
  recipients: readonly string[],
  timeoutMs: number,
): Promise<Map<string, MailOutcome>> {
  const deadline = Date.now() + timeoutMs;
  const wanted = recipients.map((r) => r.toLowerCase());
  for (;;) {
    const log = existsSync(world.sender.maillog) ? readFileSync(world.sender.maillog, 'utf8') : '';
    const outcomes = parseOutcomes(log);
    const missing = wanted.filter((r) => !outcomes.has(r));
    if (missing.length === 0 || Date.now() > deadline) return outcomes;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** How long the sender gets for its final word on a message: long enough for a deferral and its retry. */
export const MAIL_TIMEOUT_MS = 90_000;

/** Send one message per recipient and wait for the sender's final word on each. */
export async function deliverAll(
  world: MailWorld,
  recipients: readonly string[],
  timeoutMs = MAIL_TIMEOUT_MS,
): Promise<Map<string, MailOutcome>> {
  await Promise.all(recipients.map((r) => sendMessage(world, r)));
  return awaitOutcomes(world, recipients, timeoutMs);
}

/** What the referee's outcome means for the scenario table. */
export function delivered(outcome: MailOutcome | undefined): 'delivered' | 'deferred' | 'no outcome' {
  if (!outcome) return 'no outcome';
  return outcome.status === 'sent' ? 'delivered' : 'deferred';
}
