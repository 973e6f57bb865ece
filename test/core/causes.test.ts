/**
 * Root causes (issue #9 item 1): findings as data in, causes out. Each row gives domains (verdicts and findings)
 * and the causes expected, by key with their domains, severity and bounce flags.
 */
import { describe, expect, it } from 'vitest';
import { groupCauses, type CauseInput } from '../../src/core/causes.js';
import { makeFinding, type FindingDetails } from '../../src/core/findings.js';
import type { Finding } from '../../src/core/types.js';

type Code = Parameters<typeof makeFinding>[0];

function f(
  code: Code,
  domain: string,
  details: FindingDetails = {},
  message = `${code} at ${domain}`,
): Finding {
  return makeFinding(code, domain, message, details);
}

function domain(
  name: string,
  findings: Finding[],
  bounces: boolean | null = false,
  ifEnforced = bounces,
): CauseInput {
  return { domain: name, bounces, bouncesIfEnforced: ifEnforced, findings };
}

/** The MX x.h-v1.mx.microsoft of a tenant, not covered by the policy's *.mx.microsoft (two labels deep). */
function microsoft(name: string, host = 'x.h-v1.mx.microsoft', mode: 'error' | 'warning' = 'error'): Finding {
  return f('mx-not-covered', name, { host, expected: '*.mx.microsoft', observed: host, severity: mode });
}

interface Expected {
  key: string;
  domains: string[];
  severity?: string;
  bounces?: boolean;
  bouncesIfEnforced?: boolean;
  hosts?: string[];
  addresses?: string[];
}

