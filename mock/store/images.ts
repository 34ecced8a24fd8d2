import { randomUUID } from 'node:crypto';

export type ImageStatus = 'queued' | 'saving' | 'active' | 'killed' | 'deleted' | 'pending_delete' | 'deactivated' | 'importing' | 'uploading';
export type MemberStatus = 'pending' | 'accepted' | 'rejected';

export interface MemberRecord {
  memberId: string;
  status: MemberStatus;
  createdAt: string;
  updatedAt: string;
}

/** One image, as the mock keeps it. Views render it as Glance v2, v1 or HEAD headers. */
export interface ImageRecord {
  id: string;
  name: string;
  status: ImageStatus;
  visibility: 'public' | 'private' | 'shared' | 'community';
  protected: boolean;
  /** Owning project id. */
  owner: string;
  enterpriseProjectId: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  minDisk: number;
  minRam: number;
  diskFormat: string | null;
  containerFormat: string | null;
  size: number | null;
  checksum: string | null;
  /** The uploaded bytes, for downloads; undefined before an upload and for data above the mock's keeping bound. */
  data?: Buffer;
  /** IMS `virtual_env_type`. */
  virtualEnvType: 'FusionCompute' | 'Ironic' | 'DataImage' | 'IsoImage';
  /** IMS extension and custom attributes; always strings. */
  extra: Record<string, string>;
  members: Map<string, MemberRecord>;
  /** Soft-deleted images stay for the deprecated v1.1 view and are invisible everywhere else. */
  deleted: boolean;
  deletedAt: string | null;
  /** Tells the images this run created apart from fixtures. */
  createdBy: string | null;
  /** Created without a name: the alternative variant renders `name: null` until one is set. */
  unnamed?: boolean;
  /** Epoch ms from which the API shows the image (delayed appearance); 0: at once. */
  appearsAt: number;
}

/** IMS/Glance timestamps: second precision, UTC, `Z`. */
export const isoSeconds = (date: Date = new Date()): string => `${date.toISOString().slice(0, 19)}Z`;

export interface NewImage {
  name: string;
  owner: string;
  enterpriseProjectId?: string;
  visibility?: ImageRecord['visibility'];
  status?: ImageStatus;
  protected?: boolean;
  tags?: string[];
  minDisk?: number;
  minRam?: number;
  diskFormat?: string | null;
  containerFormat?: string | null;
  size?: number | null;
  checksum?: string | null;
  virtualEnvType?: ImageRecord['virtualEnvType'];
  extra?: Record<string, string>;
  createdBy?: string | null;
  appearsAt?: number;
}

/**
 * All images of one mock instance. Handlers run to completion on one thread between awaits, and every
 * mutation here is synchronous, so concurrent requests can neither lose nor duplicate an image.
 */
export class ImageStore {
  private readonly images = new Map<string, ImageRecord>();
  /** Creation order, which is also the tiebreak for sorting. */
  private sequence = 0;
  private readonly order = new Map<string, number>();

  create(fields: NewImage): ImageRecord {
    const now = isoSeconds();
    const image: ImageRecord = {
      id: randomUUID(),
      name: fields.name,
      status: fields.status ?? 'queued',
      visibility: fields.visibility ?? 'private',
      protected: fields.protected ?? false,
      owner: fields.owner,
      enterpriseProjectId: fields.enterpriseProjectId ?? '0',
      tags: fields.tags ?? [],
      createdAt: now,
      updatedAt: now,
      minDisk: fields.minDisk ?? 0,
      minRam: fields.minRam ?? 0,
      diskFormat: fields.diskFormat ?? null,
      containerFormat: fields.containerFormat ?? null,
      size: fields.size ?? null,
      checksum: fields.checksum ?? null,
      virtualEnvType: fields.virtualEnvType ?? 'FusionCompute',
      extra: fields.extra ?? {},
      members: new Map(),
      deleted: false,
      deletedAt: null,
      createdBy: fields.createdBy ?? null,
      appearsAt: fields.appearsAt ?? 0,
    };
    this.images.set(image.id, image);
    this.order.set(image.id, this.sequence++);
    return image;
  }

  /** A live (not deleted) image. */
  get(id: string): ImageRecord | undefined {
    const image = this.images.get(id);
    return image && !image.deleted ? image : undefined;
  }

  /** Including soft-deleted ones, for the deprecated v1.1 detail view. */
  getAny(id: string): ImageRecord | undefined {
    return this.images.get(id);
  }

  /** Live images in creation order. */
  list(): ImageRecord[] {
    return [...this.images.values()].filter((i) => !i.deleted);
  }

  listIncludingDeleted(): ImageRecord[] {
    return [...this.images.values()];
  }

  creationIndex(id: string): number {
    return this.order.get(id) ?? -1;
  }

  touch(image: ImageRecord): void {
    image.updatedAt = isoSeconds();
  }

  delete(image: ImageRecord): void {
    image.deleted = true;
    image.status = 'deleted';
    image.deletedAt = isoSeconds();
    image.updatedAt = image.deletedAt;
  }

  count(): number {
    return this.list().length;
  }
}
