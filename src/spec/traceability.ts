import type { SpecOperation } from '../model/operation.js';
import type { PermissionRow, PermissionTable } from './permissions-table.js';

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
      problems.push(
        `${key} (${op.operationId}): conditional actions ${JSON.stringify(sorted(specConditional))} ≠ table ${JSON.stringify(sorted(rowConditional))}`,
      );
    if (op.iam.scopes.project !== row.scopes.project || op.iam.scopes.enterpriseProject !== row.scopes.enterpriseProject)
      problems.push(`${key} (${op.operationId}): scopes ${JSON.stringify(op.iam.scopes)} ≠ table ${JSON.stringify(row.scopes)}`);
    if (!sameSet(op.source.tables, row.sources))
      problems.push(
        `${key} (${op.operationId}): x-source.tables ${JSON.stringify(sorted(op.source.tables))} ≠ table sources ${JSON.stringify(sorted(row.sources))}`,
      );
    if (op.source.row !== key) problems.push(`${key} (${op.operationId}): x-source.row says "${op.source.row}"`);
    problems.push(...comparePrerequisites(key, op, row));
  }
  for (const op of operations) {
    const key = rowKey(op.method, op.path);
    if (rowKeys.has(key)) continue;
    if (op.source.tables.length > 0) problems.push(`${key} (${op.operationId}): cites tables ${op.source.tables.join(', ')} but no table has this row`);
    else if (!op.source.reference) problems.push(`${key} (${op.operationId}): not in the seed tables and cites no other reference`);
  }
  return problems;
}

/** A 说明/NOTE quoted in a row's notes that asks the caller to hold a permission: 「…请确保用户已拥有…权限。」. */
const PERMISSION_NOTE = /「[^」]*请确保用户已拥有[^」]*权限。」/;

const roleKey = (roles: readonly { service: string; role: string }[]): string => JSON.stringify(roles.map((r) => `${r.service}:${r.role}`).sort());

/**
 * The notes of a row against the spec's `x-iam-prerequisites`: a note asking for another service's permission
 * must be transcribed as a prerequisite naming the role the note names, and the spec must state the same
 * prerequisites (same roles, cited from one of the same tables, limited by a `when` exactly where the table is).
 */
function comparePrerequisites(key: string, op: SpecOperation, row: PermissionRow): string[] {
  const problems: string[] = [];
  const where = `${key} (${op.operationId})`;
  const fromTable = row.prerequisites ?? [];
  if (PERMISSION_NOTE.test(row.notes ?? '') !== fromTable.length > 0)
    problems.push(
      `${where}: the table's notes ${fromTable.length > 0 ? 'quote no permission note, yet prerequisites are transcribed' : 'ask for another service’s permission, but no prerequisite is transcribed'}`,
    );
  for (const p of fromTable)
    for (const { role } of p.anyOf) if (!(row.notes ?? '').includes(role)) problems.push(`${where}: prerequisite role "${role}" is not in the table's notes`);
  const specKeys = op.iamPrerequisites.map((p) => roleKey(p.anyOf)).sort();
  const tableKeys = fromTable.map((p) => roleKey(p.anyOf)).sort();
  if (JSON.stringify(specKeys) !== JSON.stringify(tableKeys))
    problems.push(`${where}: x-iam-prerequisites ${specKeys.join(' ') || '[]'} ≠ table ${tableKeys.join(' ') || '[]'}`);
  for (const p of op.iamPrerequisites) {
    const match = fromTable.find((t) => roleKey(t.anyOf) === roleKey(p.anyOf));
    if (!match) continue;
    if (!match.sources.map((t) => `seed-${t}`).includes(p.source))
      problems.push(`${where}: x-iam-prerequisites cites ${p.source}, the table's note is in ${match.sources.join(', ')}`);
    if ((p.when === undefined) !== (match.when === undefined))
      problems.push(
        `${where}: x-iam-prerequisites ${p.when === undefined ? 'applies always' : `applies only when ${p.when}`}, the table's note ${match.when === undefined ? 'always' : `only ${match.when}`}`,
      );
  }
  return problems;
}
