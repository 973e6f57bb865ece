/**
 * The findings as a SARIF 2.1.0 log for GitHub code scanning (issue #11 item 15): one result per finding, located
 * on the line of its domain in domains.yml, with one rule per code of the findings catalogue and the pull-request
 * codes. For those who want every finding in the Security tab, beyond the 10 annotations per type a step may show.
 *
 * Shape: OASIS SARIF 2.1.0 (types from @types/sarif), with what GitHub's upload requires of each result: `ruleId`,
 * `level`, `message.text`, and one `physicalLocation` whose `artifactLocation.uri` is relative to the repository
 * root, with `region.startLine`. Pure: the caller writes the file.
 */
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { CheckReport } from '../check.js';
import { FINDING_CODES } from '../core/findings.js';
import type { DomainExpectation, Severity } from '../core/types.js';
import { stripControl } from './sanitize.js';

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * GitHub code scanning accepts at most 25,000 results per run and shows the 5,000 most severe (GitHub Docs, "SARIF
 * support for code scanning", upload limits). Beyond this the least severe results are left out, and counted.
 */
export const MAX_SARIF_RESULTS = 25_000;

/** Longest message text kept; a finding's message quotes remote text, which is bounded but may be long. */
const MAX_MESSAGE_LENGTH = 4000;

/** A rule of the catalogue: a finding code or a pull-request code. */
export interface SarifRuleInfo {
  readonly severity: Severity;
  readonly meaning: string;
  readonly fix: string;
}

/** A pull-request problem, as pr-compare.ts reports it. */
export interface SarifPrProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly domain: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface SarifInput {
  readonly report: CheckReport;
  readonly expectations: readonly DomainExpectation[];
  /** The config file, relative to the repository root. */
  readonly file: string;
  readonly prProblems?: readonly SarifPrProblem[];
  /** Rules besides the findings catalogue (the pull-request codes). */
  readonly extraRules?: Readonly<Record<string, SarifRuleInfo>>;
  readonly version: string;
}

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', notice: 'note' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** A repository-relative path as a URI reference: `/` separators, each segment percent-encoded. */
export function repositoryUri(file: string): string {
  return file
    .split(/[\\/]+/)
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => (segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
}

function rule(id: string, info: SarifRuleInfo): Sarif.ReportingDescriptor {
  return {
    id,
    shortDescription: { text: info.meaning },
    fullDescription: { text: info.meaning },
    help: { text: `Fix: ${info.fix}` },
    defaultConfiguration: { level: LEVEL[info.severity] },
    properties: { tags: [id.startsWith('pr-') ? 'pull-request' : 'mta-sts'] },
  };
}

/**
 * A fingerprint that stays when lines move: code scanning matches a result to its alert of the previous upload by
 * it, so an alert is closed when its finding is gone and kept while the finding stays.
 */
function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

interface Located {
  readonly severity: Severity;
  readonly result: Sarif.Result;
}

function located(
  input: SarifInput,
  ruleIndex: ReadonlyMap<string, number>,
  item: { code: string; severity: Severity; domain: string; host?: string; text: string },
  at: { line: number; column: number },
): Located {
  const index = ruleIndex.get(item.code);
  const text = stripControl(item.text);
  return {
    severity: item.severity,
    result: {
      ruleId: item.code,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: LEVEL[item.severity],
      message: {
        text: text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: repositoryUri(input.file), uriBaseId: '%SRCROOT%' },
            // A domain given on the command line has no line: the top of the file.
            region: { startLine: Math.max(1, at.line), startColumn: Math.max(1, at.column) },
          },
        },
      ],
      partialFingerprints: { 'mtaStsDrift/v1': fingerprint(item.code, item.domain, item.host ?? '') },
      properties: { domain: item.domain, ...(item.host === undefined ? {} : { host: item.host }) },
    },
  };
}

/** Build the SARIF log. Results are the run-level findings, those of every domain, then the pull-request problems. */
export function renderSarif(input: SarifInput): { log: Sarif.Log; omitted: number } {
  const catalogue: [string, SarifRuleInfo][] = [
    ...Object.entries(FINDING_CODES as Readonly<Record<string, SarifRuleInfo>>),
    ...Object.entries(input.extraRules ?? {}),
  ];
  const rules = catalogue.map(([id, info]) => rule(id, info));
  const ruleIndex = new Map(catalogue.map(([id], index) => [id, index]));
  const places = new Map(input.expectations.map((e) => [e.domain, e]));
  const all: Located[] = [];
  // Run-level findings (a blind run, a failed proxy) belong to no domain: the top of the file.
  for (const f of input.report.runFindings) {
    all.push(
      located(
        input,
        ruleIndex,
        { ...f, text: `This run: ${f.message} Fix: ${f.fix}` },
        { line: 1, column: 1 },
      ),
    );
  }
  for (const domain of input.report.domains) {
    const place = places.get(domain.domain) ?? { line: 0, column: 0 };
    for (const f of domain.findings) {
      const where = `${f.domain}${f.host === undefined ? '' : ` (${f.host})`}`;
      const text = `${where}: ${f.message} Fix: ${f.fix}`;
      all.push(located(input, ruleIndex, { ...f, text }, place));
    }
  }
  for (const p of input.prProblems ?? []) {
    all.push(located(input, ruleIndex, { ...p, text: `${p.domain}: ${p.message}` }, p));
  }
  // Stable: the most severe first, in report order within a level, when the cap cuts.
  const kept = all
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => RANK[a.entry.severity] - RANK[b.entry.severity] || a.index - b.index)
    .slice(0, MAX_SARIF_RESULTS)
    .sort((a, b) => a.index - b.index)
    .map(({ entry }) => entry.result);
  const notices = input.report.notices.map((text): Sarif.Notification => ({
    level: 'note',
    message: { text: stripControl(text) },
  }));
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'mta-sts-drift', version: input.version, semanticVersion: input.version, rules },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notices }],
        results: kept,
      },
    ],
  };
  return { log, omitted: all.length - kept.length };
}
