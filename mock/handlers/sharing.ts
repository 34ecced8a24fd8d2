import type { Handler, RequestContext } from '../context.js';
import { empty, errorFor, isResponse, json, type MockResponse } from '../http/responses.js';
import { isoSeconds, type ImageRecord, type MemberRecord, type MemberStatus } from '../store/images.js';
import type { JobEntities } from '../store/jobs.js';
import { relationTo } from '../store/visibility.js';
import { renderMember } from '../views/member-view.js';
import { callerProject } from './caller-scope.js';
import { imageNotFoundStatus, requireImage } from './image-access.js';

/*
 * Image sharing with Glance member semantics: the owner adds and removes members, each member (the recipient
 * project) alone sets its own status, a member sees only its own entry, strangers learn nothing (404).
 * Error codes are IMS's where it has one: IMG.0076 share with self, IMG.0089 public not shareable, IMG.0112
 * "failed to add the tenant" for a duplicate member, IMG.0121 "the object cannot be found" for an unknown member.
 */

const MEMBER_NOT_FOUND = 'IMG.0121';

function memberNotFound(ctx: RequestContext, image: ImageRecord, memberId: string): MockResponse {
  return errorFor(ctx.op.endpoint, 404, MEMBER_NOT_FOUND, `${memberId} not found in the member list of the image ${image.id}.`);
}

/** Public and community images have no members: IMS answers IMG.0089 (upstream Glance refuses them too). */
const isPublic = (image: ImageRecord): boolean => image.visibility === 'public' || image.visibility === 'community';

/**
 * Adds a pending member and turns a private image `shared`. IMS callers never set visibility first (upstream
 * Glance would want that, 403 otherwise); switching it here keeps Glance-style `visibility=shared` queries right.
 */
function addMember(ctx: RequestContext, image: ImageRecord, memberId: string): MemberRecord {
  const now = isoSeconds();
  const member: MemberRecord = { memberId, status: 'pending', createdAt: now, updatedAt: now };
  image.members.set(memberId, member);
  if (image.visibility === 'private') {
    image.visibility = 'shared';
    ctx.state.images.touch(image);
  }
  return member;
}

function setStatus(member: MemberRecord, status: MemberStatus): void {
  member.status = status;
  member.updatedAt = isoSeconds();
}

/** POST /v2/images/{id}/members: owner only (member 403, stranger 404); public 403; self 400; duplicate 409. */
const addImageMember: Handler = (ctx) => {
  const found = requireImage(ctx, 'see');
  if (isResponse(found)) return found;
  const { image, relation } = found;
  // Judgement: a public image answers IMG.0089 (403) to everyone who can see it, owner or not: the image is no
  // secret, and "public images cannot be shared" is the truer reason than "you do not own it".
  if (isPublic(image)) return errorFor(ctx.op.endpoint, 403, 'IMG.0089', 'The public image cannot be shared.');
  if (relation !== 'owner') return errorFor(ctx.op.endpoint, 403, 'IMG.0047', `Not allowed to create members for image ${image.id}.`);
  if (image.visibility === 'private' && ctx.state.readings.alternative('member-add-visibility'))
    return errorFor(ctx.op.endpoint, 403, 'IMG.0026', `Only shared images have members: set visibility to shared on image ${image.id} first.`);
  const memberId = String((ctx.body as { member?: unknown } | undefined)?.member ?? '');
  if (memberId === callerProject(ctx)) return errorFor(ctx.op.endpoint, 400, 'IMG.0076', 'You cannot share an image with yourself.');
  if (image.members.has(memberId)) return errorFor(ctx.op.endpoint, 409, 'IMG.0112', `Member ${memberId} is duplicated for image ${image.id}.`);
  return json(200, renderMember(image, addMember(ctx, image, memberId)));
};

