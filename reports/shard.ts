import { createHash } from 'node:crypto';

/** `--shard i/n`: the i-th (1-based) of n parts of a run. */
export interface Shard {
  index: number;
  count: number;
}

export class ShardError extends Error {}

/** Parses `i/n` (1 ≤ i ≤ n); anything else is a ShardError worded for the command line. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 1000) throw new ShardError(`--shard: "${text}" is not i/n with 1 ≤ i ≤ n (e.g. --shard 2/4)`);
  return { index, count };
}

const stableHash = (operationId: string): string => createHash('sha256').update(operationId).digest('hex');

/**
 * The operationIds of one shard. The operations are ordered by a stable hash of their id and dealt round-robin,
 * so every scenario of an operation lands in the same shard, the parts differ in size by at most one operation,
 * and the split depends only on the spec's operations (every shard of a run shares the spec; merge checks it).
 */
export function shardOperations(operationIds: readonly string[], shard: Shard): string[] {
  const ordered = [...new Set(operationIds)].sort((a, b) => stableHash(a).localeCompare(stableHash(b)) || a.localeCompare(b));
  return ordered.filter((_, i) => i % shard.count === shard.index - 1);
}

/** A prefix that selects nothing: result ids never start with a space. */
export const SELECTS_NOTHING = ' (empty shard)';

/**
 * The `--only` prefixes that run exactly one shard, intersected with the user's own `--only` (result ids are
 * `operationId/check`; a prefix may also start with the area, `area/operationId/check`). An empty intersection
 * yields a prefix that matches nothing, so the shard runs no test rather than every test.
 */
export function shardOnly(operations: readonly { operationId: string; area: string }[], shard: Shard, only: readonly string[]): string[] {
  const mine = new Set(
    shardOperations(
      operations.map((o) => o.operationId),
      shard,
    ),
  );
  const prefixes: string[] = [];
  for (const op of operations) {
    if (!mine.has(op.operationId)) continue;
    const roots = [`${op.operationId}/`, `${op.area}/${op.operationId}/`];
    if (only.length === 0 || only.some((p) => roots.some((root) => root.startsWith(p)))) {
      prefixes.push(`${op.operationId}/`);
      continue;
    }
    // A user prefix narrower than the whole operation (`showImage/iam-`) stays as it is.
    prefixes.push(...only.filter((p) => roots.some((root) => p.startsWith(root))));
  }
  const unique = [...new Set(prefixes)];
  return unique.length > 0 ? unique : [SELECTS_NOTHING];
}
