import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mock/start-mock.js';
import { startCheckedMock, type CheckedMock } from './checked-mock.js';
import { call, createImage } from './mock-client.js';

let mock: CheckedMock;
beforeAll(async () => {
  mock = await startCheckedMock({ jobDelayMs: 20 });
});
afterAll(() => mock.close());

const V1_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;
type V1 = { id: string; [key: string]: unknown };

async function activeImage(fields: Record<string, unknown> = {}, data = 'v1 image bytes', as = 'owner'): Promise<string> {
  const id = await createImage(mock, fields, as);
  const upload = await call(mock, 'PUT', `/v2/images/${id}/file`, { as, raw: Buffer.from(data), contentType: 'application/octet-stream' });
  if (upload.status !== 204) throw new Error(`upload failed: ${upload.status}`);
  return id;
}

async function detail(query = '', as = 'owner'): Promise<V1[]> {
  const reply = await call(mock, 'GET', `/v1.1/images/detail${query}`, { as });
  if (reply.status !== 200) throw new Error(`list failed: ${reply.status} ${reply.text}`);
  return reply.body.images as V1[];
}

const find = (images: V1[], id: string): V1 | undefined => images.find((i) => i.id === id);

describe('GET /v1.1/images/detail (deprecated)', () => {
  it('answers v1 images: microsecond zone-less times, is_public, deleted, and custom attributes under properties', async () => {
    const id = await activeImage({ name: 'v1-format', foo: 'bar' });
    const images = await detail();
    const image = find(images, id);
    expect(image).toMatchObject({
      name: 'v1-format',
      status: 'active',
      deleted: false,
      deleted_at: null,
      is_public: false,
      protected: false,
      owner: mock.config.projectId,
      disk_format: 'qcow2',
      container_format: 'bare',
      size: 14,
      checksum: createHash('md5').update('v1 image bytes').digest('hex'),
      min_disk: 0,
      min_ram: 0,
    });
    expect(image?.created_at).toMatch(V1_TIME);
    expect(image?.updated_at).toMatch(V1_TIME);
    expect(image?.properties).toMatchObject({ foo: 'bar' });
    expect(image).not.toHaveProperty('visibility');
    const publicImage = images.find((i) => i.is_public === true);
    expect(publicImage).toBeDefined();
  });

  it('filters by name, formats, status and size bounds', async () => {
    const big = await activeImage({ name: 'v1-filter-big', disk_format: 'raw' }, 'x'.repeat(100));
    const small = await activeImage({ name: 'v1-filter-small', disk_format: 'raw' }, 'x'.repeat(10));
    const queued = await createImage(mock, { name: 'v1-filter-queued', disk_format: 'raw' });
    const byName = await detail('?name=v1-filter-big');
    expect(byName.map((i) => i.id)).toEqual([big]);
    const raw = (await detail('?disk_format=raw')).map((i) => i.id);
    expect(raw).toEqual(expect.arrayContaining([big, small, queued]));
    expect((await detail('?disk_format=raw&container_format=ovf')).map((i) => i.id)).toEqual([]);
    const queuedOnly = (await detail('?disk_format=raw&status=queued')).map((i) => i.id);
    expect(queuedOnly).toEqual([queued]);
    expect((await detail('?disk_format=raw&size_min=50')).map((i) => i.id)).toEqual([big]);
    expect((await detail('?disk_format=raw&size_max=50')).map((i) => i.id)).toEqual([small]);
    expect((await detail('?disk_format=raw&size_min=10&size_max=100')).map((i) => i.id).sort()).toEqual([big, small].sort());
    expect((await call(mock, 'GET', '/v1.1/images/detail?size_min=abc', { as: 'owner' })).status).toBe(400);
  });

  it('shows what the caller can see: not another project’s private image, an accepted share but not a pending one', async () => {
    const id = await activeImage({ name: 'v1-visibility' });
    expect(find(await detail('', 'stranger'), id)).toBeUndefined();
    const member = mock.config.principals.member!.projectId;
    await call(mock, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member } });
    expect(find(await detail('', 'member'), id)).toBeUndefined();
    await call(mock, 'PUT', `/v2/images/${id}/members/${member}`, { as: 'member', body: { status: 'accepted' } });
    expect(find(await detail('', 'member'), id)).toMatchObject({ is_public: false, owner: mock.config.projectId });
  });

  it('lists the caller’s soft-deleted images with deleted: true only when changes-since is given', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const id = await activeImage({ name: 'v1-deleted' });
    expect((await call(mock, 'DELETE', `/v1.1/images/${id}`, { as: 'owner' })).status).toBe(204);
    expect(find(await detail(), id)).toBeUndefined();
    const changed = await detail(`?changes-since=${encodeURIComponent(since)}`);
    const gone = find(changed, id);
    expect(gone).toMatchObject({ deleted: true, status: 'deleted' });
    expect(gone?.deleted_at).toMatch(V1_TIME);
    expect(find(await detail(`?changes-since=${encodeURIComponent(since)}`, 'stranger'), id)).toBeUndefined();
    const future = new Date(Date.now() + 3600_000).toISOString().slice(0, 19);
    expect(await detail(`?changes-since=${future}`)).toEqual([]);
    expect((await call(mock, 'GET', '/v1.1/images/detail?changes-since=yesterday', { as: 'owner' })).status).toBe(400);
  });
});

