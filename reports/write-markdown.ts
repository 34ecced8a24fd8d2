import { checkEntry, isCheckId, orderChecks } from '../src/checks/catalogue.js';
import { coverageMarkdown } from './status-coverage.js';
import type { ReportExchange, ReportOperation, ReportResult, RunReport } from './run-report.js';
import { MARK, MEANING } from './statuses.js';

export { MARK };

/**
 * The curl line usable as written: a header whose whole value is a credential placeholder is double-quoted so the
 * shell substitutes the variable (buildReport writes it so; summaries of older versions single-quoted it).
 */
export function usableCurl(curl: string): string {
  return curl.replace(/-H '([A-Za-z0-9-]+): \$([A-Z][A-Z0-9_]*)'/g, '-H "$1: $$$2"');
}

// ---- markdown primitives ---------------------------------------------------------------------------------------

/** Plain text safe inside a paragraph or a table cell: one line, no markup, no HTML. */
export function mdText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

/** Inline code; backticks inside get a longer delimiter, pipes are escaped for table cells. */
export function mdCode(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const tick = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${tick}${pad}${flat.replace(/\|/g, '\\|')}${pad}${tick}`;
}

/** A fenced block whose fence is longer than any backtick run inside, so no content can close it. */
export function mdFence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

const table = (header: string[], rows: string[][], align?: string[]): string[] => [
  `| ${header.join(' | ')} |`,
  `|${(align ?? header.map(() => '---')).map((a) => a).join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const anchor = (title: string): string =>
  `#${title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')}`;

// ---- sections ------------------------------------------------------------------------------------------------

const failing = (r: ReportResult): boolean => r.status === 'failed' || r.status === 'error';

function verdictLine(report: RunReport): string {
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

function factsSection(report: RunReport): string[] {
  const date = report.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  const facts: [string, string][] = [
    ['Target', `${mdCode(report.target)}${report.embedded ? ' — the embedded reference mock of the tool, not a vendor endpoint' : ''}`],
    ['Profile', `${mdCode(report.profile)} — ${report.profile === 'openstack' ? 'the OpenStack Glance v2-native operations only' : 'the Huawei Cloud IMS API, IMS extensions included'}`],
    ['Tool', `${report.tool.name} ${mdText(report.tool.version)}`],
    ['Specification', `version ${mdText(report.spec.version)}, sha256 ${mdCode(report.spec.hash)}`],
    ['Seed', `${report.seed} (${plural(report.runs, 'generated example')} per property; re-run with \`--seed ${report.seed}\` to reproduce)`],
    ['Date', `${date}, ${(report.durationMs / 1000).toFixed(1)} s`],
    ['Run id', `${mdCode(report.runId)} (name prefix and tag of every resource the run created)`],
  ];
  if (report.shard) facts.push(['Shard', `${report.shard.index} of ${report.shard.count} — this report covers part of the operations only`]);
  if (report.baseline) facts.push(['Baseline', `${mdCode(report.baseline.file)}: ${report.baseline.new.length} new, ${report.baseline.fixed.length} fixed, ${report.baseline.unchanged.length} unchanged failures`]);
  return facts.map(([k, v]) => `- **${k}:** ${v}`);
}

function totalsSection(report: RunReport): string[] {
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

function matrixSection(report: RunReport): string[] {
  const checks = orderChecks(report.results.map((r) => r.check));
  const byOp = new Map<string, Map<string, ReportResult>>();
  for (const r of report.results) {
    const row = byOp.get(r.operationId) ?? new Map<string, ReportResult>();
    row.set(r.check, r);
    byOp.set(r.operationId, row);
  }
  const known = new Map(report.operations.map((o) => [o.operationId, o]));
  // Operations the spec lists first, in its order; then any result whose operation the report does not describe.
  const ops: ReportOperation[] = [
    ...report.operations.filter((o) => byOp.has(o.operationId)),
    ...[...byOp.keys()]
      .filter((id) => !known.has(id))
      .map((id): ReportOperation => {
        const r = byOp.get(id)?.values().next().value as ReportResult;
        return { operationId: id, area: r.area, method: r.method, path: r.path, deprecated: false, actions: [], conditionalActions: [], scopes: { project: false, enterpriseProject: false }, profiles: [] };
      }),
  ];
  const areas = [...new Set(ops.map((o) => o.area))];
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const rows: string[][] = [];
  for (const area of areas) {
    let first = true;
    for (const op of ops.filter((o) => o.area === area)) {
      const row = byOp.get(op.operationId) ?? new Map<string, ReportResult>();
      rows.push([
        first ? `**${mdText(area)}**` : '',
        `${mdCode(op.operationId)}${op.deprecated ? ' (deprecated)' : ''}`,
        mdCode(`${op.method} ${op.path}`),
        known.has(op.operationId) ? yes(op.scopes.project) : '?',
        known.has(op.operationId) ? yes(op.scopes.enterpriseProject) : '?',
        ...checks.map((c) => {
          const r = row.get(c);
          return r ? MARK[r.status] : '';
        }),
      ]);
      first = false;
    }
  }
  const lines = [
    `**Legend:** ${(['passed', 'failed', 'error', 'advisory', 'waived', 'skipped'] as const).map((s) => `${MARK[s]} ${MEANING[s]}`).join(' · ')} · ${MEANING['not-applicable']}.`,
    'The IAM scope columns say whether the permission table lets the operation be granted at project level and at enterprise-project level.',
    '',
    ...table(['Area', 'Operation', 'Request', 'IAM project', 'IAM enterprise project', ...checks.map(mdText)], rows, ['---', '---', '---', ':-:', ':-:', ...checks.map(() => ':-:')]),
  ];
  const notRun = report.operations.filter((o) => !byOp.has(o.operationId));
  if (notRun.length > 0)
    lines.push('', `${plural(notRun.length, 'operation')} of the specification ${notRun.length === 1 ? 'was' : 'were'} not part of this run (\`--only\` or \`--shard\`): ${notRun.map((o) => mdCode(o.operationId)).join(', ')}.`);
  lines.push(
    '',
    '**What each check holds the endpoint to, and the documents it rests on** (each failure also names the document behind its own expectation):',
    '',
    ...table(
      ['Check', 'What must hold', 'Documents'],
      checks.map((c) => (isCheckId(c) ? [mdCode(c), mdText(checkEntry(c).mustHold), checkEntry(c).documents.map(mdCode).join(', ')] : [mdCode(c), '(not in the check catalogue)', ''])),
    ),
  );
  return lines;
}

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
  const response = [`HTTP ${e.response.status}${e.durationMs !== undefined ? `   (${e.durationMs} ms)` : ''}`, ...Object.entries(e.response.headers).map(([k, v]) => `${k}: ${v}`)];
  if (e.response.body !== '') response.push('', prettyBody(e.response.body));
  return ['Request:', '', mdFence(request.join('\n'), 'http'), '', 'Response:', '', mdFence(response.join('\n'), 'http')];
}

function failureBlock(r: ReportResult, op: ReportOperation | undefined): string[] {
  const title = r.findings[0]?.title;
  const lines = [`### ${MARK[r.status]} ${r.id}`, ''];
  const facts = [`**${mdText(`${r.method} ${r.path}`)}**`, `operation ${mdCode(r.operationId)} (area ${mdText(r.area)})`, `check ${mdCode(r.check)}${title ? ` — ${mdText(title)}` : ''}`];
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
    lines.push('', `**Exchange**${r.exchanges.length > 1 ? ` (1 of ${r.exchanges.length})` : ''}, credentials replaced by \`***\`:`, '', ...exchangeBlocks(first));
    if (more.length > 0) {
      lines.push('', 'Other exchanges behind this result (in full in summary.json):', '');
      for (const [i, e] of more.entries()) lines.push(`${i + 2}. ${mdCode(`${e.request.method} ${e.request.url}`)} → ${e.response.status}`);
    }
  }
  lines.push('', '**Reproduce** — the check alone, with the same seed:', '', mdFence(r.reproduce, 'sh'));
  if (r.curl) lines.push('', 'the request above by hand:', '', mdFence(usableCurl(r.curl), 'sh'));
  return lines;
}

function failuresSection(report: RunReport, heading: string): string[] {
  const bad = report.results.filter(failing);
  const ops = new Map(report.operations.map((o) => [o.operationId, o]));
  if (bad.length === 0) return [`## ${heading}`, '', 'None: no check failed.'];
  const placeholders = [...new Set(bad.flatMap((r) => (r.curl ? [...usableCurl(r.curl).matchAll(/"[A-Za-z0-9-]+: \$([A-Z][A-Z0-9_]*)"/g)].map((m) => m[1] as string) : [])))];
  const lines = [`## ${heading}`, ''];
  lines.push(`${plural(bad.length, 'result')}, by operation. The exchanges come from the endpoint as received; credentials were replaced before anything was written.`);
  if (placeholders.length > 0) lines.push(`The curl lines carry no credentials: set ${placeholders.map((p) => mdCode(`$${p}`)).join(', ')} to a valid token (for an IAM check, one of the principal the message names) before running them.`);
  lines.push('', ...bad.map((r) => `- [${mdText(r.id)}](${anchor(`${MARK[r.status]} ${r.id}`)}) — ${r.status === 'error' ? 'harness error' : mdText(r.findings[0]?.title ?? r.check)}`));
  for (const r of bad) lines.push('', ...failureBlock(r, ops.get(r.operationId)));
  return lines;
}

function advisorySection(report: RunReport, heading: string): string[] {
  const advisories = report.results.filter((r) => r.status === 'advisory');
  if (advisories.length === 0) return [];
  return [
    `## ${heading}`,
    '',
    `${plural(advisories.length, 'result')} departed from the specification’s own reading where the documents are silent or disagree. They are not failures and do not change the verdict (\`--strict\` makes them failures):`,
    '',
    ...table(
      ['Result', 'Request', 'What was seen', 'Why it is only advisory'],
      advisories.map((r) => [
        mdCode(r.id),
        mdCode(`${r.method} ${r.path}`),
        mdText(r.message.length > 300 ? `${r.message.split('\n')[0]?.slice(0, 299)}…` : r.message),
        mdText(r.hint ?? ''),
      ]),
    ),
  ];
}

function waivedSection(report: RunReport, heading: string): string[] {
  const waived = report.results.filter((r) => r.status === 'waived');
  if (waived.length === 0) return [];
  return [
    `## ${heading}`,
    '',
    `${plural(waived.length, 'deviation')} from the specification ${waived.length === 1 ? 'was' : 'were'} found and accepted with a waiver (\`--waivers\`). They do not fail the run, and they are deviations all the same:`,
    '',
    ...table(
      ['Result', 'Request', 'Reason', 'Expires', 'Deviation found'],
      waived.map((r) => [
        mdCode(r.id),
        mdCode(`${r.method} ${r.path}`),
        mdText(r.waiver?.reason ?? '(no reason recorded)'),
        r.waiver?.expires ? mdText(r.waiver.expires) : 'never',
        mdText(r.message.length > 300 ? `${r.message.split('\n')[0]?.slice(0, 299)}…` : r.message),
      ]),
    ),
  ];
}

function skippedSection(report: RunReport, heading: string): string[] {
  const skipped = report.results.filter((r) => r.status === 'skipped');
  if (skipped.length === 0) return [];
  const byReason = new Map<string, string[]>();
  for (const r of skipped) {
    const reason = r.message.trim() || '(no reason given)';
    byReason.set(reason, [...(byReason.get(reason) ?? []), r.id]);
  }
  const lines = [
    `## ${heading}`,
    '',
    `${plural(skipped.length, 'check')} could not run and ${skipped.length === 1 ? 'is' : 'are'} counted neither as passed nor as failed. By reason, the commonest first:`,
  ];
  for (const [reason, ids] of [...byReason].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])))
    lines.push('', `- **${mdText(reason)}** — ${plural(ids.length, 'check')}:`, `  ${ids.map(mdCode).join(', ')}`);
  return lines;
}

