import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { expectedDecision, expectedDenialStatus } from '../../src/engine/expected-decision.js';
import { packageRoot } from '../../src/spec/package-root.js';
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
    expect(changed.sort()).toEqual([
      'addImageMember',
      'createImage',
      'deleteImage',
      'deleteImageMember',
      'listImageMembers',
      'listImages',
      'showImage',
      'showImageMember',
      'updateImage',
      'updateImageMember',
      'uploadImageFile',
    ]);
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

  it('documents Glance’s 404 for callers that may not read the image, and for any denied member lookup; 403 otherwise', async () => {
    const openstack = await loadSpec(undefined, 'openstack');
    expect(byId(openstack.operations, 'showImageMember').iam.denial).toEqual({ status: 404, whenLacking: {} });
    const hiding = openstack.operations.filter((op) => op.iam.denial.whenLacking['ims:images:get'] === 404).map((op) => op.operationId);
    expect(hiding.sort()).toEqual([
      'addImageMember',
      'deleteImage',
      'deleteImageMember',
      'listImageMembers',
      'showImage',
      'updateImage',
      'updateImageMember',
      'uploadImageFile',
    ]);
    expect((await loadSpec()).operations.every((op) => op.iam.denial.status === 403 && Object.keys(op.iam.denial.whenLacking).length === 0)).toBe(true);
    // The denied caller's status follows from what it lacks.
    const del = byId(openstack.operations, 'deleteImage');
    expect(expectedDenialStatus({ actions: [] }, del)).toBe(404);
    expect(expectedDenialStatus({ actions: ['ims:images:get', 'ims:images:list'] }, del)).toBe(403);
  });

  it('states on the openstack profile the IAM facts of Glance’s shipped default policy (spec/sources/glance-policy.yaml)', async () => {
    const ims = await loadSpec();
    const openstack = await loadSpec(undefined, 'openstack');
    const { rows } = parse(readFileSync(join(packageRoot(), 'spec', 'sources', 'glance-policy.yaml'), 'utf8')) as {
      rows: { method: string; path: string; actions: string[]; conditionalActions?: { action: string; when: string }[] }[];
    };
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const op = openstack.operations.find((o) => o.method === row.method.toLowerCase() && o.path === row.path);
      expect(op, `${row.method} ${row.path}`).toBeDefined();
      expect(op?.iam.actions, op?.operationId).toEqual(row.actions);
      expect(
        op?.iam.conditionalActions.map((c) => c.action),
        op?.operationId,
      ).toEqual((row.conditionalActions ?? []).map((c) => c.action));
    }
    // A project reader reads image members (get_members/get_member grant the reader persona), where IMS asks share.
    for (const id of ['listImageMembers', 'showImageMember']) {
      expect(byId(ims.operations, id).iam.actions, id).toEqual(['ims:images:get', 'ims:images:share']);
      expect(expectedDecision({ actions: ['ims:images:list', 'ims:images:get'] }, byId(openstack.operations, id), undefined).allowed, id).toBe(true);
    }
    // Changing members still needs the member persona; a public image needs admin, which no ims: grant is.
    for (const id of ['addImageMember', 'updateImageMember', 'deleteImageMember'])
      expect(byId(openstack.operations, id).iam.actions, id).toContain('ims:images:share');
    const create = byId(openstack.operations, 'createImage');
    expect(expectedDecision({ actions: ['ims:images:*'] }, create, { name: 'x', visibility: 'public' }).allowed).toBe(false);
    expect(expectedDecision({ actions: ['ims:images:*'] }, create, { name: 'x', visibility: 'community' }).allowed).toBe(true);
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
