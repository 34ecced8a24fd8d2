import { checkEntry, isCheckId, orderChecks } from '../../src/checks/catalogue.js';
import type { ReportOperation, ReportResult, RunReport } from '../run-report.js';
import { MARK, MEANING } from '../statuses.js';
import { mdCode, mdText, plural, table } from './primitives.js';

/** The operation × check matrix by area, with the table of what each check holds the endpoint to. */
export function matrixSection(report: RunReport): string[] {
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
    ...table(['Area', 'Operation', 'Request', 'IAM project', 'IAM enterprise project', ...checks.map(mdText)], rows, [
      '---',
      '---',
      '---',
      ':-:',
      ':-:',
      ...checks.map(() => ':-:'),
    ]),
  ];
  const notRun = report.operations.filter((o) => !byOp.has(o.operationId));
  if (notRun.length > 0)
    lines.push(
      '',
      `${plural(notRun.length, 'operation')} of the specification ${notRun.length === 1 ? 'was' : 'were'} not part of this run (\`--only\` or \`--shard\`): ${notRun.map((o) => mdCode(o.operationId)).join(', ')}.`,
    );
  lines.push(
    '',
    '**What each check holds the endpoint to, and the documents it rests on** (each failure also names the document behind its own expectation):',
    '',
    ...table(
      ['Check', 'What must hold', 'Documents'],
      checks.map((c) =>
        isCheckId(c)
          ? [mdCode(c), mdText(checkEntry(c).mustHold), checkEntry(c).documents.map(mdCode).join(', ')]
          : [mdCode(c), '(not in the check catalogue)', ''],
      ),
    ),
  );
  return lines;
}
