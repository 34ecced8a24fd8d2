import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { JUDGEMENT_POINTS } from '../../mock/variant.js';
import { call, createImage, waitForJob } from './mock-client.js';

/*
 * The alternative personality takes, at every judgement point, the other reading a document allows. Its answers
 * break the spec's own choices on purpose, so this file checks them one by one (no spec-conformance check of the
 * whole file, unlike the default mock's tests). Each test names the judgement point it pins.
 */

let alt: RunningMock;
let def: RunningMock;
beforeAll(async () => {
  [alt, def] = await Promise.all([startMock({ variant: 'alternative', jobDelayMs: 20 }), startMock({ jobDelayMs: 20 })]);
});
afterAll(async () => {
  await Promise.all([alt.close(), def.close()]);
});

const patchV21 = (ops: unknown) => ({ body: ops, contentType: 'application/openstack-images-v2.1-json-patch' });
const projectOf = (mock: RunningMock, principal: string): string => mock.config.principals[principal]?.projectId ?? mock.config.projectId;
const activeImage = (mock: RunningMock, extra: Record<string, string> = {}): string =>
  mock.state.images.create({ name: 'alt-active', owner: mock.config.projectId, status: 'active', diskFormat: 'zvhd2', containerFormat: 'bare', extra }).id;

/** An image of the owner's with visibility shared, as Glance wants before members (member-add-visibility). */
async function sharedImage(): Promise<string> {
  const id = await createImage(alt);
  const made = await call(alt, 'PATCH', `/v2/images/${id}`, { as: 'owner', ...patchV21([{ op: 'replace', path: '/visibility', value: 'shared' }]) });
  expect(made.status).toBe(200);
  return id;
}

describe('the judgement-point catalogue', () => {
  it('cites, for every alternative reading, documents the documents registry knows', () => {
    const registry = parse(readFileSync('spec/sources/documents.yaml', 'utf8')) as { documents: Record<string, unknown> };
    const unknown = JUDGEMENT_POINTS.flatMap((p) => p.documentedBy.filter((id) => !(id in registry.documents)).map((id) => `${p.name}: ${id}`));
    expect(unknown).toEqual([]);
    expect(JUDGEMENT_POINTS.every((p) => p.documentedBy.length > 0)).toBe(true);
  });

  it('refuses a variant it does not have', async () => {
    await expect(startMock({ variant: 'lenient' as never })).rejects.toThrow(/unknown mock variant "lenient"/);
  });
});

describe('request bodies (unknown-body-fields, empty-json-patch, json-patch-size, json-patch-extra-members)', () => {
  // The default's answers to these come from the spec's constraints (which its engineers are free to change);
  // the alternative's must not: it relaxes them itself.
  it('ignores body fields no document lists', async () => {
    const deleted = await call(alt, 'DELETE', `/v2/images/${await createImage(alt)}`, { as: 'owner', body: { delete_backup: false, unexpected_field: 'x' } });
    expect(deleted.status).toBe(204);
    const id = await sharedImage();
    const added = await call(alt, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member: projectOf(alt, 'member'), note: 'x' } });
    expect(added.status).toBe(200);
    expect(added.body).not.toHaveProperty('note');
  });

  it('applies an empty JSON patch as a no-op on both patch calls', async () => {
    const queued = await createImage(alt, { name: 'noop' });
    const glance = await call(alt, 'PATCH', `/v2/images/${queued}`, { as: 'owner', ...patchV21([]) });
    expect(glance.status).toBe(200);
    expect(glance.body.name).toBe('noop');
    const ims = await call(alt, 'PATCH', `/v2/cloudimages/${activeImage(alt)}`, { as: 'owner', body: [] });
    expect(ims.status).toBe(200);
  });

  it('takes any number of operations, and ignores `value` on `remove`', async () => {
    const id = await createImage(alt);
    const many = Array.from({ length: 65 }, (_, i) => ({ op: 'add', path: `/k${i}`, value: 'v' }));
    expect((await call(alt, 'PATCH', `/v2/images/${id}`, { as: 'owner', ...patchV21(many) })).status).toBe(200);
    const removed = await call(alt, 'PATCH', `/v2/images/${id}`, { as: 'owner', ...patchV21([{ op: 'remove', path: '/k0', value: 'ignored' }]) });
    expect(removed.status).toBe(200);
    expect(removed.body).not.toHaveProperty('k0');
  });
});

