import type { SpecOperation } from './operations.js';
import type { PermissionTable } from './permissions-table.js';

const sorted = (values: readonly string[]): string[] => [...values].sort();
const sameSet = (a: readonly string[], b: readonly string[]): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const rowKey = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

/**
 * Every way the spec and the transcribed seed tables disagree: a row missing from the spec, an IMS operation
 * the tables lack (exempt: operations citing no table but another `x-source.reference`, i.e. the job and
 * token calls), or a
 * row whose actions, conditional actions, scopes or cited tables differ. Empty when they agree.
 */
export function compareWithPermissions(operations: readonly SpecOperation[], table: PermissionTable): string[] {
  const problems: string[] = [];
  const byKey = new Map(operations.map((op) => [rowKey(op.method, op.path), op]));
  const rowKeys = new Set<string>();
  for (const row of table.rows) {
    const key = rowKey(row.method, row.path);
    rowKeys.add(key);
    const op = byKey.get(key);
    if (!op) {
      problems.push(`${key}: in the seed tables, missing from the spec`);
      continue;
    }
    if (!sameSet(op.iam.actions, row.actions))
      problems.push(`${key} (${op.operationId}): actions ${JSON.stringify(sorted(op.iam.actions))} ≠ table ${JSON.stringify(sorted(row.actions))}`);
    const specConditional = op.iam.conditionalActions.map((c) => c.action);
    const rowConditional = (row.conditionalActions ?? []).map((c) => c.action);
    if (!sameSet(specConditional, rowConditional))
      problems.push(`${key} (${op.operationId}): conditional actions ${JSON.stringify(sorted(specConditional))} ≠ table ${JSON.stringify(sorted(rowConditional))}`);
    if (op.iam.scopes.project !== row.scopes.project || op.iam.scopes.enterpriseProject !== row.scopes.enterpriseProject)
      problems.push(`${key} (${op.operationId}): scopes ${JSON.stringify(op.iam.scopes)} ≠ table ${JSON.stringify(row.scopes)}`);
    if (!sameSet(op.source.tables, row.sources))
      problems.push(`${key} (${op.operationId}): x-source.tables ${JSON.stringify(sorted(op.source.tables))} ≠ table sources ${JSON.stringify(sorted(row.sources))}`);
    if (op.source.row !== key) problems.push(`${key} (${op.operationId}): x-source.row says "${op.source.row}"`);
  }
  for (const op of operations) {
    const key = rowKey(op.method, op.path);
    if (rowKeys.has(key)) continue;
    if (op.source.tables.length > 0) problems.push(`${key} (${op.operationId}): cites tables ${op.source.tables.join(', ')} but no table has this row`);
    else if (!op.source.reference) problems.push(`${key} (${op.operationId}): not in the seed tables and cites no other reference`);
  }
  return problems;
}
