import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';
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
  it('agrees on every row: method, path, actions, conditional actions, scopes, cited tables and the prerequisites the notes ask for', () => {
    expect(compareWithPermissions(spec.operations, table)).toEqual([]);
  });

  it('lets only the job and token calls and the discovery calls clients make first stand outside the tables', () => {
    const outside = spec.operations.filter((op) => op.source.tables.length === 0);
    expect(outside.map((op) => op.operationId).sort()).toEqual([
      'createToken',
      'listApiVersions',
      'showIdentityVersion',
      'showImageSchema',
      'showImagesSchema',
      'showJob',
      'showMemberSchema',
      'showMembersSchema',
    ]);
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

  it('records every permission the seed notes ask for (OBS Tenant Administrator, CSBS/CBR) as x-iam-prerequisites', () => {
    const withPrerequisites = spec.operations.filter((op) => op.iamPrerequisites.length > 0).map((op) => op.operationId);
    expect(withPrerequisites.sort()).toEqual([
      'createCloudImage',
      'createDataImage',
      'createWholeImage',
      'exportImage',
      'quickImportCloudImage',
      'registerImage',
    ]);
    const importers = spec.operations.filter((op) => ['createDataImage', 'quickImportCloudImage', 'registerImage'].includes(op.operationId));
    for (const op of importers)
      expect(op.iamPrerequisites, op.operationId).toEqual([{ anyOf: [{ service: 'obs', role: 'Tenant Administrator' }], source: 'seed-T001' }]);
  });

  it('notices a dropped prerequisite, one the notes do not ask for, and a prerequisite that loses its condition', () => {
    const dropped = mutate(spec.operations, 'registerImage', (op) => {
      op.iamPrerequisites = [];
    });
    expect(compareWithPermissions(dropped, table)).toEqual([
      expect.stringContaining('PUT /v1/cloudimages/{image_id}/upload (registerImage): x-iam-prerequisites [] ≠ table'),
    ]);
    const invented = mutate(spec.operations, 'showImage', (op) => {
      op.iamPrerequisites = [{ anyOf: [{ service: 'obs', role: 'Tenant Administrator' }], source: 'seed-T001' }];
    });
    expect(compareWithPermissions(invented, table)).toEqual([expect.stringContaining('(showImage): x-iam-prerequisites')]);
    const unconditional = mutate(spec.operations, 'createCloudImage', (op) => {
      op.iamPrerequisites = op.iamPrerequisites.map(({ anyOf, source }) => ({ anyOf, source }));
    });
    expect(compareWithPermissions(unconditional, table)).toEqual([expect.stringContaining('applies always')]);
  });

  it('notices a note asking for a permission that the transcription left out', () => {
    const row = table.rows.find((r) => r.path === '/v1/cloudimages/{image_id}/file')!;
    const { prerequisites: _dropped, ...withoutPrerequisites } = row;
    const edited = { ...table, rows: table.rows.map((r) => (r === row ? withoutPrerequisites : r)) };
    expect(compareWithPermissions(spec.operations, edited)).toEqual([
      expect.stringContaining("(exportImage): the table's notes ask for another service’s permission"),
      expect.stringContaining('(exportImage): x-iam-prerequisites'),
    ]);
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
