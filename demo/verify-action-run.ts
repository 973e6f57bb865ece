/**
 * After CI's run of the Action against the demo world (demo/serve-world.ts, issue #11 item 18): check what a user
 * would see, from the step outputs and the files they name. Exits 1 with one line per problem.
 *
 *   REPORT=... BOUNCING=... ERRORS=... ISSUES_OPENED=... SARIF=... tsx demo/verify-action-run.ts
 */
import { readFileSync } from 'node:fs';
import type { CheckReport } from '../src/check.js';

const problems: string[] = [];
const expect = (ok: boolean, what: string): void => {
  if (!ok) problems.push(what);
};
const env = (name: string): string => process.env[name] ?? '';

/** Parse a JSON file the Action should have written, or stop with one line saying which. */
function readJson(what: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    process.stderr.write(
      `The Action did not leave ${what} at ${JSON.stringify(path)}: ${(error as Error).message}\n`,
    );
    process.exit(1);
  }
}

const report = readJson('the JSON report (output report)', env('REPORT')) as CheckReport;
const status = Object.fromEntries(report.domains.map((d) => [d.domain, d.status]));
const domains = Object.keys(status).sort();
expect(
  JSON.stringify(domains) ===
    JSON.stringify([
      'dane.example',
      'expired-mx.example',
      'healthy.example',
      'new-mx.example',
      'redirect.example',
      'stale-id.example',
      'testing.example',
    ]),
  `the report covers the seven demo domains (got ${domains.join(', ')})`,
);
expect(status['healthy.example'] === 'ok', `healthy.example is ok (got ${status['healthy.example']})`);
expect(status['new-mx.example'] === 'error', `new-mx.example drifts (got ${status['new-mx.example']})`);
expect(
  env('BOUNCING') === '["expired-mx.example"]',
  `bouncing-domains is ["expired-mx.example"] (got ${env('BOUNCING')})`,
);
expect(
  env('ERRORS') === String(report.summary.errors) && report.summary.errors > 0,
  'errors matches the report',
);
// DANE with the dns-server input (issue #7 item 7): the demo world's DNS plays a validating resolver for the signed
// dane.example, whose backup MX keeps a TLSA record for a key it no longer serves.
const dane = report.domains.find((d) => d.domain === 'dane.example');
const daneVerdicts = dane?.mx.map((m) => `${m.host}:${m.dane?.verdict ?? 'none'}`).join(' ');
expect(
  daneVerdicts === 'mx1.dane.example:dane-ok mx2.dane.example:dane-fail',
  `dane.example: DANE ok at mx1, failing at mx2 (got ${daneVerdicts})`,
);
expect(
  dane?.findings.some((f) => f.code === 'tlsa-mismatch' && f.host === 'mx2.dane.example') === true,
  'dane.example has tlsa-mismatch for mx2.dane.example',
);
expect(
  dane?.bounces === false && dane.bouncesDane === false,
  'dane.example: mail still flows through mx1, for MTA-STS and DANE senders alike',
);
expect(
  !report.runFindings.some((f) => f.code === 'dns-not-validating'),
  'the resolver named in dns-server counts as validating (no dns-not-validating)',
);
expect(env('ISSUES_OPENED') === '[]', `issues-opened is [] without a token (got ${env('ISSUES_OPENED')})`);

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}
const sarif = readJson('the SARIF file (input sarif-file)', env('SARIF')) as {
  version: string;
  runs: { tool: { driver: { rules: { id: string }[] } }; results: SarifResult[] }[];
};
const results = sarif.runs[0]?.results ?? [];
const findings = report.domains.flatMap((d) => d.findings);
expect(sarif.version === '2.1.0', 'SARIF version 2.1.0');
expect(
  results.length === findings.length,
  `one SARIF result per finding (${results.length} for ${findings.length})`,
);
const rules = new Set(sarif.runs[0]?.tool.driver.rules.map((r) => r.id));
for (const r of results) {
  const place = r.locations[0]?.physicalLocation;
  expect(rules.has(r.ruleId), `rule ${r.ruleId} is declared`);
  expect(place?.artifactLocation.uri === 'demo/domains.yml', `result ${r.ruleId} is in demo/domains.yml`);
  expect((place?.region.startLine ?? 0) > 1, `result ${r.ruleId} is on a domain's line`);
}

if (problems.length > 0) {
  process.stderr.write(
    `The Action's run against the demo world is not what it should be:\n- ${problems.join('\n- ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `The Action's run against the demo world: ${domains.length} domains, ${report.summary.errors} errors, ${results.length} SARIF results, as expected.\n`,
);