describe('caps no document states (tag-count, batch-size, id-length, ram-limit, image-tags-item-fields)', () => {
  it('accepts 60 tags on create', async () => {
    const tags = Array.from({ length: 60 }, (_, i) => `t${i}`);
    const reply = await call(alt, 'POST', '/v2/images', { as: 'owner', body: { name: 'many-tags', tags } });
    expect(reply.status).toBe(201);
    expect(reply.body.tags).toHaveLength(60);
  });

  it('treats an id longer than 64 characters as just unknown', async () => {
    const long = 'a'.repeat(70);
    expect((await call(alt, 'GET', `/v2/images/${long}`, { as: 'owner' })).status).toBe(404);
    const id = await sharedImage();
    await call(alt, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member: projectOf(alt, 'member') } });
    const accept = await call(alt, 'PUT', `/v2/images/${id}/members/${projectOf(alt, 'member')}`, {
      as: 'member',
      body: { status: 'accepted', vault_id: 'v'.repeat(80) },
    });
    expect(accept.status).toBe(200);
  });

  it('takes a batch naming the same image twice', async () => {
    const id = await createImage(alt);
    const reply = await call(alt, 'POST', '/v1/cloudimages/members', { as: 'owner', body: { images: [id, id], projects: [projectOf(alt, 'member')] } });
    expect(reply.status).toBe(200);
  });

  it('sets min_ram above 1048576 MB', async () => {
    const reply = await call(alt, 'PATCH', `/v2/cloudimages/${activeImage(alt)}`, {
      as: 'owner',
      body: [{ op: 'replace', path: '/min_ram', value: '2097152' }],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.min_ram).toBe(2097152);
  });

  it('takes image_tags items without a value', async () => {
    const body = { name: 'alt-data', image_url: alt.config.fixtures.dataImageUrl, min_disk: 40, image_tags: [{ key: 'team' }] };
    const reply = await call(alt, 'POST', '/v1/cloudimages/dataimages/action', { as: 'owner', body });
    expect(reply.status).toBe(200);
  });
});

