import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEntry, isCheckId } from '../src/checks/catalogue.js';
import { usableCurl } from './markdown/failures.js';
import type { ReportResult, ReportStatus, RunReport } from './report-model.js';

/**
 * report.html counts what summary.md counts: one Allure test per operation × check result of summary.json, with
 * its status, labels and evidence, so the report's "Total", "Passed" and "Failed" are summary.md's. (allure-results/
 * of the run keeps vitest's per-scenario results for tools that want them; report.html is built from these.)
 */

/**
 * Allure has five statuses; summary.md has seven. Passed, failed, skipped map one to one and a harness error is
 * Allure's `broken`; advisory, waived and nothing-to-judge are neither passed nor failed: `unknown`, tagged with
 * what they are, and the overview lists summary.md's totals by name.
 */
export const ALLURE_STATUS: Record<ReportStatus, 'passed' | 'failed' | 'broken' | 'skipped' | 'unknown'> = {
  passed: 'passed',
  failed: 'failed',
  error: 'broken',
  skipped: 'skipped',
  advisory: 'unknown',
  waived: 'unknown',
  'not-applicable': 'unknown',
};

const VERDICT: Record<RunReport['verdict'], string> = { passed: '✔ PASSED', failed: '✘ FAILED', 'not-judged': 'NOTHING JUDGED' };

/** summary.md's totals in one line, each status by its name, in its order. */
export function totalsLine(report: RunReport): string {
  const t = report.totals;
  return [
    `${t.passed} passed`,
    `${t.failed} failed`,
    `${t.error} harness errors`,
    `${t.advisory} advisories`,
    `${t.waived} waived`,
    `${t.skipped} skipped`,
    `${t['not-applicable']} with nothing to judge`,
  ].join(' · ');
}

/** The report's name, its overview's headline: the verdict and summary.md's counts. */
export function reportNameOf(report: RunReport): string {
  const t = report.totals;
  return `IMS conformance — ${VERDICT[report.verdict]}: ${t.passed} passed, ${t.failed} failed of ${report.results.length} operation × check results`;
}

/** The overview's facts (Allure's report variables): verdict, counts, tool, spec, seed, target, and the unit. */
export function overviewFacts(report: RunReport): Record<string, string> {
  return {
    Verdict: VERDICT[report.verdict],
    Results: `${report.results.length} operation × check results (as summary.md): ${totalsLine(report)}`,
    Unit: 'one test per operation × check result; advisory, waived and nothing-to-judge results are Allure "unknown"',
    Tool: `${report.tool.name} ${report.tool.version}`,
    Spec: `${report.spec.version} sha256 ${report.spec.hash}`,
    Seed: String(report.seed),
    Profile: report.profile,
    Target: `${report.target}${report.embedded ? ' (the embedded mock)' : ''}`,
    'Run id': report.runId,
    ...(report.shard ? { Shard: `${report.shard.index}/${report.shard.count}` } : {}),
  };
}

const uuidOf = (text: string): string => {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

function description(r: ReportResult): string {
  const lines: string[] = [`**${r.method} ${r.path}** — check \`${r.check}\`: ${r.status}`, ''];
  if (r.message) lines.push('```', r.message, '```', '');
  for (const f of r.findings.slice(0, 5)) lines.push(`- **${f.title}**: ${f.message}`, `  - fix: ${f.hint}`, `  - spec: \`${f.specRef}\``);
  if (r.documentedBy?.length) lines.push(`- documented by: ${r.documentedBy.join('; ')}`);
  if (r.waiver) lines.push(`- waived: ${r.waiver.reason}${r.waiver.expires ? ` (until ${r.waiver.expires})` : ''}`);
  if (r.skipReasons?.length) lines.push(`- skipped: ${r.skipReasons.join(' | ')}`);
  lines.push('', `re-run: \`${r.reproduce}\``);
  return lines.join('\n');
}

/**
 * Writes one Allure result (and its attachments) per result of the report into `dir`; returns how many.
 * Names are the result ids (`operationId/check`), grouped area → operation (epic, feature), the check as story.
 */
export function writeAllureResultsOf(report: RunReport, dir: string): number {
  mkdirSync(dir, { recursive: true });
  const start = Date.parse(report.startedAt);
  for (const r of report.results) {
    const uuid = uuidOf(`${report.runId}#${r.id}`);
    const attachments: { name: string; source: string; type: string }[] = [];
    const attach = (name: string, content: string, type: 'application/json' | 'text/plain'): void => {
      const source = `${uuidOf(`${uuid}#${name}`)}-attachment.${type === 'application/json' ? 'json' : 'txt'}`;
      writeFileSync(join(dir, source), content);
      attachments.push({ name, source, type });
    };
    if (r.exchanges.length > 0) attach(`${r.check}: exchanges`, JSON.stringify(r.exchanges, null, 2), 'application/json');
    if (r.curl) attach(`${r.check}: curl`, usableCurl(r.curl), 'text/plain');
    const critical = isCheckId(r.check) && checkEntry(r.check).critical;
    const status = ALLURE_STATUS[r.status];
    const message = r.status === 'skipped' ? r.message || r.skipReasons?.join(' | ') || 'skipped' : r.message ? `${r.check}: ${r.message}` : '';
    const result = {
      uuid,
      historyId: createHash('md5').update(`ims-conformance:${r.id}`).digest('hex'),
      testCaseId: createHash('md5').update(`ims-conformance:${r.id}`).digest('hex'),
      name: r.id,
      fullName: r.id,
      status,
      statusDetails: message ? { message } : {},
      stage: 'finished',
      // Its time is the requests behind it (the exchanges kept), not the run's.
      start,
      stop: start + Math.round(r.exchanges.reduce((sum, e) => sum + (e.durationMs ?? 0), 0)),
      description: description(r),
      labels: [
        { name: 'epic', value: r.area },
        { name: 'feature', value: r.operationId },
        { name: 'story', value: r.check },
        { name: 'severity', value: critical ? 'critical' : 'normal' },
        { name: 'tag', value: r.status },
        ...(r.skipReasons?.length && r.status !== 'skipped' ? [{ name: 'tag', value: 'partly-skipped' }] : []),
      ],
      parameters: [{ name: 'seed', value: String(report.seed), excluded: true }],
      links: [],
      steps: [],
      attachments,
    };
    writeFileSync(join(dir, `${uuid}-result.json`), JSON.stringify(result));
  }
  return report.results.length;
}
