import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckedMock, type CheckedMock } from './checked-mock.js';
import { call, createImage } from './mock-client.js';

let mock: CheckedMock;
beforeAll(async () => {
  mock = await startCheckedMock({ jobDelayMs: 20 });
});
afterAll(() => mock.close());

/** A queued image turned active by uploading a few bytes; returns its id. */
async function activeImage(fields: Record<string, unknown> = {}, as = 'owner'): Promise<string> {
  const id = await createImage(mock, fields, as);
  const upload = await call(mock, 'PUT', `/v2/images/${id}/file`, { as, raw: Buffer.from('image bytes'), contentType: 'application/octet-stream' });
  expect(upload.status).toBe(204);
  return id;
}

const ids = (reply: { body: { images: { id: string }[] } }): string[] => reply.body.images.map((i) => i.id);
const patch = (id: string, ops: unknown[], as = 'owner') => call(mock, 'PATCH', `/v2/cloudimages/${id}`, { as, body: ops });

describe('GET /v2/cloudimages', () => {
  it('answers {"images"} with the caller’s own and public images, and no first/next/schema links', async () => {
    const own = await createImage(mock, { name: 'ci-own' });
    const reply = await call(mock, 'GET', '/v2/cloudimages', { as: 'owner' });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['images']);
    expect(ids(reply)).toContain(own);
    expect(reply.body.images.some((i: { visibility: string }) => i.visibility === 'public')).toBe(true);
  });

  it('hides another project’s private images', async () => {
    const own = await createImage(mock, { name: 'ci-private' });
    const stranger = await call(mock, 'GET', '/v2/cloudimages', { as: 'stranger' });
    expect(stranger.status).toBe(200);
    expect(ids(stranger)).not.toContain(own);
  });

  it('applies the IMS filters: name, status, __imagetype, visibility, virtual_env_type, tag, __whole_image', async () => {
    const queued = await createImage(mock, { name: 'ci-filter-queued', tags: ['team.red'] });
    const active = await activeImage({ name: 'ci-filter-active' });
    const byName = await call(mock, 'GET', '/v2/cloudimages?name=ci-filter-queued', { as: 'owner' });
    expect(ids(byName)).toEqual([queued]);
    const byStatus = await call(mock, 'GET', '/v2/cloudimages?status=active&__imagetype=private', { as: 'owner' });
    expect(ids(byStatus)).toContain(active);
    expect(ids(byStatus)).not.toContain(queued);
    const gold = await call(mock, 'GET', '/v2/cloudimages?__imagetype=gold&visibility=public&protected=true', { as: 'owner' });
    expect(gold.body.images.length).toBeGreaterThan(0);
    expect(gold.body.images.every((i: { __imagetype: string; visibility: string }) => i.__imagetype === 'gold' && i.visibility === 'public')).toBe(true);
    const dataImages = await call(mock, 'GET', '/v2/cloudimages?virtual_env_type=DataImage', { as: 'owner' });
    expect(ids(dataImages)).not.toContain(active);
    const byTag = await call(mock, 'GET', '/v2/cloudimages?tag=team=red', { as: 'owner' });
    expect(ids(byTag)).toEqual([queued]);
    const notWhole = await call(mock, 'GET', '/v2/cloudimages?__whole_image=false&name=ci-filter-active', { as: 'owner' });
    expect(ids(notWhole)).toEqual([active]);
    const whole = await call(mock, 'GET', '/v2/cloudimages?__whole_image=true&name=ci-filter-active', { as: 'owner' });
    expect(ids(whole)).toEqual([]);
  });

  it('sorts by sort_key and sort_dir', async () => {
    const b = await createImage(mock, { name: 'ci-sort-b', tags: ['sort.x'] });
    const a = await createImage(mock, { name: 'ci-sort-a', tags: ['sort.x'] });
    const c = await createImage(mock, { name: 'ci-sort-c', tags: ['sort.x'] });
    const asc = await call(mock, 'GET', '/v2/cloudimages?tag=sort=x&sort_key=name&sort_dir=asc', { as: 'owner' });
    expect(ids(asc)).toEqual([a, b, c]);
    const desc = await call(mock, 'GET', '/v2/cloudimages?tag=sort=x&sort_key=name&sort_dir=desc', { as: 'owner' });
    expect(ids(desc)).toEqual([c, b, a]);
  });

  it('pages by marker = last id (no image repeated or missing) and defaults to 500 per page', async () => {
    const created = new Set<string>();
    for (let i = 0; i < 30; i++) created.add(await createImage(mock, { name: `ci-page-${i}`, tags: ['paging.ci'] }));
    const all = await call(mock, 'GET', '/v2/cloudimages?tag=paging=ci', { as: 'owner' });
    expect(all.body.images).toHaveLength(30); // more than Glance's default of 25
    const seen: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await call(mock, 'GET', `/v2/cloudimages?tag=paging=ci&limit=7${marker ? `&marker=${marker}` : ''}`, { as: 'owner' });
      expect(page.status).toBe(200);
      expect(page.body.next).toBeUndefined();
      if (page.body.images.length === 0) break;
      seen.push(...ids(page));
      marker = seen.at(-1);
    }
    expect(seen.sort()).toEqual([...created].sort());
  });

  it('answers 400 with an IMS error for an unknown marker', async () => {
    const reply = await call(mock, 'GET', '/v2/cloudimages?marker=00000000-0000-0000-0000-000000000000', { as: 'owner' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toMatch(/^IMG\.\d{4}$/);
  });

  it('lists images shared with the caller by member_status, and marks them shared', async () => {
    const id = await activeImage({ name: 'ci-shared' });
    const memberProject = mock.config.principals.member?.projectId ?? '';
    const now = new Date().toISOString();
    mock.state.images.get(id)?.members.set(memberProject, { memberId: memberProject, status: 'pending', createdAt: now, updatedAt: now });
    expect(ids(await call(mock, 'GET', '/v2/cloudimages', { as: 'member' }))).not.toContain(id);
    const pending = await call(mock, 'GET', '/v2/cloudimages?visibility=shared&member_status=pending', { as: 'member' });
    expect(ids(pending)).toEqual([id]);
    expect(pending.body.images[0].__imagetype).toBe('shared');
    const ownerShared = await call(mock, 'GET', '/v2/cloudimages?visibility=shared&__imagetype=shared', { as: 'owner' });
    expect(ids(ownerShared)).toContain(id);
  });

  it('filters by enterprise_project_id, and shows an enterprise-project caller only its enterprise project', async () => {
    const ep = mock.config.principals.epAdmin?.enterpriseProjectId ?? '';
    const inEp = await activeImage({ name: 'ci-ep-in' });
    const outside = await activeImage({ name: 'ci-ep-out' });
    expect((await patch(inEp, [{ op: 'replace', path: '/enterprise_project_id', value: ep }])).status).toBe(200);
    const filtered = await call(mock, 'GET', `/v2/cloudimages?enterprise_project_id=${ep}`, { as: 'owner' });
    expect(ids(filtered)).toContain(inEp);
    expect(ids(filtered)).not.toContain(outside);
    const asEp = await call(mock, 'GET', '/v2/cloudimages?visibility=private', { as: 'epAdmin' });
    expect(ids(asEp)).toContain(inEp);
    expect(ids(asEp)).not.toContain(outside);
  });
});

