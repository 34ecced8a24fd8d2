import type { RequestContext } from '../context.js';
import type { ImageRecord } from './images.js';

/** How the caller relates to an image it can see. */
export type Relation = 'owner' | 'member' | 'public';

/**
 * Whether the caller can see the image at all, and as what. Another project's private image is invisible
 * (404, not listed); enterprise-project-scoped callers see only their enterprise projects' images.
 */
export function relationTo(image: ImageRecord, ctx: RequestContext): Relation | undefined {
  const { caller, access, state } = ctx;
  // Delayed appearance: an image made in the background is nobody's to see (or delete) yet.
  if (image.appearsAt > Date.now()) return undefined;
  if (caller && image.owner === caller.projectId) {
    const inScope = access.kind !== 'enterpriseProjects' || access.ids.includes(image.enterpriseProjectId) || state.faults.has('ep-isolation-leak');
    if (inScope) return 'owner';
  }
  if (image.visibility === 'public' || image.visibility === 'community') return 'public';
  if (caller && image.members.has(caller.projectId)) return 'member';
  if (state.faults.has('tenant-isolation-leak')) return 'public';
  return undefined;
}

/** A live image the caller can see, or undefined (which handlers answer with 404). */
export function visibleImage(ctx: RequestContext, id: string | undefined): { image: ImageRecord; relation: Relation } | undefined {
  if (!id) return undefined;
  const image = ctx.state.images.get(id);
  if (!image) {
    if (ctx.state.faults.has('use-after-delete')) {
      const gone = ctx.state.images.getAny(id);
      if (gone && ctx.caller && gone.owner === ctx.caller.projectId) return { image: gone, relation: 'owner' };
    }
    return undefined;
  }
  const relation = relationTo(image, ctx);
  return relation ? { image, relation } : undefined;
}

/**
 * The images a default list shows the caller: its own, public ones, and ones shared with it that it accepted
 * (`memberStatus` picks pending/rejected/accepted shares instead, as Glance's `member_status` does).
 */
export function listedImages(ctx: RequestContext, memberStatus?: string): ImageRecord[] {
  return ctx.state.images.list().filter((image) => {
    const relation = relationTo(image, ctx);
    if (!relation) return false;
    if (relation !== 'member') return true;
    const member = ctx.caller ? image.members.get(ctx.caller.projectId) : undefined;
    return member?.status === (memberStatus ?? 'accepted');
  });
}
