import { checkEntry, isCheckId, orderChecks } from '../../src/checks/catalogue.js';
import type { ReportOperation, ReportResult, RunReport } from '../report-model.js';
import { MARK, MEANING } from '../statuses.js';
import { mdCode, mdText, plural, table } from './primitives.js';

type ResultsByOperation = Map<string, Map<string, ReportResult>>;

/** The operation × check matrix by area, with the table of what each check holds the endpoint to. */
export function matrixSection(report: RunReport): string[] {
  const checks = orderChecks(report.results.map((r) => r.check));
  const byOp = resultsByOperation(report.results);
  return [
    legendLine(),
    'The IAM scope columns say whether the permission table lets the operation be granted at project level and at enterprise-project level.',
    '',
    ...matrixTable(report, byOp, checks),
    ...notRunLines(report, byOp),
    '',
    '**What each check holds the endpoint to, and the documents it rests on** (each failure also names the document behind its own expectation):',
    '',
    ...checkTable(checks),
  ];
}

function resultsByOperation(results: readonly ReportResult[]): ResultsByOperation {
  const byOp: ResultsByOperation = new Map();
  for (const r of results) {
    const row = byOp.get(r.operationId) ?? new Map<string, ReportResult>();
    row.set(r.check, r);
    byOp.set(r.operationId, row);
  }
  return byOp;
}

/** Operations the spec lists first, in its order; then any result whose operation the report does not describe. */
function matrixOperations(report: RunReport, byOp: ResultsByOperation, known: ReadonlySet<string>): ReportOperation[] {
  return [
    ...report.operations.filter((o) => byOp.has(o.operationId)),
    ...[...byOp.keys()].filter((id) => !known.has(id)).map((id) => undescribedOperation(id, byOp.get(id)?.values().next().value as ReportResult)),
  ];
}

/** An operation known only from one of its results: no IAM facts, so its scope columns read `?`. */
function undescribedOperation(id: string, r: ReportResult): ReportOperation {
  return {
    operationId: id,
    area: r.area,
    method: r.method,
    path: r.path,
    deprecated: false,
    actions: [],
    conditionalActions: [],
    scopes: { project: false, enterpriseProject: false },
    profiles: [],
  };
}

function legendLine(): string {
  const marks = (['passed', 'failed', 'error', 'advisory', 'waived', 'skipped'] as const).map((s) => `${MARK[s]} ${MEANING[s]}`).join(' · ');
  return `**Legend:** ${marks} · ${MEANING['not-applicable']}.`;
}

function matrixTable(report: RunReport, byOp: ResultsByOperation, checks: readonly string[]): string[] {
  const known = new Set(report.operations.map((o) => o.operationId));
  const ops = matrixOperations(report, byOp, known);
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const rows: string[][] = [];
  for (const area of new Set(ops.map((o) => o.area))) {
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
  return table(['Area', 'Operation', 'Request', 'IAM project', 'IAM enterprise project', ...checks.map(mdText)], rows, [
    '---',
    '---',
    '---',
    ':-:',
    ':-:',
    ...checks.map(() => ':-:'),
  ]);
}

function notRunLines(report: RunReport, byOp: ResultsByOperation): string[] {
  const notRun = report.operations.filter((o) => !byOp.has(o.operationId));
  if (notRun.length === 0) return [];
  return [
    '',
    `${plural(notRun.length, 'operation')} of the specification ${notRun.length === 1 ? 'was' : 'were'} not part of this run (\`--only\` or \`--shard\`): ${notRun.map((o) => mdCode(o.operationId)).join(', ')}.`,
  ];
}

function checkTable(checks: readonly string[]): string[] {
  return table(
    ['Check', 'What must hold', 'Documents'],
    checks.map((c) =>
      isCheckId(c)
        ? [mdCode(c), mdText(checkEntry(c).mustHold), checkEntry(c).documents.map(mdCode).join(', ')]
        : [mdCode(c), '(not in the check catalogue)', ''],
    ),
  );
}
