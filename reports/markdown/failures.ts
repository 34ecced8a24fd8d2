import type { ReportExchange, ReportOperation, ReportResult, RunReport } from '../report-model.js';
import { curlCaveat } from '../rerun.js';
import { MARK } from '../statuses.js';
import { anchor, mdCode, mdFence, mdText, plural } from './primitives.js';

/**
 * The failures of summary.md, each with what was documented, what was received, the exchange and how to reproduce
 * it; and, against a baseline, which failures are new, fixed or unchanged.
 */

/**
 * The curl line usable as written: a header whose whole value is a credential placeholder is double-quoted so the
 * shell substitutes the variable (buildReport writes it so; summaries of older versions single-quoted it).
 */
export function usableCurl(curl: string): string {
  return curl.replace(/-H '([A-Za-z0-9-]+): \$([A-Z][A-Z0-9_]*)'/g, '-H "$1: $$$2"');
}

const failing = (r: ReportResult): boolean => r.status === 'failed' || r.status === 'error';

const prettyBody = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

function exchangeBlocks(e: ReportExchange): string[] {
  const request = [`${e.request.method} ${e.request.url}`, ...Object.entries(e.request.headers).map(([k, v]) => `${k}: ${v}`)];
  if (e.request.body !== undefined) request.push('', typeof e.request.body === 'string' ? e.request.body : JSON.stringify(e.request.body, null, 2));
  const response = [
    `HTTP ${e.response.status}${e.durationMs !== undefined ? `   (${e.durationMs} ms)` : ''}`,
    ...Object.entries(e.response.headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (e.response.body !== '') response.push('', prettyBody(e.response.body));
  return ['Request:', '', mdFence(request.join('\n'), 'http'), '', 'Response:', '', mdFence(response.join('\n'), 'http')];
}

function failureBlock(r: ReportResult, op: ReportOperation | undefined, report: RunReport): string[] {
  const title = r.findings[0]?.title;
  const lines = [`### ${MARK[r.status]} ${r.id}`, ''];
  const facts = [
    `**${mdText(`${r.method} ${r.path}`)}**`,
    `operation ${mdCode(r.operationId)} (area ${mdText(r.area)})`,
    `check ${mdCode(r.check)}${title ? ` — ${mdText(title)}` : ''}`,
  ];
  if (r.status === 'error') facts.push('**harness error**: the check could not be completed; this says nothing yet about the endpoint');
  lines.push(facts.join(' · '));
  if (op && (op.actions.length > 0 || op.conditionalActions.length > 0))
    lines.push('', `IAM: ${[...op.actions.map(mdCode), ...op.conditionalActions.map((a) => `${mdCode(a)} (conditional)`)].join(', ')}`);
  lines.push('', r.status === 'error' ? '**What went wrong:**' : '**Documented vs received:**', '', mdFence(r.message || '(no message)', 'text'));
  const distinct = [...new Map(r.findings.map((f) => [`${f.title}\n${f.message}`, f])).values()];
  if (distinct.length > 1) {
    lines.push('', `**Findings** (${distinct.length}${r.findings.length >= 10 ? ', the first 10 kept' : ''}):`, '');
    for (const f of distinct) lines.push(`- ${mdText(f.title)}: ${mdText(f.message.length > 400 ? `${f.message.slice(0, 399)}…` : f.message)}`);
  }
  const fixes = [
    r.documentedBy?.length ? `**Documented by:** ${r.documentedBy.map(mdText).join('; ')}` : '',
    r.strict ? '**--strict:** an advisory (the spec’s own reading where the documents are silent), failed because the run asked for it' : '',
    r.hint ? `**What to fix:** ${mdText(r.hint)}` : '',
    r.specRef ? `**Specification:** ${mdCode(r.specRef)}` : '',
  ].filter(Boolean);
  if (fixes.length > 0) lines.push('', fixes.join('  \n'));
  const [first, ...more] = r.exchanges;
  if (!first) lines.push('', '_No exchange was recorded for this result; the reproduction below re-creates it._');
  if (first) {
    lines.push(
      '',
      `**Exchange**${r.exchanges.length > 1 ? ` (1 of ${r.exchanges.length})` : ''}, credentials replaced by \`***\`:`,
      '',
      ...exchangeBlocks(first),
    );
    if (more.length > 0) {
      lines.push('', 'Other exchanges behind this result (in full in summary.json):', '');
      for (const [i, e] of more.entries()) lines.push(`${i + 2}. ${mdCode(`${e.request.method} ${e.request.url}`)} → ${e.response.status}`);
    }
  }
  lines.push(
    '',
    '**Reproduce** — the check alone, with the run’s target, config, mock flags, profile and seed:',
    '',
    mdFence(r.reproduce, 'sh'),
    '',
    `or from this report: ${mdCode(`ims-conformance replay <this report's directory> ${r.id}`)}`,
  );
  if (r.curl) {
    const caveat = curlCaveat(report, r.curl);
    lines.push('', `the request above by hand${caveat ? ` (${mdText(caveat)})` : ''}:`, '', mdFence(usableCurl(r.curl), 'sh'));
  }
  return lines;
}

export function failuresSection(report: RunReport, heading: string): string[] {
  const bad = report.results.filter(failing);
  const ops = new Map(report.operations.map((o) => [o.operationId, o]));
  if (bad.length === 0) return [`## ${heading}`, '', 'None: no check failed.'];
  const placeholders = [
    ...new Set(bad.flatMap((r) => (r.curl ? [...usableCurl(r.curl).matchAll(/"[A-Za-z0-9-]+: \$([A-Z][A-Z0-9_]*)"/g)].map((m) => m[1] as string) : []))),
  ];
  const lines = [`## ${heading}`, ''];
  lines.push(
    `${plural(bad.length, 'result')}, by operation. The exchanges come from the endpoint as received; credentials were replaced before anything was written.`,
  );
  if (placeholders.length > 0)
    lines.push(
      `The curl lines carry no credentials: set ${placeholders.map((p) => mdCode(`$${p}`)).join(', ')} to a valid token (for an IAM check, one of the principal the message names) before running them.`,
    );
  lines.push(
    '',
    ...bad.map(
      (r) =>
        `- [${mdText(r.id)}](${anchor(`${MARK[r.status]} ${r.id}`)}) — ${r.status === 'error' ? 'harness error' : mdText(r.findings[0]?.title ?? r.check)}`,
    ),
  );
  for (const r of bad) lines.push('', ...failureBlock(r, ops.get(r.operationId), report));
  return lines;
}

export function baselineSection(report: RunReport, heading: string): string[] {
  const b = report.baseline;
  if (!b) return [];
  const list = (ids: string[]): string => (ids.length > 0 ? ids.map(mdCode).join(', ') : 'none');
  return [
    `## ${heading}`,
    '',
    `Failing results (failed or harness error) compared with ${mdCode(b.file)}, by result id:`,
    '',
    `- **New failures (${b.new.length}):** ${list(b.new)}`,
    `- **Fixed (${b.fixed.length}):** ${list(b.fixed)}`,
    `- **Unchanged failures (${b.unchanged.length}):** ${list(b.unchanged)}`,
    `- **Passed there, skipped now (${(b.lost ?? []).length}):** ${list(b.lost ?? [])} — a regression under \`--fail-on regressions\`: the check no longer proves anything`,
    '',
    'A failure of the baseline that this run did not check (outside `--only` or `--shard`), or that is skipped or waived now, is counted neither as fixed nor as unchanged.',
  ];
}
