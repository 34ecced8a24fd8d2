import type { RunReport } from '../report-model.js';
import { mdCode, mdText, plural, table } from './primitives.js';

/** The head of summary.md: the verdict in one line, the facts of the run, the totals by status. */

export function verdictLine(report: RunReport): string {
  const t = report.totals;
  const total = report.results.length;
  if (report.verdict === 'not-judged')
    return `> **Verdict: NOTHING JUDGED** — none of the ${total} results judged anything (every check was skipped or had nothing to judge): this run proves nothing about the endpoint. See the skip reasons below.`;
  if (report.verdict === 'passed') {
    const extras = [
      t.advisory ? `${plural(t.advisory, 'advisory', 'advisories')} (not failures)` : '',
      t.skipped ? `${plural(t.skipped, 'check')} skipped with a reason` : '',
      t['not-applicable'] ? `${t['not-applicable']} with nothing to judge` : '',
      t.waived ? `${plural(t.waived, 'deviation')} waived` : '',
    ].filter(Boolean);
    return `> **Verdict: ✔ PASSED** — no check failed: ${t.passed} of ${total} passed${extras.length ? `, ${extras.join(', ')}` : ''}.`;
  }
  const what =
    t.failed > 0
      ? `${t.failed} of ${total} checks failed${t.error > 0 ? ` and ${t.error} could not be completed (harness error)` : ''}`
      : `${t.error} of ${total} checks could not be completed (harness error)`;
  return `> **Verdict: ✘ FAILED** — ${what}. Each failure is listed below with what the specification documents, what the endpoint answered and how to reproduce it.`;
}

export function factsSection(report: RunReport): string[] {
  const date = report.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  const facts: [string, string][] = [
    ['Target', `${mdCode(report.target)}${report.embedded ? ' — the embedded reference mock of the tool, not a vendor endpoint' : ''}`],
    [
      'Profile',
      `${mdCode(report.profile)} — ${report.profile === 'openstack' ? 'the OpenStack Glance v2-native operations only' : 'the Huawei Cloud IMS API, IMS extensions included'}`,
    ],
    ['Tool', `${report.tool.name} ${mdText(report.tool.version)}`],
    ['Specification', `version ${mdText(report.spec.version)}, sha256 ${mdCode(report.spec.hash)}`],
    ['Seed', `${report.seed} (${plural(report.runs, 'generated example')} per property; re-run with \`--seed ${report.seed}\` to reproduce)`],
    ['Date', `${date}, ${(report.durationMs / 1000).toFixed(1)} s`],
    ['Run id', `${mdCode(report.runId)} (name prefix and tag of every resource the run created)`],
  ];
  if (report.shard) facts.push(['Shard', `${report.shard.index} of ${report.shard.count} — this report covers part of the operations only`]);
  if (report.baseline)
    facts.push([
      'Baseline',
      `${mdCode(report.baseline.file)}: ${report.baseline.new.length} new, ${report.baseline.fixed.length} fixed, ${report.baseline.unchanged.length} unchanged failures, ${(report.baseline.lost ?? []).length} passed there and skipped now`,
    ]);
  return facts.map(([k, v]) => `- **${k}:** ${v}`);
}

export function totalsSection(report: RunReport): string[] {
  const t = report.totals;
  const operations = new Set(report.results.map((r) => r.operationId)).size;
  return [
    `${plural(report.results.length, 'result')} (one per operation × check) over ${plural(operations, 'operation')}:`,
    '',
    ...table(
      ['✔ passed', '✘ failed', '! harness error', 'A advisory', 'W waived', '– skipped', 'nothing to judge', 'total'],
      [[t.passed, t.failed, t.error, t.advisory, t.waived, t.skipped, t['not-applicable'], report.results.length].map(String)],
      ['--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:'],
    ),
  ];
}
