import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mock/start-mock.js';
import { startCheckedMock, type CheckedMock } from './checked-mock.js';
import { call, createImage, waitForJob } from './mock-client.js';

let mock: CheckedMock;
let memberProject: string;
let strangerProject: string;
beforeAll(async () => {
  mock = await startCheckedMock({ jobDelayMs: 20 });
  memberProject = projectOf('member');
  strangerProject = projectOf('stranger');
});
afterAll(() => mock.close());

function projectOf(principal: string): string {
  const id = mock.config.principals[principal]?.projectId;
  if (!id) throw new Error(`principal ${principal} has no project`);
  return id;
}

const ids = (reply: { body: { images: { id: string }[] } }): string[] => reply.body.images.map((i) => i.id);

async function share(imageId: string, member: string): Promise<void> {
  const reply = await call(mock, 'POST', `/v2/images/${imageId}/members`, { as: 'owner', body: { member } });
  if (reply.status !== 200) throw new Error(`share failed: ${reply.status} ${reply.text}`);
}

async function publicImageId(): Promise<string> {
  const reply = await call(mock, 'GET', '/v2/images?visibility=public', { as: 'owner' });
  const id = reply.body.images[0]?.id as string | undefined;
  if (!id) throw new Error('no public image seeded');
  return id;
}

