import type { ReportStatus } from '../../reports/report-model.js';
import { MARK } from '../../reports/statuses.js';
import { orderChecks } from '../checks/catalogue.js';

/** What a matrix cell needs of a result: the report's rows (waivers applied) fit, so do the engine's. */
export interface MatrixCell {
  operationId: string;
  area: string;
  checkId: string;
  status: ReportStatus;
}

const COLOR: Record<ReportStatus, string> = {
  passed: '\x1b[32m',
  failed: '\x1b[31m',
  skipped: '\x1b[2m',
  error: '\x1b[33m',
  waived: '\x1b[36m',
  advisory: '\x1b[35m',
  'not-applicable': '\x1b[2m',
};

/**
 * The operation × check matrix: one row per operation (by area), one numbered column per check, a legend
 * naming the columns. ✔ passed, ✘ failed, A advisory, W waived, – skipped, ! harness error, blank nothing to judge.
 */
export function renderMatrix(results: readonly MatrixCell[], color: boolean, areaOrder: readonly string[] = []): string[] {
  const checks = orderChecks(results.map((r) => r.checkId));
  const byOp = new Map<string, Map<string, MatrixCell>>();
  for (const r of results) {
    const row = byOp.get(r.operationId) ?? new Map<string, MatrixCell>();
    row.set(r.checkId, r);
    byOp.set(r.operationId, row);
  }
  const width = Math.max(...[...byOp.keys()].map((k) => k.length), 9);
  const cellWidth = 3;
  const header = `${'operation'.padEnd(width)}  ${checks
    .map((_, i) =>
      String(i + 1)
        .padStart(2)
        .padEnd(cellWidth),
    )
    .join('')}`;
  const lines = [header];
  const areas = [...new Set([...areaOrder, ...results.map((r) => r.area)])].filter((a) => results.some((r) => r.area === a));
  for (const area of areas) {
    lines.push(`[${area}]`);
    for (const [op, row] of byOp) {
      if (row.values().next().value?.area !== area) continue;
      const cells = checks.map((c) => {
        const r = row.get(c);
        if (!r) return ' '.repeat(cellWidth);
        const mark = MARK[r.status];
        return (color ? `${COLOR[r.status]}${mark}\x1b[0m` : mark).padStart(color ? mark.length + 10 : 2).padEnd(color ? mark.length + 10 + 1 : cellWidth);
      });
      lines.push(`${op.padEnd(width)}  ${cells.join('')}`);
    }
  }
  lines.push('');
  let legend = '';
  for (const [i, c] of checks.entries()) {
    const entry = `${String(i + 1).padStart(2)} ${c}`.padEnd(26);
    if (legend.length + entry.length > 104) {
      lines.push(legend.trimEnd());
      legend = '';
    }
    legend += entry;
  }
  if (legend) lines.push(legend.trimEnd());
  lines.push(
    `${MARK.passed} passed   ${MARK.failed} failed   ${MARK.advisory} advisory   ${MARK.waived} waived   ${MARK.skipped} skipped (reason in the report)   ${MARK.error} harness error   blank: nothing to judge`,
  );
  return lines;
}
