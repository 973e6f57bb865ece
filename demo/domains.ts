/** The demo's sample domains: one healthy, and one of each typical kind of drift. */
import type { WorldDomain, WorldMx } from './world.js';

const policy = (mode: string, mx: readonly string[], maxAge = 604800): string =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\r\n');

const text = (body: string) => ({ kind: 'body', body }) as const;
const tlsrpt = (domain: string) => [`v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`];

export const DEMO_MX: readonly WorldMx[] = [
  { host: 'mx1.healthy.example', cert: 'valid' },
  { host: 'mx2.healthy.example', cert: 'valid' },
  { host: 'mx1.new-mx.example', cert: 'valid' },
  { host: 'mx2.new-mx.example', cert: 'valid' },
  { host: 'mx.expired-mx.example', cert: 'expired' },
  { host: 'mx.redirect.example', cert: 'valid' },
  { host: 'mx1.stale-id.example', cert: 'valid' },
  { host: 'mx2.stale-id.example', cert: 'valid' },
  { host: 'mx.testing.example', cert: 'wrong-name' },
  // DANE (issue #7 item 7): the primary's TLSA names the key it serves; the backup's was left behind by a renewal.
  { host: 'mx1.dane.example', cert: 'valid', tlsa: 'current' },
  { host: 'mx2.dane.example', cert: 'valid', tlsa: 'stale' },
];

export const STALE_BEFORE: WorldDomain = {
  name: 'stale-id.example',
  tlsrpt: tlsrpt('stale-id.example'),
  sts: ['v=STSv1; id=20261101'],
  mx: [{ host: 'mx1.stale-id.example', preference: 10 }],
  policy: text(policy('enforce', ['mx1.stale-id.example'])),
};

/** The second run: a new MX and an edited policy, but the same id in the TXT record. */
export const STALE_AFTER: WorldDomain = {
  ...STALE_BEFORE,
  mx: [
    { host: 'mx1.stale-id.example', preference: 10 },
    { host: 'mx2.stale-id.example', preference: 20 },
  ],
  policy: text(policy('enforce', ['mx1.stale-id.example', 'mx2.stale-id.example'])),
};

export const DEMO_DOMAINS: readonly WorldDomain[] = [
  {
    name: 'healthy.example',
    sts: ['v=STSv1; id=20261120T0900'],
    tlsrpt: ['v=TLSRPTv1; rua=mailto:tlsrpt@healthy.example'],
    mx: [
      { host: 'mx1.healthy.example', preference: 10 },
      { host: 'mx2.healthy.example', preference: 20 },
    ],
    policy: text(policy('enforce', ['mx1.healthy.example', 'mx2.healthy.example'])),
  },
  {
    name: 'new-mx.example',
    tlsrpt: tlsrpt('new-mx.example'),
    sts: ['v=STSv1; id=1'],
    mx: [
      { host: 'mx1.new-mx.example', preference: 10 },
      { host: 'mx2.new-mx.example', preference: 20 },
    ],
    policy: text(policy('enforce', ['mx1.new-mx.example'])),
  },
  {
    name: 'expired-mx.example',
    tlsrpt: tlsrpt('expired-mx.example'),
    sts: ['v=STSv1; id=7'],
    mx: [{ host: 'mx.expired-mx.example', preference: 10 }],
    policy: text(policy('enforce', ['mx.expired-mx.example'])),
  },
  {
    name: 'redirect.example',
    tlsrpt: tlsrpt('redirect.example'),
    sts: ['v=STSv1; id=3'],
    mx: [{ host: 'mx.redirect.example', preference: 10 }],
    policy: { kind: 'redirect', location: 'https://www.redirect.example/mta-sts.txt' },
  },
  STALE_BEFORE,
  {
    name: 'testing.example',
    tlsrpt: tlsrpt('testing.example'),
    sts: ['v=STSv1; id=5'],
    mx: [{ host: 'mx.testing.example', preference: 10 }],
    policy: text(policy('testing', ['mx.testing.example'], 86400)),
  },
  {
    // MTA-STS passes at both MX hosts; DANE senders refuse the backup, whose TLSA record is stale.
    name: 'dane.example',
    signed: true,
    tlsrpt: tlsrpt('dane.example'),
    sts: ['v=STSv1; id=20261128'],
    mx: [
      { host: 'mx1.dane.example', preference: 10 },
      { host: 'mx2.dane.example', preference: 20 },
    ],
    policy: text(policy('enforce', ['mx1.dane.example', 'mx2.dane.example'])),
  },
];