describe('errors (unknown-job-id, cloudimages-unknown-image, cloudimages-denial-status, replace/add conflicts)', () => {
  it('answers an unknown job 400 IMG.0023', async () => {
    const reply = await call(alt, 'GET', `/v1/${alt.config.projectId}/jobs/${'0'.repeat(32)}`, { as: 'owner' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('IMG.0023');
  });

  it('answers an unknown image on the /cloudimages calls 400 IMG.0027, and 404 on the Glance calls', async () => {
    const unknown = crypto.randomUUID();
    const ims = await call(alt, 'PATCH', `/v2/cloudimages/${unknown}`, { as: 'owner', body: [{ op: 'replace', path: '/name', value: 'x' }] });
    expect([ims.status, ims.body.error.code]).toEqual([400, 'IMG.0027']);
    const batch = await call(alt, 'POST', '/v1/cloudimages/members', { as: 'owner', body: { images: [unknown], projects: [projectOf(alt, 'member')] } });
    expect([batch.status, batch.body.error.code]).toEqual([400, 'IMG.0027']);
    expect((await call(alt, 'GET', `/v2/images/${unknown}`, { as: 'owner' })).status).toBe(404);
  });

  it('refuses an unauthorized /cloudimages call 400 IMG.0026, a Glance call 403', async () => {
    const ims = await call(alt, 'PATCH', `/v2/cloudimages/${activeImage(alt)}`, { as: 'reader', body: [{ op: 'replace', path: '/name', value: 'x' }] });
    expect([ims.status, ims.body.error.code]).toEqual([400, 'IMG.0026']);
    expect((await call(alt, 'POST', '/v2/images', { as: 'reader', body: { name: 'x' } })).status).toBe(403);
  });

  it('answers 409 to `replace` of an attribute the image lacks, and to `add` of one it has', async () => {
    const ims = await call(alt, 'PATCH', `/v2/cloudimages/${activeImage(alt)}`, { as: 'owner', body: [{ op: 'replace', path: '/os_feature', value: 'x' }] });
    expect(ims.status).toBe(409);
    const id = await createImage(alt);
    expect((await call(alt, 'PATCH', `/v2/images/${id}`, { as: 'owner', ...patchV21([{ op: 'replace', path: '/os_distro', value: 'x' }]) })).status).toBe(409);
    expect((await call(alt, 'PATCH', `/v2/images/${id}`, { as: 'owner', ...patchV21([{ op: 'add', path: '/os_distro', value: 'x' }]) })).status).toBe(200);
    expect((await call(alt, 'PATCH', `/v2/images/${id}`, { as: 'owner', ...patchV21([{ op: 'add', path: '/os_distro', value: 'y' }]) })).status).toBe(409);
    expect(
      (await call(def, 'PATCH', `/v2/images/${await createImage(def)}`, { as: 'owner', ...patchV21([{ op: 'replace', path: '/os_distro', value: 'x' }]) }))
        .status,
    ).toBe(200);
  });
});

describe('response shapes (unnamed-image, image-formats-unset, create-location-header, boolean attributes, links, member jobs)', () => {
  it('creates an image without name or formats as Glance does: name and formats null, no Location', async () => {
    const reply = await call(alt, 'POST', '/v2/images', { as: 'owner', body: {} });
    expect(reply.status).toBe(201);
    expect(reply.body.name).toBeNull();
    expect(reply.body.disk_format).toBeNull();
    expect(reply.body.container_format).toBeNull();
    expect(reply.headers.location).toBeUndefined();
    const named = await call(alt, 'PATCH', `/v2/images/${reply.body.id}`, { as: 'owner', ...patchV21([{ op: 'replace', path: '/name', value: 'later' }]) });
    expect(named.body.name).toBe('later');
  });

  it('carries __system_support_market as a boolean', async () => {
    const reply = await call(alt, 'GET', `/v2/images/${await createImage(alt)}`, { as: 'owner' });
    expect(reply.body.__system_support_market).toBe(false);
  });

  it('lists /v2/cloudimages items without file and schema links', async () => {
    const reply = await call(alt, 'GET', '/v2/cloudimages', { as: 'owner' });
    expect(reply.body.images.length).toBeGreaterThan(0);
    for (const image of reply.body.images) {
      expect(image).not.toHaveProperty('file');
      expect(image).not.toHaveProperty('schema');
    }
  });

  it('shows public images without __image_size, as the OTC list and show examples do (public-image-size)', async () => {
    for (const path of ['/v2/images', '/v2/cloudimages']) {
      const altList = await call(alt, 'GET', path, { as: 'owner' });
      const defList = await call(def, 'GET', path, { as: 'owner' });
      const publicOf = (reply: { body: { images: Array<Record<string, unknown>> } }) => reply.body.images.filter((i) => i.visibility === 'public');
      expect(publicOf(altList).length, path).toBeGreaterThan(0);
      expect(publicOf(defList).length, path).toBeGreaterThan(0);
      for (const image of publicOf(altList)) expect(image, path).not.toHaveProperty('__image_size');
      for (const image of publicOf(defList)) expect(image, path).toHaveProperty('__image_size');
    }
    const own = await call(alt, 'GET', `/v2/images/${await createImage(alt)}`, { as: 'owner' });
    expect(own.body).toHaveProperty('__image_size');
  });

  it('reports member-job rows without project_id', async () => {
    const id = await createImage(alt);
    const submitted = await call(alt, 'POST', '/v1/cloudimages/members', { as: 'owner', body: { images: [id], projects: [projectOf(alt, 'member')] } });
    const job = await waitForJob(alt, submitted.body.job_id);
    expect(job.status).toBe('SUCCESS');
    expect(job.entities.results).toEqual([{ image_id: id, status: 'success' }]);
  });
});

describe('the other readings of names, versions and statuses', () => {
  it('caps a new image name at 128 characters (create-name-length)', async () => {
    const reply = await call(alt, 'POST', '/v2/images', { as: 'owner', body: { name: 'n'.repeat(129) } });
    expect([reply.status, reply.body.error.code]).toEqual([400, 'IMG.0002']);
  });

  it('wants os_version on every quick import (quick-import-os-version)', async () => {
    const body = { name: 'q', image_url: alt.config.fixtures.dataImageUrl, min_disk: 40, type: 'DataImage' };
    expect((await call(alt, 'POST', '/v2/cloudimages/quickimport/action', { as: 'owner', body })).status).toBe(400);
  });

  it('refuses member status pending (member-status-pending)', async () => {
    const id = await sharedImage();
    await call(alt, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member: projectOf(alt, 'member') } });
    const reply = await call(alt, 'PUT', `/v2/images/${id}/members/${projectOf(alt, 'member')}`, { as: 'member', body: { status: 'pending' } });
    expect(reply.status).toBe(400);
  });

  it('adds a member only to an image the owner made shared first (member-add-visibility)', async () => {
    const id = await createImage(alt);
    const member = { member: projectOf(alt, 'member') };
    expect((await call(alt, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: member })).status).toBe(403);
    await call(alt, 'PATCH', `/v2/images/${id}`, { as: 'owner', ...patchV21([{ op: 'replace', path: '/visibility', value: 'shared' }]) });
    expect((await call(alt, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: member })).status).toBe(200);
  });

  it('takes any JSON value in PATCH /v2/cloudimages, and none on remove (cloudimages-patch-value)', async () => {
    const id = activeImage(alt, { __support_kvm: 'true' });
    const reply = await call(alt, 'PATCH', `/v2/cloudimages/${id}`, {
      as: 'owner',
      body: [
        { op: 'replace', path: '/min_ram', value: 2048 },
        { op: 'remove', path: '/__support_kvm' },
      ],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.min_ram).toBe(2048);
    expect(reply.body).not.toHaveProperty('__support_kvm');
  });

  it('refuses a system image min_disk below 40 (min-disk-floor)', async () => {
    expect((await call(alt, 'POST', '/v2/images', { as: 'owner', body: { name: 'small', min_disk: 10 } })).status).toBe(400);
    const quick = { name: 'q', image_url: alt.config.fixtures.dataImageUrl, min_disk: 20, os_version: 'EulerOS 2.5 64bit' };
    expect((await call(alt, 'POST', '/v2/cloudimages/quickimport/action', { as: 'owner', body: quick })).status).toBe(400);
    expect((await call(alt, 'POST', '/v2/cloudimages/quickimport/action', { as: 'owner', body: { ...quick, min_disk: 40 } })).status).toBe(200);
  });

  it('answers the deprecated v1.1 delete 200 (delete-v11-status)', async () => {
    const reply = await call(alt, 'DELETE', `/v1.1/images/${await createImage(alt)}`, { as: 'owner' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
  });

  it('wants credentials on GET / (versions-credentials)', async () => {
    expect((await call(alt, 'GET', '/')).status).toBe(401);
    expect((await call(alt, 'GET', '/', { as: 'reader' })).status).toBe(300);
    expect((await call(def, 'GET', '/')).status).toBe(300);
  });
});