describe('image sharing between projects (Glance member semantics)', () => {
  it('runs the full flow: pending share readable by id but unlisted, accepted listed, rejected unlisted but readable, removed 404', async () => {
    const id = await createImage(mock, { name: 'shared-flow' });
    const added = await call(mock, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member: memberProject } });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ status: 'pending', image_id: id, member_id: memberProject, schema: '/v2/schemas/member' });
    expect(added.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(added.body.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Sharing a private image makes it `shared`, so Glance-style visibility queries find it.
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).body.visibility).toBe('shared');
    expect(ids(await call(mock, 'GET', '/v2/images?visibility=shared', { as: 'owner' }))).toContain(id);

    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'member' })).status).toBe(200);
    expect(ids(await call(mock, 'GET', '/v2/images?limit=1000', { as: 'member' }))).not.toContain(id);
    expect(ids(await call(mock, 'GET', '/v2/images?member_status=pending', { as: 'member' }))).toContain(id);

    const accepted = await call(mock, 'PUT', `/v2/images/${id}/members/${memberProject}`, { as: 'member', body: { status: 'accepted' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', member_id: memberProject, image_id: id });
    expect(ids(await call(mock, 'GET', '/v2/images?limit=1000', { as: 'member' }))).toContain(id);

    const rejected = await call(mock, 'PUT', `/v2/images/${id}/members/${memberProject}`, { as: 'member', body: { status: 'rejected' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect(ids(await call(mock, 'GET', '/v2/images?limit=1000', { as: 'member' }))).not.toContain(id);
    expect(ids(await call(mock, 'GET', '/v2/images?member_status=rejected', { as: 'member' }))).toContain(id);
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'member' })).status).toBe(200);

    expect((await call(mock, 'DELETE', `/v2/images/${id}/members/${memberProject}`, { as: 'owner' })).status).toBe(204);
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'member' })).status).toBe(404);
    expect((await call(mock, 'GET', `/v2/images/${id}/members/${memberProject}`, { as: 'owner' })).status).toBe(404);
    expect((await call(mock, 'DELETE', `/v2/images/${id}/members/${memberProject}`, { as: 'owner' })).status).toBe(404);
  });

  it('lets only the member set its status: the owner gets 403, a stranger 404, another member’s entry is 404', async () => {
    const id = await createImage(mock);
    await share(id, memberProject);
    await share(id, strangerProject);
    const byOwner = await call(mock, 'PUT', `/v2/images/${id}/members/${memberProject}`, { as: 'owner', body: { status: 'accepted' } });
    expect(byOwner.status).toBe(403);
    expect(byOwner.body.error.code).toMatch(/^IMG\./);
    expect((await call(mock, 'GET', `/v2/images/${id}/members/${memberProject}`, { as: 'owner' })).body.status).toBe('pending');
    expect((await call(mock, 'PUT', `/v2/images/${id}/members/${strangerProject}`, { as: 'member', body: { status: 'accepted' } })).status).toBe(404);
    expect((await call(mock, 'PUT', `/v2/images/${id}/members/nobody`, { as: 'owner', body: { status: 'accepted' } })).status).toBe(404);
    const bogus = await call(mock, 'PUT', `/v2/images/${id}/members/${memberProject}`, { as: 'member', body: { status: 'bogus' } });
    expect(bogus.status).toBe(400);
    const pendingAgain = await call(mock, 'PUT', `/v2/images/${id}/members/${memberProject}`, { as: 'member', body: { status: 'pending' } });
    expect(pendingAgain.status).toBe(200);

    const other = await createImage(mock);
    await share(other, memberProject);
    expect((await call(mock, 'PUT', `/v2/images/${other}/members/${memberProject}`, { as: 'stranger', body: { status: 'accepted' } })).status).toBe(404);
  });

  it('lets only the owner add and remove members: a member gets 403, a stranger 404', async () => {
    const id = await createImage(mock);
    await share(id, memberProject);
    const memberAdds = await call(mock, 'POST', `/v2/images/${id}/members`, { as: 'member', body: { member: strangerProject } });
    expect(memberAdds.status).toBe(403);
    const strangerAdds = await call(mock, 'POST', `/v2/images/${id}/members`, { as: 'stranger', body: { member: strangerProject } });
    expect(strangerAdds.status).toBe(404);
    expect(strangerAdds.body.error.code).toBe('IMG.0027');
    expect((await call(mock, 'DELETE', `/v2/images/${id}/members/${memberProject}`, { as: 'member' })).status).toBe(403);
    expect((await call(mock, 'DELETE', `/v2/images/${id}/members/${memberProject}`, { as: 'stranger' })).status).toBe(404);
    expect((await call(mock, 'GET', `/v2/images/${id}/members/${memberProject}`, { as: 'owner' })).status).toBe(200);
    expect((await call(mock, 'POST', `/v2/images/${crypto.randomUUID()}/members`, { as: 'owner', body: { member: memberProject } })).status).toBe(404);
  });

  it('answers 409 for a duplicate member, 400 IMG.0076 for sharing with oneself, 403 IMG.0089 for a public image', async () => {
    const id = await createImage(mock);
    await share(id, memberProject);
    const duplicate = await call(mock, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member: memberProject } });
    expect(duplicate.status).toBe(409);
    const self = await call(mock, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member: mock.config.projectId } });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('IMG.0076');
    const publicId = await publicImageId();
    const sharePublic = await call(mock, 'POST', `/v2/images/${publicId}/members`, { as: 'owner', body: { member: memberProject } });
    expect(sharePublic.status).toBe(403);
    expect(sharePublic.body.error.code).toBe('IMG.0089');
    const missingMember = await call(mock, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member_id: memberProject } });
    expect(missingMember.status).toBe(400);
  });

  it('shows the owner every member and a member only itself; strangers get 404', async () => {
    const id = await createImage(mock);
    await share(id, memberProject);
    await share(id, strangerProject);
    const byOwner = await call(mock, 'GET', `/v2/images/${id}/members`, { as: 'owner' });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.schema).toBe('/v2/schemas/members');
    expect(byOwner.body.members.map((m: { member_id: string }) => m.member_id)).toEqual([memberProject, strangerProject]);
    expect(byOwner.body.page_info).toBeUndefined();
    const byMember = await call(mock, 'GET', `/v2/images/${id}/members`, { as: 'member' });
    expect(byMember.body.members.map((m: { member_id: string }) => m.member_id)).toEqual([memberProject]);
    expect((await call(mock, 'GET', `/v2/images/${id}/members/${memberProject}`, { as: 'member' })).status).toBe(200);
    expect((await call(mock, 'GET', `/v2/images/${id}/members/${strangerProject}`, { as: 'member' })).status).toBe(404);
    expect((await call(mock, 'GET', `/v2/images/${id}/members/${strangerProject}`, { as: 'owner' })).body.member_id).toBe(strangerProject);

    const unshared = await createImage(mock);
    expect((await call(mock, 'GET', `/v2/images/${unshared}/members`, { as: 'stranger' })).status).toBe(404);
    expect((await call(mock, 'GET', `/v2/images/${unshared}/members/${strangerProject}`, { as: 'stranger' })).status).toBe(404);
    expect((await call(mock, 'GET', `/v2/images/${unshared}/members`, { as: 'owner' })).body.members).toEqual([]);
  });

  it('pages the member list with limit and marker, with page_info only when limit is given', async () => {
    const id = await createImage(mock);
    await share(id, memberProject);
    await share(id, strangerProject);
    const first = await call(mock, 'GET', `/v2/images/${id}/members?limit=1`, { as: 'owner' });
    expect(first.body.members).toHaveLength(1);
    expect(first.body.page_info).toEqual({ current_count: 1, next_marker: memberProject });
    const second = await call(mock, 'GET', `/v2/images/${id}/members?limit=1&marker=${memberProject}`, { as: 'owner' });
    expect(second.body.members.map((m: { member_id: string }) => m.member_id)).toEqual([strangerProject]);
    expect(second.body.page_info).toEqual({ current_count: 1 });
    expect((await call(mock, 'GET', `/v2/images/${id}/members?marker=unknown`, { as: 'owner' })).status).toBe(400);
  });
});