/** GET /v2/images/{id}/members: the owner sees all members, a member itself, a stranger 404. Huawei's limit/marker paging. */
const listImageMembers: Handler = (ctx) => {
  const found = requireImage(ctx, 'see');
  if (isResponse(found)) return found;
  const { image, relation } = found;
  const project = callerProject(ctx);
  const all = [...image.members.values()];
  // A public image seen by another project has no members to show it (Glance lists only the caller's own entry).
  const visible = relation === 'owner' || ctx.state.faults.has('member-sees-all-members') ? all : all.filter((m) => m.memberId === project);
  const limit = typeof ctx.query.limit === 'number' ? ctx.query.limit : undefined;
  const marker = typeof ctx.query.marker === 'string' ? ctx.query.marker : undefined;
  let start = 0;
  if (marker !== undefined) {
    const at = visible.findIndex((m) => m.memberId === marker);
    if (at < 0) return errorFor(ctx.op.endpoint, 400, 'IMG.0001', `marker ${marker} could not be found.`);
    start = at + 1;
  }
  const page = limit === undefined ? visible.slice(start) : visible.slice(start, start + limit);
  const body: Record<string, unknown> = { members: page.map((m) => renderMember(image, m)), schema: '/v2/schemas/members' };
  if (limit !== undefined) {
    const last = page.at(-1);
    const pageInfo: Record<string, unknown> = { current_count: page.length };
    if (last && start + limit < visible.length) pageInfo.next_marker = last.memberId;
    body.page_info = pageInfo;
  }
  return json(200, body);
};

/** GET /v2/images/{id}/members/{member}: the owner sees any member, a member only itself (others 404). */
const showImageMember: Handler = (ctx) => {
  const found = requireImage(ctx, 'see');
  if (isResponse(found)) return found;
  const { image, relation } = found;
  const memberId = ctx.params.member_id ?? '';
  const member = image.members.get(memberId);
  const othersVisible = ctx.state.faults.has('member-reads-other-members');
  if (!member || (relation !== 'owner' && memberId !== callerProject(ctx) && !othersVisible)) return memberNotFound(ctx, image, memberId);
  return json(200, renderMember(image, member));
};

/**
 * PUT /v2/images/{id}/members/{member}: only the member sets its status (the owner 403, unless the
 * `owner-sets-member-status` fault is on). A member cannot see other members' entries, so those are 404.
 */
const updateImageMember: Handler = (ctx) => {
  const found = requireImage(ctx, 'see');
  if (isResponse(found)) return found;
  const { image, relation } = found;
  const project = callerProject(ctx);
  const memberId = ctx.params.member_id ?? '';
  const member = image.members.get(memberId);
  if (!member || (relation !== 'owner' && memberId !== project)) return memberNotFound(ctx, image, memberId);
  if (memberId !== project && !ctx.state.faults.has('owner-sets-member-status'))
    return errorFor(ctx.op.endpoint, 403, 'IMG.0026', `Not allowed to update members for image ${image.id}.`);
  const status = (ctx.body as { status?: unknown } | undefined)?.status;
  // Upstream Glance also takes `pending`; the alternative variant keeps to the IMS documents' accepted/rejected.
  const pendingAllowed = !ctx.state.readings.alternative('member-status-pending');
  if ((status !== 'pending' || !pendingAllowed) && status !== 'accepted' && status !== 'rejected')
    return errorFor(
      ctx.op.endpoint,
      400,
      'IMG.0001',
      pendingAllowed ? 'Status must be "pending", "accepted" or "rejected".' : 'Status must be "accepted" or "rejected".',
    );
  if (member.status === 'rejected' && status === 'accepted' && ctx.state.faults.has('rejected-share-final'))
    return errorFor(ctx.op.endpoint, 403, 'IMG.0026', `The share of image ${image.id} was rejected and cannot be accepted again.`);
  // vault_id (accepting a full-ECS image made from a CBR backup) has nothing to act on in the mock.
  if (ctx.state.faults.has('member-status-not-saved')) return json(200, renderMember(image, { ...member, status }));
  setStatus(member, status);
  return json(200, renderMember(image, member));
};

