import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckedMock, type CheckedMock } from './checked-mock.js';
import { call, createImage } from './mock-client.js';

let mock: CheckedMock;
beforeAll(async () => {
  mock = await startCheckedMock();
});
afterAll(() => mock.close());

describe('Glance v2 image lifecycle on the mock', () => {
  it('answers GET / with 300 and the versions document, without credentials', async () => {
    const reply = await call(mock, 'GET', '/');
    expect(reply.status).toBe(300);
    expect(reply.body.versions.map((v: { id: string }) => v.id)).toContain('v2.2');
  });

  it('creates a queued image with 201 and a Location header', async () => {
    const reply = await call(mock, 'POST', '/v2/images', {
      as: 'owner',
      body: { name: 'lifecycle', disk_format: 'qcow2', container_format: 'bare', tags: ['t1'] },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ name: 'lifecycle', status: 'queued', visibility: 'private', owner: mock.config.projectId, tags: ['t1'] });
    expect(reply.headers.location).toBe(`${mock.url}/v2/images/${reply.body.id}`);
  });

  it('turns the image active with size and checksum after an octet-stream upload', async () => {
    const id = await createImage(mock);
    const upload = await call(mock, 'PUT', `/v2/images/${id}/file`, { as: 'owner', raw: Buffer.from('hello image'), contentType: 'application/octet-stream' });
    expect(upload.status).toBe(204);
    const shown = await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' });
    expect(shown.body).toMatchObject({ status: 'active', size: 11, checksum: createHash('md5').update('hello image').digest('hex'), __image_size: '11' });
    const again = await call(mock, 'PUT', `/v2/images/${id}/file`, { as: 'owner', raw: Buffer.from('x'), contentType: 'application/octet-stream' });
    expect(again.status).toBe(409);
  });

  it('applies JSON-patch replace/add/remove atomically and refuses application/json with 415', async () => {
    const id = await createImage(mock, { foo: 'bar' });
    const patch = [
      { op: 'replace', path: '/name', value: 'renamed' },
      { op: 'add', path: '/os_distro', value: 'cirros' },
      { op: 'remove', path: '/foo' },
    ];
    const ok = await call(mock, 'PATCH', `/v2/images/${id}`, { as: 'owner', body: patch, contentType: 'application/openstack-images-v2.1-json-patch' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: 'renamed', os_distro: 'cirros' });
    expect(ok.body.foo).toBeUndefined();
    const atomic = await call(mock, 'PATCH', `/v2/images/${id}`, {
      as: 'owner',
      body: [
        { op: 'replace', path: '/name', value: 'never' },
        { op: 'remove', path: '/nonexistent' },
      ],
      contentType: 'application/openstack-images-v2.1-json-patch',
    });
    expect(atomic.status).toBe(409);
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).body.name).toBe('renamed');
    const wrongType = await call(mock, 'PATCH', `/v2/images/${id}`, { as: 'owner', body: patch, contentType: 'application/json' });
    expect(wrongType.status).toBe(415);
  });

  it('refuses to delete a protected image, deletes otherwise, then answers 404 everywhere', async () => {
    const id = await createImage(mock, { protected: true });
    expect((await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'owner' })).status).toBe(403);
    await call(mock, 'PATCH', `/v2/images/${id}`, {
      as: 'owner',
      body: [{ op: 'replace', path: '/protected', value: false }],
      contentType: 'application/openstack-images-v2.1-json-patch',
    });
    expect((await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'owner', body: { delete_backup: false } })).status).toBe(204);
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).status).toBe(404);
    expect((await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'owner' })).status).toBe(404);
    const listed = await call(mock, 'GET', '/v2/images?limit=1000', { as: 'owner' });
    expect(listed.body.images.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('pages with limit and marker: no image repeated or missing, next absent on the last page', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add(await createImage(mock, { name: `page-${i}`, tags: ['paging'] }));
    const seen: string[] = [];
    let next: string | undefined = '/v2/images?limit=3&tag=paging';
    while (next) {
      const page = await call(mock, 'GET', next, { as: 'owner' });
      expect(page.status).toBe(200);
      expect(page.body.images.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.images.map((i: { id: string }) => i.id));
      next = page.body.next;
    }
    expect(seen.sort()).toEqual([...ids].sort());
  });
});

describe('every response of this file', () => {
  it('conforms to the spec (status documented, content type, body schema, headers)', () => {
    expect(mock.checked()).toBeGreaterThan(20);
    expect(mock.violations()).toEqual([]);
  });
});
