/**
 * The lifecycle model: what the suite believes about the images one generated sequence made, and nothing more.
 * It is deliberately smaller than the system: no formats, sizes, visibility or timestamps — only what the
 * lifecycle rules predict from (status, deleted, name, who is a member and how).
 */

export type ImageStatus = 'queued' | 'active';
export type MemberStatus = 'pending' | 'accepted' | 'rejected';
/** A membership as the model tracks it: a live status, or `removed` once the owner took the share back. */
export type Membership = MemberStatus | 'removed';

export interface ModelImage {
  id: string;
  name: string;
  status: ImageStatus;
  deleted: boolean;
  /** The bytes uploaded into it: what its size and digests must show, also after a refused second upload. */
  data?: Buffer;
  /** Project → membership; a project never shared with is absent. */
  members: Map<string, Membership>;
}

export interface LifecycleModel {
  /** The member principal's project, which the sharing commands share with; undefined without one. */
  member: string | undefined;
  images: ModelImage[];
}

/** Live images one sequence may hold at once: enough for interleavings, few enough to stay cheap on a cloud. */
export const MAX_LIVE_IMAGES = 2;

/** What one principal should observe of an image: a 200 by id, and presence in its default image lists. */
export interface View {
  readable: boolean;
  listed: boolean;
}

export const emptyModel = (member?: string): LifecycleModel => ({ member, images: [] });

export function imageCreated(model: LifecycleModel, id: string, name: string): ModelImage {
  const image: ModelImage = { id, name, status: 'queued', deleted: false, members: new Map() };
  model.images.push(image);
  return image;
}

export function imageUploaded(image: ModelImage, data?: Buffer): void {
  image.status = 'active';
  image.data = data;
}

export function imageRenamed(image: ModelImage, name: string): void {
  image.name = name;
}

/** The owner shares: the project starts `pending`, also after an earlier removal. */
export function memberAdded(image: ModelImage, project: string): void {
  image.members.set(project, 'pending');
}

export function memberStatusSet(image: ModelImage, project: string, status: MemberStatus): void {
  image.members.set(project, status);
}

export function memberRemoved(image: ModelImage, project: string): void {
  image.members.set(project, 'removed');
}

export function imageDeleted(image: ModelImage): void {
  image.deleted = true;
}

// Candidate sets the commands pick from; a command applies only when its set is not empty (its `check`).

export const liveImages = (model: Readonly<LifecycleModel>): ModelImage[] => model.images.filter((i) => !i.deleted);

export const deletedImages = (model: Readonly<LifecycleModel>): ModelImage[] => model.images.filter((i) => i.deleted);

export const activeImages = (model: Readonly<LifecycleModel>): ModelImage[] => liveImages(model).filter((i) => i.status === 'active');

export const queuedImages = (model: Readonly<LifecycleModel>): ModelImage[] => liveImages(model).filter((i) => i.status === 'queued');

/** Live images the member is a member of (any status): it sees them, and may set its status. */
export const sharedImages = (model: Readonly<LifecycleModel>): ModelImage[] => liveImages(model).filter((i) => isMember(i, model.member));

/** Live images the owner can share with the member: never shared with it, or taken back since. */
export const shareableImages = (model: Readonly<LifecycleModel>): ModelImage[] =>
  model.member === undefined ? [] : liveImages(model).filter((i) => !isMember(i, model.member));

/** Images the member has had a membership of at some time, deleted or not: what the member's view can test. */
export const everSharedImages = (model: Readonly<LifecycleModel>): ModelImage[] =>
  model.member === undefined ? [] : model.images.filter((i) => i.members.has(model.member as string));

export function isMember(image: ModelImage, project: string | undefined): boolean {
  const membership = project === undefined ? undefined : image.members.get(project);
  return membership !== undefined && membership !== 'removed';
}

/** The owner reads and lists every live image of its own, whatever its members do. */
export const ownerView = (image: ModelImage): View => ({ readable: !image.deleted, listed: !image.deleted });

/**
 * Glance member semantics: any live membership makes the image readable by id; only `accepted` puts it in
 * the member's default list; a removed member, like a stranger, sees nothing.
 */
export function memberView(image: ModelImage, project: string): View {
  if (image.deleted || !isMember(image, project)) return { readable: false, listed: false };
  return { readable: true, listed: image.members.get(project) === 'accepted' };
}