const cases: [string, CauseInput[], Expected[]][] = [
  ['no findings, no causes', [domain('a.example', [])], []],
  [
    'the same uncovered MX host across domains is one cause, the pattern it needs as key',
    [
      domain('c.example', [microsoft('c.example')], true),
      domain('a.example', [microsoft('a.example')], true),
      domain('b.example', [microsoft('b.example')], true),
    ],
    [
      {
        key: 'mx-not-covered/pattern:*.h-v1.mx.microsoft',
        domains: ['a.example', 'b.example', 'c.example'],
        severity: 'error',
        bounces: true,
        hosts: ['x.h-v1.mx.microsoft'],
      },
    ],
  ],
  [
    'per-tenant hosts one label too deep for the same wildcard are one cause (the missing pattern)',
    [
      domain('a.example', [microsoft('a.example', 'a-example.h-v1.mx.microsoft')]),
      domain('b.example', [microsoft('b.example', 'B-Example.h-v1.mx.microsoft.', 'warning')]),
    ],
    [
      {
        key: 'mx-not-covered/pattern:*.h-v1.mx.microsoft',
        domains: ['a.example', 'b.example'],
        severity: 'error',
        bounces: false,
        hosts: ['a-example.h-v1.mx.microsoft', 'b-example.h-v1.mx.microsoft'],
      },
    ],
  ],
  [
    'an uncovered host that no wildcard nearly covers: grouped by host',
    [
      domain('a.example', [
        f('mx-not-covered', 'a.example', { host: 'mx.shared.net', expected: 'mx.a.example' }),
      ]),
      domain('b.example', [f('mx-not-covered', 'b.example', { host: 'mx.shared.net', expected: '' })]),
      domain('c.example', [
        f('mx-not-covered', 'c.example', { host: 'mx.other.net', expected: '*.shared.net' }),
      ]),
    ],
    [
      { key: 'mx-not-covered/mx:mx.shared.net', domains: ['a.example', 'b.example'] },
      { key: 'mx-not-covered/mx:mx.other.net', domains: ['c.example'] },
    ],
  ],
  [
    'the same expired certificate on a shared MX: one cause, one domain even with two addresses',
    [
      domain('a.example', [
        f('mx-cert-expired', 'a.example', { host: 'mx.shared.net', observed: '192.0.2.1' }),
        f('mx-cert-expired', 'a.example', { host: 'mx.shared.net', observed: '192.0.2.2' }),
      ]),
      domain('b.example', [
        f('mx-cert-expired', 'b.example', { host: 'MX.shared.net', severity: 'warning' }),
      ]),
    ],
    [{ key: 'mx-cert-expired/mx:mx.shared.net', domains: ['a.example', 'b.example'], severity: 'error' }],
  ],
  [
    'untrusted and name-mismatched certificates on a shared MX are separate causes',
    [
      domain('a.example', [
        f('mx-cert-untrusted', 'a.example', { host: 'mx.shared.net' }),
        f('mx-cert-name-mismatch', 'a.example', { host: 'mx2.shared.net' }),
      ]),
      domain('b.example', [f('mx-cert-untrusted', 'b.example', { host: 'mx.shared.net' })]),
    ],
    [
      { key: 'mx-cert-untrusted/mx:mx.shared.net', domains: ['a.example', 'b.example'] },
      { key: 'mx-cert-name-mismatch/mx:mx2.shared.net', domains: ['a.example'] },
    ],
  ],
  [
    'a policy-host fault at the same addresses: one web server, one cause',
    [
      domain('a.example', [
        f('policy-cert-expired', 'a.example', { host: 'mta-sts.a.example', observed: '192.0.2.9' }),
        f('policy-cert-expired', 'a.example', { host: 'mta-sts.a.example', observed: '2001:db8::9' }),
      ]),
      domain('b.example', [
        f('policy-cert-expired', 'b.example', { host: 'mta-sts.b.example', observed: '2001:db8::9' }),
        f('policy-cert-expired', 'b.example', { host: 'mta-sts.b.example', observed: '192.0.2.9' }),
      ]),
      domain('c.example', [
        f('policy-cert-expired', 'c.example', { host: 'mta-sts.c.example', observed: '192.0.2.10' }),
      ]),
    ],
    [
      {
        key: 'policy-cert-expired/policy-address:192.0.2.9,2001:db8::9',
        domains: ['a.example', 'b.example'],
        hosts: ['mta-sts.a.example', 'mta-sts.b.example'],
        addresses: ['192.0.2.9', '2001:db8::9'],
      },
      { key: 'policy-cert-expired/policy-address:192.0.2.10', domains: ['c.example'] },
    ],
  ],
  [
    'policy answers without an address, and everything else, are per code and domain',
    [
      domain('a.example', [
        f('policy-http-status', 'a.example', { host: 'mta-sts.a.example', observed: '404' }),
        f('sts-record-missing', 'a.example'),
      ]),
      domain('b.example', [
        f('policy-http-status', 'b.example', { host: 'mta-sts.b.example', observed: '404' }),
      ]),
    ],
    [
      { key: 'policy-http-status/domain:a.example', domains: ['a.example'] },
      { key: 'policy-http-status/domain:b.example', domains: ['b.example'] },
      { key: 'sts-record-missing/domain:a.example', domains: ['a.example'] },
    ],
  ],
  [
    'the bounce verdict folds into the MX faults that explain it; a null verdict is not bouncing',
    [
      domain(
        'a.example',
        [
          f('mail-bounces', 'a.example'),
          f('mx-cert-expired', 'a.example', { host: 'mx.shared.net' }),
          f('tlsrpt-missing', 'a.example'),
        ],
        true,
      ),
      domain('b.example', [f('mx-cert-expired', 'b.example', { host: 'mx.other.net' })], null),
    ],
    [
      { key: 'mx-cert-expired/mx:mx.shared.net', domains: ['a.example'], bounces: true },
      {
        key: 'mx-cert-expired/mx:mx.other.net',
        domains: ['b.example'],
        bounces: false,
        bouncesIfEnforced: false,
      },
      { key: 'tlsrpt-missing/domain:a.example', domains: ['a.example'], bounces: false },
    ],
  ],
  [
    'testing mode: the would-bounce verdict folds the same way and marks bouncesIfEnforced only',
    [
      domain(
        't.example',
        [
          f('bounces-if-enforced', 't.example'),
          f('mx-cert-name-mismatch', 't.example', { host: 'mx.t.example', severity: 'warning' }),
        ],
        false,
        true,
      ),
    ],
    [
      {
        key: 'mx-cert-name-mismatch/mx:mx.t.example',
        domains: ['t.example'],
        severity: 'warning',
        bounces: false,
        bouncesIfEnforced: true,
      },
    ],
  ],
  [
    'a bounce whose MX findings were all ignored stays a cause of its own',
    [domain('a.example', [f('mail-bounces', 'a.example')], true)],
    [{ key: 'mail-bounces/domain:a.example', domains: ['a.example'], bounces: true }],
  ],
  [
    'an MX host that merely refuses port 25 does not explain a bounce',
    [
      domain(
        'a.example',
        [
          f('mx-unreachable', 'a.example', { host: 'mx.a.example' }),
          f('mx-not-covered', 'a.example', { host: 'mx2.a.example', expected: 'mx.a.example' }),
        ],
        true,
      ),
    ],
    [
      { key: 'mx-not-covered/mx:mx2.a.example', domains: ['a.example'], bounces: true },
      { key: 'mx-unreachable/mx:mx.a.example', domains: ['a.example'], bounces: false },
    ],
  ],
];

