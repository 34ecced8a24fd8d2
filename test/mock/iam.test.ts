import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRINCIPALS } from '../../src/model/principals.js';
import { startCheckedMock, type CheckedMock } from './checked-mock.js';
import { call, createImage } from './mock-client.js';

let mock: CheckedMock;
beforeAll(async () => {
  mock = await startCheckedMock({
    principals: {
      ...DEFAULT_PRINCIPALS,
      // Hold exactly one of quick import's two conditional actions each.
      dataOnly: { actions: ['ims:dataImages:create'], project: 'primary' },
      systemOnly: { actions: ['ims:serverImages:create'], project: 'primary' },
      updater: { actions: ['ims:images:update', 'ims:images:get', 'ims:images:list'], project: 'primary' },
    },
  });
});
afterAll(() => mock.close());

const patchJson = (ops: unknown) => ({ body: ops, contentType: 'application/openstack-images-v2.1-json-patch' });

describe('IAM on the mock, evaluated by its own code from the permission tables', () => {
  it('lets the reader list and show, and refuses it every write with 403 and IMG.0026', async () => {
    const id = await createImage(mock);
    expect((await call(mock, 'GET', '/v2/images', { as: 'reader' })).status).toBe(200);
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'reader' })).status).toBe(200);
    const denied = [
      await call(mock, 'POST', '/v2/images', { as: 'reader', body: { name: 'x' } }),
      await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'reader' }),
      await call(mock, 'PATCH', `/v2/images/${id}`, { as: 'reader', ...patchJson([{ op: 'replace', path: '/name', value: 'y' }]) }),
      await call(mock, 'POST', `/v2/images/${id}/members`, { as: 'reader', body: { member: 'p2' } }),
    ];
    for (const reply of denied) {
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('IMG.0026');
    }
  });

  it('refuses the principal with no actions everything but GET /', async () => {
    expect((await call(mock, 'GET', '/', { as: 'none' })).status).toBe(300);
    expect((await call(mock, 'GET', '/v2/images', { as: 'none' })).status).toBe(403);
    expect((await call(mock, 'GET', '/v2/cloudimages', { as: 'none' })).status).toBe(403);
  });

  it('lets an explicit Deny win: noDelete can create but not delete', async () => {
    const id = await createImage(mock, {}, 'noDelete');
    expect((await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'noDelete' })).status).toBe(403);
    expect((await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'owner' })).status).toBe(204);
  });

  it('refuses enterprise-project grants where the tables say that scope is unsupported', async () => {
    expect((await call(mock, 'GET', '/v2/images', { as: 'epAdmin' })).status).toBe(403);
    expect((await call(mock, 'POST', '/v2/images', { as: 'epAdmin', body: { name: 'x' } })).status).toBe(403);
    expect((await call(mock, 'GET', '/v2/cloudimages', { as: 'epAdmin' })).status).not.toBe(403);
  });

  it('confines enterprise-project grants to that enterprise project’s images', async () => {
    const outside = await createImage(mock, { name: 'default-ep' });
    expect((await call(mock, 'GET', `/v2/images/${outside}`, { as: 'epAdmin' })).status).toBe(404);
    const ep = mock.config.principals.epAdmin?.enterpriseProjectId as string;
    const inside = mock.state.images.create({ name: 'in-ep', owner: mock.config.projectId, enterpriseProjectId: ep, status: 'active' });
    expect((await call(mock, 'GET', `/v2/images/${inside.id}`, { as: 'epAdmin' })).status).toBe(200);
  });

  it('asks quick import for ims:dataImages:create only for data disks, ims:serverImages:create otherwise', async () => {
    const body = { name: 'quick', image_url: mock.config.fixtures.imageUrl, min_disk: 40 };
    const data = { ...body, type: 'DataImage' };
    const system = { ...body, os_version: 'CentOS 7.0 64bit' };
    expect((await call(mock, 'POST', '/v2/cloudimages/quickimport/action', { as: 'dataOnly', body: system })).status).toBe(403);
    expect((await call(mock, 'POST', '/v2/cloudimages/quickimport/action', { as: 'dataOnly', body: data })).status).not.toBe(403);
    expect((await call(mock, 'POST', '/v2/cloudimages/quickimport/action', { as: 'systemOnly', body: data })).status).toBe(403);
    expect((await call(mock, 'POST', '/v2/cloudimages/quickimport/action', { as: 'systemOnly', body: system })).status).not.toBe(403);
  });

  it('asks PATCH /v2/cloudimages for ims:serverImages:create only for an enterprise-project migration', async () => {
    const id = (await call(mock, 'POST', '/v2/images', { as: 'owner', body: { name: 'migr' } })).body.id as string;
    const rename = [{ op: 'replace', path: '/name', value: 'renamed' }];
    const migrate = [{ op: 'replace', path: '/enterprise_project_id', value: '0' }];
    expect((await call(mock, 'PATCH', `/v2/cloudimages/${id}`, { as: 'updater', body: rename })).status).not.toBe(403);
    expect((await call(mock, 'PATCH', `/v2/cloudimages/${id}`, { as: 'updater', body: migrate })).status).toBe(403);
  });
});

describe('tenancy on the mock', () => {
  it('hides another project’s private image: 404 on item calls, absent from lists', async () => {
    const id = await createImage(mock, { name: 'private-of-owner' });
    for (const [method, path] of [
      ['GET', `/v2/images/${id}`],
      ['DELETE', `/v2/images/${id}`],
      ['GET', `/v2/images/${id}/members`],
    ] as const)
      expect((await call(mock, method, path, { as: 'stranger' })).status).toBe(404);
    const listed = await call(mock, 'GET', '/v2/images?limit=1000', { as: 'stranger' });
    expect(listed.body.images.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('shows every project the public images', async () => {
    const listed = await call(mock, 'GET', '/v2/images?visibility=public', { as: 'stranger' });
    expect(listed.body.images.length).toBeGreaterThan(0);
  });
});

describe('every response of this file', () => {
  it('conforms to the spec', () => {
    // Handlers that other work fills in may still answer 500 here; IAM decisions come before them.
    expect(mock.violations().filter((v) => !v.includes('IMG.9999'))).toEqual([]);
  });
});