function baselineSection(report: RunReport, heading: string): string[] {
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
    '',
    'A failure of the baseline that this run did not check (outside `--only` or `--shard`), or that is skipped or waived now, is counted neither as fixed nor as unchanged.',
  ];
}

/**
 * summary.md, the vendor acceptance report: what was tested against which contract and how it went, readable by
 * someone who has never seen the tool. Every string that came from the endpoint is shown as code or escaped
 * text; credentials were replaced by buildReport and nothing of the config is added here.
 */
export function renderMarkdown(report: RunReport): string {
  const headings = {
    matrix: 'Results by area and operation',
    failures: 'Failures',
    advisories: 'Advisories',
    waived: 'Waived deviations',
    skipped: 'Skipped checks',
    baseline: 'Compared with the baseline',
    coverage: 'Status coverage',
  };
  const advisories = advisorySection(report, headings.advisories);
  const waived = waivedSection(report, headings.waived);
  const skipped = skippedSection(report, headings.skipped);
  const baseline = baselineSection(report, headings.baseline);
  const coverage = report.statusCoverage ? coverageMarkdown(report.statusCoverage, headings.coverage) : [];
  const contents = [
    headings.matrix,
    headings.failures,
    ...(advisories.length ? [headings.advisories] : []),
    ...(waived.length ? [headings.waived] : []),
    ...(skipped.length ? [headings.skipped] : []),
    ...(baseline.length ? [headings.baseline] : []),
    ...(coverage.length ? [headings.coverage] : []),
  ];
  const lines = [
    `# IMS API conformance report — ${report.verdict === 'passed' ? 'PASSED' : report.verdict === 'failed' ? 'FAILED' : 'NOTHING JUDGED'}`,
    '',
    verdictLine(report),
    '',
    ...factsSection(report),
    '',
    ...totalsSection(report),
    '',
    `Contents: ${contents.map((h) => `[${h}](${anchor(h)})`).join(' · ')}`,
    '',
    'How this was tested: every operation of the specification (an OpenAPI 3.1 contract of the IMS API with the IAM',
    'permission tables) was called with documented requests, generated valid and invalid inputs, and principals',
    'granted or denied each IAM action; every answer was checked against the documented statuses, media types,',
    'schemas and headers. A result is one (operation, check) pair; its id `operationId/check` stays the same across',
    'versions of the tool.',
    '',
    `## ${headings.matrix}`,
    '',
    ...matrixSection(report),
    '',
    ...failuresSection(report, headings.failures),
    ...(advisories.length ? ['', ...advisories] : []),
    ...(waived.length ? ['', ...waived] : []),
    ...(skipped.length ? ['', ...skipped] : []),
    ...(baseline.length ? ['', ...baseline] : []),
    ...(coverage.length ? ['', ...coverage] : []),
    '',
    '---',
    `Written by ${report.tool.name} ${mdText(report.tool.version)} from summary.json (machine-readable, all exchanges in full); junit.xml holds the same results for CI.`,
    '',
  ];
  return lines.join('\n');
}
