import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';
import { auditOperations } from '../../src/spec/operations.js';
import { loadPermissionTable } from '../../src/spec/permissions-table.js';

// Every operation page of the documents lists these; the DELETE /v2/images page (seed T004) is the model.
const ALWAYS_DOCUMENTED = [400, 401, 403, 404, 500, 503];

let spec: LoadedSpec;
beforeAll(async () => {
  spec = await loadSpec();
});

describe('every operation of the spec', () => {
  it('passes the audit: operationId, area, IAM extensions, source, success response', () => {
    expect(auditOperations(spec.document)).toEqual([]);
  });

  it('covers every permission-table row plus the job and token calls and the discovery calls clients make first', () => {
    const rows = loadPermissionTable().rows;
    expect(rows).toHaveLength(27);
    // showJob, createToken; GET /versions, the four Glance schema documents, Keystone's GET /v3.
    expect(spec.operations).toHaveLength(rows.length + 2 + 6);
  });

  it('keeps the doctor’s probes (x-probe) apart from the operations under test: outside the tables and the count, each a read with a role', () => {
    expect(spec.probes.map((op) => `${op.operationId} ${op.method.toUpperCase()} ${op.path} ${op.roles.join()}`).sort()).toEqual([
      'downloadImageFile GET /v2/images/{image_id}/file image.download',
      'showServer GET /v2.1/{project_id}/servers/{server_id} server.show',
      'validateToken GET /v3/auth/tokens token.validate',
    ]);
    for (const op of spec.probes) expect(op.source.tables, op.operationId).toEqual([]);
    const broken = structuredClone(spec.document);
    (broken.paths!['/v2/images/{image_id}'] as Record<string, Record<string, unknown>>).get!['x-probe'] = true;
    expect(auditOperations(broken)).toEqual(['GET /v2/images/{image_id}: x-probe is for reads outside the permission tables']);
  });

  it('documents a success status and 400, 401, 403, 404, 500 and 503', () => {
    const missing = spec.operations.flatMap((op) => ALWAYS_DOCUMENTED.filter((s) => !op.statuses.includes(s)).map((s) => `${op.operationId} lacks ${s}`));
    expect(missing).toEqual([]);
    for (const op of spec.operations) expect(op.successStatuses.length, op.operationId).toBeGreaterThan(0);
  });

  it('gives every error response a body schema, except on HEAD', () => {
    const bare = spec.operations.flatMap((op) =>
      op.statuses
        .filter((s) => s >= 400)
        .filter((s) => (op.method === 'head') !== (op.responses[String(s)]?.content?.['application/json']?.schema === undefined))
        .map((s) => `${op.operationId} ${s}`),
    );
    expect(bare).toEqual([]);
  });

  it('declares no body on 204 responses', () => {
    const withBody = spec.operations.filter((op) => op.responses['204']?.content !== undefined).map((op) => op.operationId);
    expect(withBody).toEqual([]);
  });

  it('marks deprecated exactly the rows the tables call 已废弃 (deprecated)', () => {
    const deprecatedRows = loadPermissionTable()
      .rows.filter((r) => r.function.includes('已废弃'))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const deprecatedOps = spec.operations
      .filter((op) => op.deprecated)
      .map((op) => `${op.method.toUpperCase()} ${op.path}`)
      .sort();
    expect(deprecatedRows.length).toBeGreaterThan(0);
    expect(deprecatedOps).toEqual(deprecatedRows);
  });

  it('requires credentials wherever the tables name an action', () => {
    const optional = spec.operations.filter((op) => op.iam.actions.length + op.iam.conditionalActions.length > 0 && (op.authOptional || op.authNone));
    expect(optional.map((op) => op.operationId)).toEqual([]);
  });
});

describe('how the suite makes valid requests (x-precondition, x-bindings)', () => {
  const pointerExists = (value: unknown, pointer: string): boolean =>
    pointer
      .split('/')
      .slice(1)
      .reduce<{ ok: boolean; at: unknown }>(
        (acc, key) =>
          acc.ok && acc.at !== null && typeof acc.at === 'object' && key in (acc.at as object)
            ? { ok: true, at: (acc.at as Record<string, unknown>)[key] }
            : { ok: false, at: undefined },
        { ok: true, at: value },
      ).ok;

  it('binds only pointers that exist in the first request-body example', () => {
    const dead = spec.operations.flatMap((op) => {
      const media = Object.values(op.requestBody?.content ?? {})[0] as { examples?: Record<string, { value: unknown }> } | undefined;
      const example = Object.values(media?.examples ?? {})[0]?.value;
      return Object.keys(op.bindings)
        .filter((pointer) => !pointerExists(example, pointer))
        .map((pointer) => `${op.operationId} ${pointer}`);
    });
    expect(dead).toEqual([]);
  });

  it('are audited: an unknown precondition or placeholder is a spec problem', () => {
    const broken = structuredClone(spec.document);
    const op = (broken.paths!['/v2/images/{image_id}'] as Record<string, Record<string, unknown>>).get as Record<string, unknown>;
    op['x-precondition'] = { image: 'frozen' };
    op['x-bindings'] = { '/name': '{fixtures.serverId}-{nonsense}' };
    expect(auditOperations(broken)).toEqual([
      'GET /v2/images/{image_id}: x-precondition.image is not understood',
      'GET /v2/images/{image_id}: x-bindings /name uses unknown {nonsense}',
    ]);
  });
});

describe('request bodies named by the documents', () => {
  const mediaTypes = (): Set<string> => new Set(spec.operations.flatMap((op) => Object.keys(op.requestBody?.content ?? {})));

  it('include JSON, the Glance JSON-patch media type and octet-stream uploads', () => {
    expect([...mediaTypes()]).toEqual(expect.arrayContaining(['application/json', 'application/openstack-images-v2.1-json-patch', 'application/octet-stream']));
  });

  it('give DELETE /v2/images/{image_id} the optional {"delete_backup": bool} body of seed T004', () => {
    const op = spec.operations.find((o) => o.method === 'delete' && o.path === '/v2/images/{image_id}');
    expect(op?.requestBody?.required).toBe(false);
    const schema = op?.requestBody?.content?.['application/json']?.schema as { properties?: Record<string, { type?: string }> };
    expect(schema.properties?.delete_backup?.type).toBe('boolean');
    expect(op?.successStatuses).toEqual([204]);
  });
});

describe('roles the suite builds its flows from (x-roles)', () => {
  it('each have an operation, and the single-purpose ones exactly one', () => {
    const count = (role: string) => spec.operations.filter((op) => op.roles.includes(role)).length;
    for (const role of ['image.create', 'image.upload', 'image.delete', 'image.show', 'member.add', 'member.update', 'job.start', 'job.show', 'token.create'])
      expect(count(role), role).toBe(1);
    for (const role of ['server.show', 'token.validate', 'image.download'])
      expect(
        spec.probes.filter((op) => op.roles.includes(role)),
        role,
      ).toHaveLength(1);
    expect(count('image.list')).toBeGreaterThanOrEqual(1);
  });
});
