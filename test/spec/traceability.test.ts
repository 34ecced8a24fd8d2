import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/spec/operations.js';
import { loadPermissionTable, type PermissionTable } from '../../src/spec/permissions-table.js';
import { compareWithPermissions } from '../../src/spec/traceability.js';

let spec: LoadedSpec;
let table: PermissionTable;
beforeAll(async () => {
  spec = await loadSpec();
  table = loadPermissionTable();
});

const mutate = (ops: readonly SpecOperation[], operationId: string, change: (op: SpecOperation) => void): SpecOperation[] =>
  ops.map((op) => {
    if (op.operationId !== operationId) return op;
    const copy = structuredClone(op);
    change(copy);
    return copy;
  });

describe('the spec against the transcribed seed tables (spec/sources/permissions.yaml)', () => {
  it('agrees on every row: method, path, actions, conditional actions, scopes and cited tables', () => {
    expect(compareWithPermissions(spec.operations, table)).toEqual([]);
  });

  it('lets only the job and token calls stand outside the tables', () => {
    const outside = spec.operations.filter((op) => op.source.tables.length === 0);
    expect(outside.map((op) => op.area).sort()).toEqual(['identity', 'jobs']);
  });

  it('notices one changed action', () => {
    const changed = mutate(spec.operations, 'listImages', (op) => {
      op.iam.actions = ['ims:images:get'];
    });
    expect(compareWithPermissions(changed, table)).toEqual([expect.stringContaining('GET /v2/images (listImages): actions')]);
  });

  it('notices a changed enterprise-project scope', () => {
    const changed = mutate(spec.operations, 'createImage', (op) => {
      op.iam.scopes.enterpriseProject = true;
    });
    expect(compareWithPermissions(changed, table)).toEqual([expect.stringContaining('scopes')]);
  });

  it('notices a dropped conditional action', () => {
    const changed = mutate(spec.operations, 'quickImportCloudImage', (op) => {
      op.iam.conditionalActions = op.iam.conditionalActions.slice(1);
    });
    expect(compareWithPermissions(changed, table)).toEqual([expect.stringContaining('conditional actions')]);
  });

  it('notices a missing row and an operation the tables lack', () => {
    const without = spec.operations.filter((op) => op.operationId !== 'deleteImageV11');
    expect(compareWithPermissions(without, table)).toEqual(['DELETE /v1.1/images/{image_id}: in the seed tables, missing from the spec']);
    const extra = mutate(spec.operations, 'showJob', (op) => {
      op.source = { tables: [], row: op.source.row };
    });
    expect(compareWithPermissions(extra, table)).toEqual([expect.stringContaining('cites no other reference')]);
  });
});