describe('batch sharing through asynchronous jobs', () => {
  it('adds members, lets the recipient accept, and removes them, each when its job finishes', async () => {
    const a = await createImage(mock, { name: 'batch-a' });
    const b = await createImage(mock, { name: 'batch-b' });
    const add = await call(mock, 'POST', '/v1/cloudimages/members', { as: 'owner', body: { images: [a, b], projects: [memberProject, strangerProject] } });
    expect(add.status).toBe(200);
    expect(add.body.job_id).toEqual(expect.any(String));
    const added = await waitForJob(mock, add.body.job_id);
    expect(added).toMatchObject({ status: 'SUCCESS', job_type: 'imsAddImageMembersJob' });
    expect(added.entities.results).toHaveLength(4);
    expect(added.entities.results).toContainEqual({ image_id: b, project_id: strangerProject, status: 'success' });
    const members = await call(mock, 'GET', `/v2/images/${a}/members`, { as: 'owner' });
    expect(members.body.members.map((m: { status: string }) => m.status)).toEqual(['pending', 'pending']);
    expect((await call(mock, 'GET', `/v2/images/${b}`, { as: 'owner' })).body.visibility).toBe('shared');

    const accept = await call(mock, 'PUT', '/v1/cloudimages/members', {
      as: 'member',
      body: { images: [a, b], project_id: memberProject, status: 'accepted' },
    });
    expect(accept.status).toBe(200);
    const accepted = await waitForJob(mock, accept.body.job_id, 'member');
    expect(accepted).toMatchObject({ status: 'SUCCESS', job_type: 'imsUpdateImageMembersJob' });
    expect(accepted.entities.results).toEqual([
      { image_id: a, project_id: memberProject, status: 'success' },
      { image_id: b, project_id: memberProject, status: 'success' },
    ]);
    const listed = ids(await call(mock, 'GET', '/v2/images?limit=1000', { as: 'member' }));
    expect(listed).toEqual(expect.arrayContaining([a, b]));
    expect((await call(mock, 'GET', `/v2/images/${a}/members/${strangerProject}`, { as: 'owner' })).body.status).toBe('pending');

    const remove = await call(mock, 'DELETE', '/v1/cloudimages/members', { as: 'owner', body: { images: [a], projects: [memberProject] } });
    expect(remove.status).toBe(200);
    const removed = await waitForJob(mock, remove.body.job_id);
    expect(removed).toMatchObject({ status: 'SUCCESS', job_type: 'imsDelImageMembersJob' });
    expect(removed.entities.results).toEqual([{ image_id: a, project_id: memberProject, status: 'success' }]);
    expect((await call(mock, 'GET', `/v2/images/${a}`, { as: 'member' })).status).toBe(404);
    expect((await call(mock, 'GET', `/v2/images/${b}`, { as: 'member' })).status).toBe(200);

    const again = await waitForJob(
      mock,
      (await call(mock, 'DELETE', '/v1/cloudimages/members', { as: 'owner', body: { images: [a], projects: [memberProject] } })).body.job_id,
    );
    expect(again.entities.results).toEqual([{ image_id: a, project_id: memberProject, status: 'failed' }]);
  });

  it('changes nothing before the job finishes', async () => {
    const id = await createImage(mock);
    const add = await call(mock, 'POST', '/v1/cloudimages/members', { as: 'owner', body: { images: [id], projects: [memberProject] } });
    expect((await call(mock, 'GET', `/v2/images/${id}/members`, { as: 'owner' })).body.members).toEqual([]);
    await waitForJob(mock, add.body.job_id);
    expect((await call(mock, 'GET', `/v2/images/${id}/members`, { as: 'owner' })).body.members).toHaveLength(1);
  });

  it('refuses synchronously: a stranger’s or unknown image 404, a public image 403, a shared-with-me image 403, oneself 400', async () => {
    const mine = await createImage(mock);
    const theirs = await createImage(mock, {}, 'stranger');
    const stranger = await call(mock, 'POST', '/v1/cloudimages/members', { as: 'owner', body: { images: [mine, theirs], projects: [memberProject] } });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('IMG.0027');
    const unknown = await call(mock, 'POST', '/v1/cloudimages/members', { as: 'owner', body: { images: [crypto.randomUUID()], projects: [memberProject] } });
    expect(unknown.status).toBe(404);
    const publicId = await publicImageId();
    const pub = await call(mock, 'POST', '/v1/cloudimages/members', { as: 'owner', body: { images: [publicId], projects: [memberProject] } });
    expect(pub.status).toBe(403);
    expect(pub.body.error.code).toBe('IMG.0089');
    await share(mine, memberProject);
    const reshare = await call(mock, 'POST', '/v1/cloudimages/members', { as: 'member', body: { images: [mine], projects: [strangerProject] } });
    expect(reshare.status).toBe(403);
    const self = await call(mock, 'POST', '/v1/cloudimages/members', { as: 'owner', body: { images: [mine], projects: [mock.config.projectId] } });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('IMG.0076');
    const memberRemoves = await call(mock, 'DELETE', '/v1/cloudimages/members', { as: 'member', body: { images: [mine], projects: [memberProject] } });
    expect(memberRemoves.status).toBe(403);
    expect((await call(mock, 'GET', `/v2/images/${mine}/members`, { as: 'owner' })).body.members).toHaveLength(1);
  });

  it('lets only the recipient set status in batch: another project 403, an image not shared with it 404', async () => {
    const id = await createImage(mock);
    await share(id, memberProject);
    const byOwner = await call(mock, 'PUT', '/v1/cloudimages/members', { as: 'owner', body: { images: [id], project_id: memberProject, status: 'accepted' } });
    expect(byOwner.status).toBe(403);
    const notShared = await createImage(mock);
    const foreign = await call(mock, 'PUT', '/v1/cloudimages/members', {
      as: 'member',
      body: { images: [id, notShared], project_id: memberProject, status: 'accepted' },
    });
    expect(foreign.status).toBe(404);
    const strangerTries = await call(mock, 'PUT', '/v1/cloudimages/members', {
      as: 'stranger',
      body: { images: [id], project_id: strangerProject, status: 'accepted' },
    });
    expect(strangerTries.status).toBe(404);
    expect((await call(mock, 'GET', `/v2/images/${id}/members/${memberProject}`, { as: 'owner' })).body.status).toBe('pending');
  });
});

describe('the owner-sets-member-status fault', () => {
  it('lets the owner accept on the member’s behalf', async () => {
    const faulty = await startMock({ faults: ['owner-sets-member-status'], jobDelayMs: 20 });
    try {
      const member = faulty.config.principals.member!.projectId;
      const id = await createImage(faulty);
      await call(faulty, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member } });
      const byOwner = await call(faulty, 'PUT', `/v2/images/${id}/members/${member}`, { as: 'owner', body: { status: 'accepted' } });
      expect(byOwner.status).toBe(200);
      expect(byOwner.body.status).toBe('accepted');
    } finally {
      await faulty.close();
    }
  });
});

describe('every response of this file', () => {
  it('conforms to the spec (status documented, content type, body schema, headers)', () => {
    expect(mock.checked()).toBeGreaterThan(50);
    expect(mock.violations()).toEqual([]);
  });
});