describe('HEAD /v1/images/{id} (deprecated)', () => {
  it('answers 200 without a body and the metadata in X-Image-Meta-* headers, all strings', async () => {
    const id = await activeImage({ name: 'v1-head', min_ram: 512, os_distro: 'cirros' });
    const reply = await call(mock, 'HEAD', `/v1/images/${id}`, { as: 'owner' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    const h = reply.headers;
    const checksum = createHash('md5').update('v1 image bytes').digest('hex');
    expect(h).toMatchObject({
      'x-image-meta-id': id,
      'x-image-meta-name': 'v1-head',
      'x-image-meta-status': 'active',
      'x-image-meta-deleted': 'False',
      'x-image-meta-protected': 'False',
      'x-image-meta-min_disk': '0',
      'x-image-meta-min_ram': '512',
      'x-image-meta-is_public': 'False',
      'x-image-meta-owner': mock.config.projectId,
      'x-image-meta-container_format': 'bare',
      'x-image-meta-disk_format': 'qcow2',
      'x-image-meta-size': '14',
      'x-image-meta-checksum': checksum,
      etag: checksum,
      'x-image-meta-property-os_distro': 'cirros',
    });
    expect(h['x-image-meta-created_at']).toMatch(V1_TIME);
    expect(h['x-image-meta-updated_at']).toMatch(V1_TIME);
  });

  it('leaves out unknown size/checksum and header-unsafe properties, and survives a non-ASCII name', async () => {
    const id = await createImage(mock, { name: 'bild-größe-镜像', note: 'naïve ☃' });
    const reply = await call(mock, 'HEAD', `/v1/images/${id}`, { as: 'owner' });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-image-meta-status']).toBe('queued');
    expect(reply.headers['x-image-meta-name']).toBeDefined();
    expect(reply.headers['x-image-meta-size']).toBeUndefined();
    expect(reply.headers['x-image-meta-checksum']).toBeUndefined();
    expect(reply.headers.etag).toBeUndefined();
    expect(reply.headers['x-image-meta-property-note']).toBeUndefined();
  });

  it('says True for a public image, and answers 404 for invisible and unknown images', async () => {
    const publicImage = (await detail()).find((i) => i.is_public === true);
    const pub = await call(mock, 'HEAD', `/v1/images/${publicImage?.id ?? ''}`, { as: 'stranger' });
    expect(pub.status).toBe(200);
    expect(pub.headers['x-image-meta-is_public']).toBe('True');
    expect(pub.headers['x-image-meta-protected']).toBe('True');
    const id = await createImage(mock);
    const hidden = await call(mock, 'HEAD', `/v1/images/${id}`, { as: 'stranger' });
    expect(hidden.status).toBe(404);
    expect(hidden.text).toBe('');
    expect((await call(mock, 'HEAD', `/v1/images/${crypto.randomUUID()}`, { as: 'owner' })).status).toBe(404);
  });

  it('omits X-Image-Meta-Status under the head-missing-meta-headers fault', async () => {
    const faulty = await startMock({ faults: ['head-missing-meta-headers'], jobDelayMs: 20 });
    try {
      const id = await createImage(faulty);
      const reply = await call(faulty, 'HEAD', `/v1/images/${id}`, { as: 'owner' });
      expect(reply.status).toBe(200);
      expect(reply.headers['x-image-meta-id']).toBe(id);
      expect(reply.headers['x-image-meta-status']).toBeUndefined();
    } finally {
      await faulty.close();
    }
  });
});

describe('DELETE /v1.1/images/{id} (deprecated)', () => {
  it('soft-deletes the owner’s image with 204, after which the v2 GET answers 404', async () => {
    const id = await activeImage({ name: 'v11-delete' });
    expect((await call(mock, 'DELETE', `/v1.1/images/${id}`, { as: 'owner' })).status).toBe(204);
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).status).toBe(404);
    expect((await call(mock, 'HEAD', `/v1/images/${id}`, { as: 'owner' })).status).toBe(404);
    expect((await call(mock, 'DELETE', `/v1.1/images/${id}`, { as: 'owner' })).status).toBe(404);
  });

  it('refuses a member (403), a stranger (404) and a protected image (403)', async () => {
    const id = await createImage(mock);
    const member = mock.config.principals.member!.projectId;
    await call(mock, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member } });
    expect((await call(mock, 'DELETE', `/v1.1/images/${id}`, { as: 'member' })).status).toBe(403);
    expect((await call(mock, 'DELETE', `/v1.1/images/${id}`, { as: 'stranger' })).status).toBe(404);
    const guarded = await createImage(mock, { protected: true });
    const refused = await call(mock, 'DELETE', `/v1.1/images/${guarded}`, { as: 'owner' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('IMG.0028');
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).status).toBe(200);
    expect((await call(mock, 'GET', `/v2/images/${guarded}`, { as: 'owner' })).status).toBe(200);
  });
});

describe('every response of this file', () => {
  it('conforms to the spec (status documented, content type, body schema, headers)', () => {
    expect(mock.checked()).toBeGreaterThan(40);
    expect(mock.violations()).toEqual([]);
  });
});
