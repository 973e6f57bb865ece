/**
 * The sender profiles (issue #7 item 4), by id and by the name findings give them. Kept apart from the profiles
 * so that types.ts and the config layer can name them without importing the rules.
 */

/** Every profile, in the order reports list them. `domains.yml` `senders:` takes these ids. */
export const SENDER_PROFILE_IDS = [
  'rfc',
  'exchange-online',
  'gmail',
  'postfix-dane',
  'postfix-sts-resolver',
] as const;

export type SenderProfileId = (typeof SENDER_PROFILE_IDS)[number];

/** The class of sender as findings and issue titles name it (issue #7 item 4). */
export const SENDER_NAMES: Readonly<Record<SenderProfileId, string>> = {
  rfc: 'RFC senders (MTA-STS and DANE)',
  'exchange-online': 'Exchange Online',
  gmail: 'Gmail',
  'postfix-dane': 'Postfix (DANE)',
  'postfix-sts-resolver': 'Postfix (MTA-STS resolver)',
};

export function isSenderProfileId(value: string): value is SenderProfileId {
  return (SENDER_PROFILE_IDS as readonly string[]).includes(value);
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