describe('PATCH /v2/cloudimages/{image_id}', () => {
  it('renames, describes and sets RAM limits and custom attributes, answering the updated image', async () => {
    const id = await activeImage({ name: 'ci-update' });
    const reply = await patch(id, [
      { op: 'replace', path: '/name', value: 'ci-renamed' },
      { op: 'add', path: '/__description', value: 'patched' },
      { op: 'replace', path: '/min_ram', value: '1024' },
      { op: 'add', path: '/max_ram', value: '4096' },
      { op: 'add', path: '/hw_firmware_type', value: 'uefi' },
      { op: 'add', path: '/__support_kvm', value: 'true' },
      { op: 'add', path: '/app_owner', value: 'team-a' },
    ]);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id,
      name: 'ci-renamed',
      __description: 'patched',
      min_ram: 1024,
      max_ram: '4096',
      hw_firmware_type: 'uefi',
      __support_kvm: 'true',
      app_owner: 'team-a',
    });
    const shown = await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' });
    expect(shown.body).toMatchObject({ name: 'ci-renamed', app_owner: 'team-a' });
    const removed = await patch(id, [{ op: 'remove', path: '/app_owner', value: '' }]);
    expect(removed.status).toBe(200);
    expect(removed.body.app_owner).toBeUndefined();
  });

  it('refuses read-only attributes with 400 and applies nothing of a failing patch', async () => {
    const id = await activeImage({ name: 'ci-readonly' });
    for (const path of ['/id', '/status', '/owner', '/created_at', '/visibility', '/__imagetype', '/__os_bit', '/virtual_env_type']) {
      const reply = await patch(id, [{ op: 'replace', path, value: 'x' }]);
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.code, path).toMatch(/^IMG\.\d{4}$/);
    }
    const atomic = await patch(id, [
      { op: 'replace', path: '/name', value: 'ci-never' },
      { op: 'replace', path: '/status', value: 'killed' },
    ]);
    expect(atomic.status).toBe(400);
    const shown = await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' });
    expect(shown.body).toMatchObject({ name: 'ci-readonly', status: 'active' });
  });

  it('checks values: name format, hw_firmware_type, RAM sizes, removing what is absent', async () => {
    const id = await activeImage({ name: 'ci-values' });
    expect((await patch(id, [{ op: 'replace', path: '/name', value: ' padded' }])).body.error.code).toBe('IMG.0003');
    expect((await patch(id, [{ op: 'replace', path: '/name', value: 'n'.repeat(129) }])).body.error.code).toBe('IMG.0002');
    expect((await patch(id, [{ op: 'replace', path: '/hw_firmware_type', value: 'efi' }])).body.error.code).toBe('IMG.0141');
    expect((await patch(id, [{ op: 'replace', path: '/min_ram', value: 'lots' }])).status).toBe(400);
    expect((await patch(id, [{ op: 'remove', path: '/never_set', value: '' }])).status).toBe(400);
  });

  it('only updates active images', async () => {
    const queued = await createImage(mock, { name: 'ci-queued' });
    const reply = await patch(queued, [{ op: 'replace', path: '/name', value: 'ci-queued-renamed' }]);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('IMG.0046');
  });

  it('answers 404 for images the caller cannot see and 403 for visible images it does not own', async () => {
    const id = await activeImage({ name: 'ci-foreign' });
    expect((await patch(id, [{ op: 'replace', path: '/name', value: 'stolen' }], 'stranger')).status).toBe(404);
    expect((await patch('00000000-0000-0000-0000-000000000000', [{ op: 'replace', path: '/name', value: 'x' }])).status).toBe(404);
    const listed = await call(mock, 'GET', '/v2/cloudimages?__imagetype=gold', { as: 'owner' });
    const publicId = listed.body.images[0].id as string;
    expect((await patch(publicId, [{ op: 'replace', path: '/name', value: 'mine' }])).status).toBe(403);
  });

  it('migrates an image between enterprise projects; an enterprise-project caller only into its own', async () => {
    const ep = mock.config.principals.epAdmin?.enterpriseProjectId ?? '';
    const id = await activeImage({ name: 'ci-migrate' });
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'epAdmin' })).status).toBe(404);
    const moved = await patch(id, [{ op: 'replace', path: '/enterprise_project_id', value: ep }]);
    expect(moved.status).toBe(200);
    expect(moved.body.enterprise_project_id).toBe(ep);
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'epAdmin' })).status).toBe(200);
    const renamed = await patch(id, [{ op: 'replace', path: '/name', value: 'ci-migrated' }], 'epAdmin');
    expect(renamed.status).toBe(200);
    const away = await patch(id, [{ op: 'replace', path: '/enterprise_project_id', value: '0' }], 'epAdmin');
    expect(away.status).toBe(403);
    expect(away.body.error.code).toBe('IMG.0026');
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).body.enterprise_project_id).toBe(ep);
  });
});

describe('every response of this file', () => {
  it('conforms to the spec (status documented, content type, body schema, headers)', () => {
    expect(mock.checked()).toBeGreaterThan(40);
    expect(mock.violations()).toEqual([]);
  });
});
