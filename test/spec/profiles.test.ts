import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/spec/operations.js';
import { applyProfile } from '../../src/spec/profile-overlay.js';

const byId = (ops: SpecOperation[], id: string): SpecOperation => {
  const op = ops.find((o) => o.operationId === id);
  if (!op) throw new Error(`no ${id}`);
  return op;
};
const jsonSchema = (op: SpecOperation, status: string): unknown => op.responses[status]?.content?.['application/json']?.schema;

describe('profiles: spec/profiles/<profile>.yaml changes the contract of its operations only', () => {
  it('leaves the ims contract as the spec writes it, and says why for every operation the openstack profile changes', async () => {
    const ims = await loadSpec();
    const openstack = await loadSpec(undefined, 'openstack');
    expect(ims.operations.every((op) => op.profileNotes.length === 0)).toBe(true);
    const changed = openstack.operations.filter((op) => op.profileNotes.length > 0).map((op) => op.operationId);
    expect(changed.sort()).toEqual(['addImageMember', 'createImage', 'deleteImage', 'listImages', 'showImage', 'showImageMember', 'updateImage', 'updateImageMember']);
    // Only operations of the profile change; the rest are the ims contract byte for byte.
    for (const op of openstack.operations.filter((o) => !changed.includes(o.operationId)))
      expect(JSON.stringify(op), op.operationId).toBe(JSON.stringify({ ...byId(ims.operations, op.operationId) }));
    expect(openstack.hash).not.toBe(ims.hash);
  });

  it('checks Glance images where IMS documents its extended image, and drops the IMS-only delete body', async () => {
    const ims = await loadSpec();
    const openstack = await loadSpec(undefined, 'openstack');
    expect(JSON.stringify(jsonSchema(byId(ims.operations, 'showImage'), '200'))).toContain('__imagetype');
    expect(JSON.stringify(jsonSchema(byId(openstack.operations, 'showImage'), '200'))).not.toContain('__imagetype');
    expect(byId(ims.operations, 'deleteImage').requestBody).toBeDefined();
    expect(byId(openstack.operations, 'deleteImage').requestBody).toBeUndefined();
    // Patching one operation must not leak into another that shared the same dereferenced schema.
    expect(JSON.stringify(jsonSchema(byId(openstack.operations, 'updateCloudImage'), '200'))).toContain('__imagetype');
  });

  it('documents 404 as Glance’s denial of a member lookup, 403 everywhere else', async () => {
    const openstack = await loadSpec(undefined, 'openstack');
    expect(byId(openstack.operations, 'showImageMember').iam.denialStatus).toBe(404);
    expect(openstack.operations.filter((op) => op.iam.denialStatus !== 403).map((op) => op.operationId)).toEqual(['showImageMember']);
    expect((await loadSpec()).operations.every((op) => op.iam.denialStatus === 403)).toBe(true);
  });

  it('fails, naming profile and operation, when a patch no longer fits the spec or names an operation it lacks', async () => {
    const { document } = await loadSpec();
    const dir = mkdtempSync(join(tmpdir(), 'ims-profile-'));
    const overlay = (name: string, paths: string): string => {
      const file = join(dir, name);
      writeFileSync(file, `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n${paths}`);
      return file;
    };
    const stale = overlay('stale.yaml', '  /v2/images:\n    get:\n      x-patch:\n        - {op: remove, path: /requestBody}\n');
    await expect(applyProfile(document, 'openstack', stale)).rejects.toThrow(/^openstack profile, GET \/v2\/images: /);
    const unknown = overlay('unknown.yaml', '  /v9/nothing:\n    get:\n      x-profile-notes: [why]\n');
    await expect(applyProfile(document, 'openstack', unknown)).rejects.toThrow('openstack profile, GET /v9/nothing: the spec has no such operation');
    // The base document is never touched.
    expect((await loadSpec()).document).toBe(document);
    expect(JSON.stringify(document)).not.toContain('x-profile-notes');
  });
});
