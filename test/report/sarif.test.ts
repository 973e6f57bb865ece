/**
 * The SARIF file for code scanning (issue #11 item 15), checked against what GitHub's upload requires of a SARIF
 * 2.1.0 log (GitHub Docs, "SARIF support for code scanning"): the version and schema, a tool driver with its rules,
 * and results with a rule id, a level, a message and one physical location relative to the repository with a start
 * line.
 */
import { describe, expect, it } from 'vitest';
import { PR_PROBLEM_CODES } from '../../src/action/pr-compare.js';
import { REPORT_VERSION, type CheckReport } from '../../src/check.js';
import { FINDING_CODES } from '../../src/core/findings.js';
import type { DomainExpectation, DomainReport } from '../../src/core/types.js';
import { MAX_SARIF_RESULTS, renderSarif, repositoryUri, SARIF_SCHEMA } from '../../src/report/sarif.js';
import { finding, report } from '../fixtures/action/reports.js';

function checkReport(domains: DomainReport[], notices: string[] = []): CheckReport {
  return {
    version: REPORT_VERSION,
    generatedAt: '2026-11-29T00:00:00.000Z',
    notices,
    summary: { domains: domains.length, errors: 0, warnings: 0, notices: 0, bouncing: [] },
    runFindings: [],
    causes: [],
    domains,
  };
}

const at = (domain: string, line: number, column = 5): DomainExpectation => ({
  domain,
  line,
  column,
  certWarningDays: 21,
  ignore: [],
});

/** The value at a path of property names and indexes in parsed JSON; undefined where the path breaks. */
function get(value: unknown, ...path: (string | number)[]): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
const LEVELS = ['none', 'note', 'warning', 'error'];

/** What GitHub's code scanning upload requires; returns the problems found (empty when the log is acceptable). */
function githubShapeProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  need(get(log, 'version') === '2.1.0', 'version is 2.1.0');
  const schema = get(log, '$schema');
  need(typeof schema === 'string' && /sarif-schema-2\.1\.0\.json$/.test(schema), '$schema names SARIF 2.1.0');
  const runs = list(get(log, 'runs'));
  need(runs.length >= 1 && runs.length <= 20, 'runs: 1 to 20');
  for (const run of runs) {
    const name = get(run, 'tool', 'driver', 'name');
    need(typeof name === 'string' && name !== '', 'tool.driver.name');
    need(Array.isArray(get(run, 'tool', 'driver', 'rules')), 'tool.driver.rules is an array');
    const rules = list(get(run, 'tool', 'driver', 'rules'));
    const ids = new Set<unknown>();
    for (const rule of rules) {
      const id = get(rule, 'id');
      need(typeof id === 'string' && id !== '' && !ids.has(id), `rule id ${String(id)}, once`);
      ids.add(id);
      const short = get(rule, 'shortDescription', 'text');
      need(typeof short === 'string' && short.length <= 1024, `rule ${String(id)}: shortDescription.text`);
      need(LEVELS.includes(String(get(rule, 'defaultConfiguration', 'level'))), 'rule level');
    }
    const results = list(get(run, 'results'));
    need(Array.isArray(get(run, 'results')) && results.length <= 25_000, 'results: at most 25,000');
    for (const result of results) {
      const ruleId = get(result, 'ruleId');
      need(ids.has(ruleId), `result rule ${String(ruleId)} is declared`);
      const index = get(result, 'ruleIndex');
      if (index !== undefined) need(get(rules, Number(index), 'id') === ruleId, 'ruleIndex points at ruleId');
      need(LEVELS.includes(String(get(result, 'level'))), 'result level');
      const text = get(result, 'message', 'text');
      need(typeof text === 'string' && text !== '', 'message.text');
      need(list(get(result, 'locations')).length === 1, 'exactly one location');
      const uri = get(result, 'locations', 0, 'physicalLocation', 'artifactLocation', 'uri');
      need(
        typeof uri === 'string' && uri !== '' && !/^([a-z]+:|\/)/i.test(uri),
        `uri ${String(uri)} is relative`,
      );
      const line = get(result, 'locations', 0, 'physicalLocation', 'region', 'startLine');
      need(Number.isInteger(line) && Number(line) >= 1, 'region.startLine >= 1');
    }
  }
  return problems;
}

it('the shape check finds what GitHub would refuse', () => {
  const bad = {
    version: '2.0.0',
    runs: [
      {
        tool: { driver: { name: 'x' } },
        results: [
          {
            ruleId: 'r',
            level: 'fatal',
            message: {},
            locations: [
              {
                physicalLocation: { artifactLocation: { uri: '/abs/domains.yml' }, region: { startLine: 0 } },
              },
            ],
          },
        ],
      },
    ],
  };
  expect(githubShapeProblems(bad)).toEqual([
    'version is 2.1.0',
    '$schema names SARIF 2.1.0',
    'tool.driver.rules is an array',
    'result rule r is declared',
    'result level',
    'message.text',
    'uri /abs/domains.yml is relative',
    'region.startLine >= 1',
  ]);
});