/** DELETE /v2/images/{id}/members/{member}: owner only (a member, even removing itself, 403); unknown member 404. */
const deleteImageMember: Handler = (ctx) => {
  const found = requireImage(ctx, 'see');
  if (isResponse(found)) return found;
  const { image, relation } = found;
  if (relation !== 'owner') return errorFor(ctx.op.endpoint, 403, 'IMG.0026', `Not allowed to delete members for image ${image.id}.`);
  const memberId = ctx.params.member_id ?? '';
  if (!image.members.delete(memberId)) return memberNotFound(ctx, image, memberId);
  return empty(204);
};

type BatchBody = { images?: unknown; projects?: unknown; project_id?: unknown; status?: unknown };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The caller's relation to a live image, for the batch calls that name images in the body. */
function batchImage(ctx: RequestContext, id: string): { image: ImageRecord; relation: ReturnType<typeof relationTo> } | undefined {
  const image = ctx.state.images.get(id);
  if (!image) return undefined;
  const relation = relationTo(image, ctx);
  return relation ? { image, relation } : undefined;
}

/**
 * The images a batch add/delete names, all of which the caller must own. Judgement: an image the caller cannot
 * see (a stranger's private image, an unknown id) answers 404 IMG.0027, as everywhere, so strangers learn nothing;
 * a public image answers 403 IMG.0089 (it is visible to all, and the single add says the same); an image merely
 * shared with the caller answers 403 IMG.0047 (owner only). The first offending image decides; nothing changes.
 */
function ownedImages(ctx: RequestContext, ids: string[], forAdd: boolean): ImageRecord[] | MockResponse {
  const images: ImageRecord[] = [];
  for (const id of ids) {
    const found = batchImage(ctx, id);
    if (!found) return errorFor(ctx.op.endpoint, imageNotFoundStatus(ctx), 'IMG.0027', `No image found with ID ${id}.`);
    if (forAdd && isPublic(found.image)) return errorFor(ctx.op.endpoint, 403, 'IMG.0089', `The public image ${id} cannot be shared.`);
    if (found.relation !== 'owner') return errorFor(ctx.op.endpoint, 403, 'IMG.0047', `You do not own image ${id}.`);
    images.push(found.image);
  }
  return images;
}

type Result = NonNullable<JobEntities['results']>[number];

/**
 * Runs the job's work on the images it names, or, under the `batch-members-not-applied` fault, runs it (so its rows
 * still say `success`) and then puts every member back as it was.
 */
function workOn(ctx: RequestContext, images: readonly ImageRecord[], work: () => Result[]): Result[] {
  if (!ctx.state.faults.has('batch-members-not-applied')) return work();
  const before = images.map((image) => [image, new Map([...image.members].map(([id, m]) => [id, { ...m }]))] as const);
  const rows = work();
  for (const [image, members] of before) image.members = members;
  return rows;
}

/** Runs a member job; the alternative variant reports its rows without `project_id`, as the OTC example does. */
function submitMemberJob(ctx: RequestContext, type: string, images: readonly ImageRecord[], work: () => Result[]): MockResponse {
  const bare = ctx.state.readings.alternative('member-job-project-id');
  const rows = (): Result[] => (bare ? workOn(ctx, images, work).map(({ project_id: _project, ...row }) => row) : workOn(ctx, images, work));
  const job = ctx.state.jobs.submit({ type, projectId: callerProject(ctx), complete: () => ({ entities: { results: rows() } }) });
  return json(200, { job_id: job.id });
}

/**
 * The image as the job sees it when it runs: still live and still the submitter's. Between the answer and the
 * job's end an image can be deleted; its rows then fail instead of touching a dead image.
 */
function stillOwned(ctx: RequestContext, image: ImageRecord, project: string): boolean {
  return ctx.state.images.get(image.id) === image && image.owner === project;
}

/**
 * POST /v1/cloudimages/members: share every image with every project (pending), one result row per pair. A
 * project that is already a member keeps its status and reports success (the share asked for exists).
 * Huawei's `domains`/`organizations` recipients are accepted and not modelled.
 */