describe('groupCauses: findings grouped by what one fix resolves (issue #9 item 1)', () => {
  it.each(cases)('%s', (_name, domains, expected) => {
    const causes = groupCauses(domains);
    expect(causes.map((c) => c.key)).toEqual(expected.map((e) => e.key));
    for (const [i, e] of expected.entries()) {
      const c = causes[i]!;
      expect(c.domains).toEqual(e.domains);
      expect(c.count).toBe(e.domains.length);
      if (e.severity !== undefined) expect(c.severity, e.key).toBe(e.severity);
      if (e.bounces !== undefined) expect(c.bounces, e.key).toBe(e.bounces);
      if (e.bouncesIfEnforced !== undefined) expect(c.bouncesIfEnforced, e.key).toBe(e.bouncesIfEnforced);
      if (e.hosts !== undefined) expect(c.hosts, e.key).toEqual(e.hosts);
      if (e.addresses !== undefined) expect(c.addresses, e.key).toEqual(e.addresses);
    }
  });

  it('says the uncovered pattern in the title and the one fix', () => {
    const [cause] = groupCauses(['a.example', 'b.example'].map((d) => domain(d, [microsoft(d)], true)));
    expect(cause?.title).toBe(
      'MX x.h-v1.mx.microsoft is not covered by *.mx.microsoft: a wildcard covers exactly one label (RFC 8461 §4.1)',
    );
    expect(cause?.fix).toMatch(/^Add `mx: \*\.h-v1\.mx\.microsoft` to the policy of each affected domain/);
  });

  it('gives a shared policy web server a fix that names it, and one domain its own fix', () => {
    const shared = groupCauses(
      ['a.example', 'b.example'].map((d) =>
        domain(d, [f('policy-cert-expired', d, { host: `mta-sts.${d}`, observed: '192.0.2.9' })]),
      ),
    );
    expect(shared[0]?.fix).toContain(
      'One web server at `192.0.2.9` serves the policy host of every affected domain',
    );
    expect(shared[0]?.title).toMatch(/^The policy hosts served at 192\.0\.2\.9: /);
    const covered = groupCauses([domain('a.example', [microsoft('a.example')])]);
    expect(covered[0]?.fix).toMatch(/^Add `mx: \*\.h-v1\.mx\.microsoft` to the policy of a\.example, then/);
    const host = (d: string) =>
      f('mx-not-covered', d, { host: 'mx.shared.net', expected: 'mx1.x' }, `${d} says so`);
    expect(groupCauses([domain('a.example', [host('a.example')])])[0]?.title).toBe('a.example says so');
    expect(groupCauses(['a.example', 'b.example'].map((d) => domain(d, [host(d)])))[0]?.title).toBe(
      'MX mx.shared.net matches no mx pattern of the policies',
    );
    const single = groupCauses([domain('a.example', [f('sts-record-missing', 'a.example')])]);
    expect(single[0]?.fix).toBe(f('sts-record-missing', 'a.example').fix);
    expect(single[0]?.fix).toContain('_mta-sts.a.example');
  });

  it('ranks bouncing causes first, then by severity, then by the number of domains', () => {
    const causes = groupCauses([
      domain('a.example', [f('tlsrpt-missing', 'a.example'), f('drift-mode', 'a.example')]),
      domain('b.example', [f('mx-cert-expiring', 'b.example', { host: 'mx.s.net' })]),
      domain('c.example', [f('mx-cert-expiring', 'c.example', { host: 'mx.s.net' })]),
      domain('d.example', [f('mx-starttls-missing', 'd.example', { host: 'mx.d.example' })], true),
    ]);
    expect(causes.map((c) => c.key)).toEqual([
      'mx-starttls-missing/mx:mx.d.example',
      'drift-mode/domain:a.example',
      'mx-cert-expiring/mx:mx.s.net',
      'tlsrpt-missing/domain:a.example',
    ]);
  });

  it('is the same whatever the order of domains and findings (shards merge into the same causes)', () => {
    const input = [
      domain('b.example', [microsoft('b.example'), f('tlsrpt-missing', 'b.example')], true),
      domain('a.example', [f('tlsrpt-missing', 'a.example'), microsoft('a.example')], true),
    ];
    const reversed = [...input].reverse().map((d) => ({ ...d, findings: [...d.findings].reverse() }));
    expect(groupCauses(reversed)).toEqual(groupCauses(input));
  });
});