describe('renderSarif', () => {
  const domains = [
    report('a.example', [
      finding('drift-mx', 'error'),
      finding('mx-cert-expiring', 'warning', { host: 'mx.a.example' }),
    ]),
    report('b.example', [finding('tlsrpt-missing', 'notice')]),
  ];
  const input = {
    report: checkReport(domains, ['MX TLS not checked: port 25 is blocked']),
    expectations: [at('a.example', 3), at('b.example', 7, 9)],
    file: 'config/domains.yml',
    version: '1.2.3',
  };

  it('is what GitHub code scanning accepts', () => {
    const { log, omitted } = renderSarif({
      ...input,
      prProblems: [
        {
          code: 'pr-contradicted',
          severity: 'error',
          domain: 'a.example',
          line: 3,
          column: 5,
          message: 'No.',
        },
      ],
      extraRules: PR_PROBLEM_CODES,
    });
    expect(githubShapeProblems(log)).toEqual([]);
    expect(omitted).toBe(0);
    expect(log.$schema).toBe(SARIF_SCHEMA);
  });

  it('has a rule for every code of the findings catalogue, with its meaning, fix and severity', () => {
    const { log } = renderSarif({ ...input, extraRules: PR_PROBLEM_CODES });
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([...Object.keys(FINDING_CODES), ...Object.keys(PR_PROBLEM_CODES)]);
    expect(rules.find((r) => r.id === 'drift-mx')).toMatchObject({
      shortDescription: { text: FINDING_CODES['drift-mx'].meaning },
      help: { text: `Fix: ${FINDING_CODES['drift-mx'].fix}` },
      defaultConfiguration: { level: 'error' },
    });
    expect(rules.find((r) => r.id === 'tlsrpt-missing')?.defaultConfiguration?.level).toBe(
      FINDING_CODES['tlsrpt-missing'].severity === 'notice'
        ? 'note'
        : FINDING_CODES['tlsrpt-missing'].severity,
    );
  });

  it('puts one result per finding on the line and column of its domain, notice as note', () => {
    const { log } = renderSarif(input);
    expect(
      log.runs[0]?.results?.map((r) => [
        r.ruleId,
        r.level,
        r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
        r.locations?.[0]?.physicalLocation?.region?.startLine,
        r.locations?.[0]?.physicalLocation?.region?.startColumn,
      ]),
    ).toEqual([
      ['drift-mx', 'error', 'config/domains.yml', 3, 5],
      ['mx-cert-expiring', 'warning', 'config/domains.yml', 3, 5],
      ['tlsrpt-missing', 'note', 'config/domains.yml', 7, 9],
    ]);
    expect(log.runs[0]?.results?.[1]?.message.text).toBe(
      'a.example (mx.a.example): mx-cert-expiring happened. Fix: Fix mx-cert-expiring.',
    );
    expect(log.runs[0]?.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toBe(
      'MX TLS not checked: port 25 is blocked',
    );
  });

  it('puts a run-level finding (no domain) at the top of the file', () => {
    const withRun = {
      ...input.report,
      runFindings: [finding('dns-unavailable', 'error', { domain: '', message: 'Most lookups failed.' })],
    };
    const { log } = renderSarif({ ...input, report: withRun });
    expect(githubShapeProblems(log)).toEqual([]);
    const first = log.runs[0]?.results?.[0];
    expect(first?.ruleId).toBe('dns-unavailable');
    expect(first?.level).toBe('error');
    expect(first?.message.text).toContain('This run: Most lookups failed.');
    expect(first?.locations?.[0]?.physicalLocation?.region?.startLine).toBe(1);
  });

  it('fingerprints by domain, code and host, not by line', () => {
    const moved = renderSarif({ ...input, expectations: [at('a.example', 30), at('b.example', 70)] }).log;
    const print = (log: typeof moved) => log.runs[0]?.results?.map((r) => r.partialFingerprints);
    expect(print(moved)).toEqual(print(renderSarif(input).log));
    const fingerprints = print(moved)?.map((p) => p?.['mtaStsDrift/v1']);
    expect(new Set(fingerprints).size).toBe(3);
  });

  it('defuses control characters from remote text and places a domain without a line at the top', () => {
    const hostile = report('c.example', [
      finding('policy-line-invalid', 'error', { message: 'bad\u001b[31m\u202eline' }),
    ]);
    const { log } = renderSarif({ ...input, report: checkReport([hostile]), expectations: [] });
    const result = log.runs[0]?.results?.[0];
    // eslint-disable-next-line no-control-regex -- the characters this test looks for
    expect(result?.message.text).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(result?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 1, startColumn: 1 });
    expect(githubShapeProblems(log)).toEqual([]);
  });

  it('keeps the most severe results under the upload limit, and counts the rest', () => {
    const notices = Array.from({ length: MAX_SARIF_RESULTS }, (_, i) =>
      finding('tlsrpt-missing', 'notice', { host: `h${i}` }),
    );
    const big = [report('n.example', notices), report('e.example', [finding('drift-mx', 'error')])];
    const { log, omitted } = renderSarif({ ...input, report: checkReport(big), expectations: [] });
    expect(omitted).toBe(1);
    expect(log.runs[0]?.results).toHaveLength(MAX_SARIF_RESULTS);
    expect(log.runs[0]?.results?.some((r) => r.ruleId === 'drift-mx')).toBe(true);
  });

  it.each([
    ['domains.yml', 'domains.yml'],
    ['./config/domains.yml', 'config/domains.yml'],
    ['config\\my domains.yml', 'config/my%20domains.yml'],
  ])('writes the path %j as the URI %j', (file, uri) => {
    expect(repositoryUri(file)).toBe(uri);
  });
});