const batchAddMembers: Handler = (ctx) => {
  const body = (ctx.body ?? {}) as BatchBody;
  const project = callerProject(ctx);
  const projects = strings(body.projects);
  if (projects.includes(project)) return errorFor(ctx.op.endpoint, 400, 'IMG.0076', 'You cannot share an image with yourself.');
  const images = ownedImages(ctx, strings(body.images), true);
  if (isResponse(images)) return images;
  return submitMemberJob(ctx, 'imsAddImageMembersJob', images, () =>
    images.flatMap((image) =>
      projects.map((projectId) => {
        if (!stillOwned(ctx, image, project)) return { image_id: image.id, project_id: projectId, status: 'failed' };
        if (!image.members.has(projectId)) addMember(ctx, image, projectId);
        return { image_id: image.id, project_id: projectId, status: 'success' };
      }),
    ),
  );
};

/**
 * PUT /v1/cloudimages/members: the recipient (`project_id` = the caller's project) accepts or rejects images
 * shared with it; anyone else 403 (the owner too, unless the `owner-sets-member-status` fault is on and it owns
 * every image). An image not shared with `project_id`, or not visible, answers 404 IMG.0027.
 */
const batchUpdateMembers: Handler = (ctx) => {
  const body = (ctx.body ?? {}) as BatchBody;
  const project = callerProject(ctx);
  const target = typeof body.project_id === 'string' ? body.project_id : '';
  const status = body.status === 'accepted' || body.status === 'rejected' ? body.status : undefined;
  if (!status) return errorFor(ctx.op.endpoint, 400, 'IMG.0001', 'status must be accepted or rejected.');
  const ownerOverride = target !== project && ctx.state.faults.has('owner-sets-member-status');
  if (target !== project && !ownerOverride)
    return errorFor(ctx.op.endpoint, 403, 'IMG.0026', 'Only the project an image is shared with sets its member status.');
  const images: ImageRecord[] = [];
  for (const id of strings(body.images)) {
    const found = batchImage(ctx, id);
    const allowed = found && found.image.members.has(target) && (ownerOverride ? found.relation === 'owner' : true);
    if (!found || !allowed) return errorFor(ctx.op.endpoint, imageNotFoundStatus(ctx), 'IMG.0027', `No image ${id} shared with project ${target}.`);
    images.push(found.image);
  }
  return submitMemberJob(ctx, 'imsUpdateImageMembersJob', images, () =>
    images.map((image) => {
      const member = ctx.state.images.get(image.id) === image ? image.members.get(target) : undefined;
      if (!member) return { image_id: image.id, project_id: target, status: 'failed' };
      setStatus(member, status);
      return { image_id: image.id, project_id: target, status: 'success' };
    }),
  );
};

/**
 * DELETE /v1/cloudimages/members: the owner stops sharing images with projects, one result row per pair; a pair
 * that is not (or no longer) a membership reports `failed`, as the single delete answers 404 for it.
 */
const batchDeleteMembers: Handler = (ctx) => {
  const body = (ctx.body ?? {}) as BatchBody;
  const project = callerProject(ctx);
  const projects = strings(body.projects);
  const images = ownedImages(ctx, strings(body.images), false);
  if (isResponse(images)) return images;
  return submitMemberJob(ctx, 'imsDelImageMembersJob', images, () =>
    images.flatMap((image) =>
      projects.map((projectId) => {
        const removed = stillOwned(ctx, image, project) && image.members.delete(projectId);
        return { image_id: image.id, project_id: projectId, status: removed ? 'success' : 'failed' };
      }),
    ),
  );
};

export const sharingHandlers: Record<string, Handler> = {
  addImageMember,
  listImageMembers,
  showImageMember,
  updateImageMember,
  deleteImageMember,
  batchAddMembers,
  batchUpdateMembers,
  batchDeleteMembers,
};
