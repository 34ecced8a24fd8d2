import type { NewImage } from '../store/images.js';
import { type Body, int } from './action-body.js';
import { commonExtra, pseudoSize, systemEnvType, tagsFrom } from './new-image-attributes.js';

/** What the asynchronous actions plan to create: one plan per image, made into an image when the job finishes. */

/** One image a job will create, and the sub-job type it is reported under when the job makes several. */
export type ImagePlan = Omit<NewImage, 'owner' | 'enterpriseProjectId' | 'createdBy' | 'status'> & { name: string; subJobType: string };

/** A data image's extension attributes: its OS type (Linux unless told), description and where it came from. */
export function dataExtra(osType: unknown, description: unknown, origin: string): Record<string, string> {
  return {
    __os_type: osType === 'Windows' ? 'Windows' : 'Linux',
    ...(typeof description === 'string' ? { __description: description } : {}),
    __data_origin: origin,
  };
}

/** Fields every system image made by these actions shares. */
export function systemPlan(body: Body, name: string, source: string, os: Record<string, string>, more: Partial<ImagePlan> = {}): ImagePlan {
  return {
    name,
    tags: tagsFrom(body),
    minRam: int(body.min_ram) ?? 0,
    minDisk: 40,
    size: pseudoSize(source),
    virtualEnvType: systemEnvType(body.type),
    subJobType: 'imsCreateImageJob',
    ...more,
    extra: { ...os, ...commonExtra(body), ...more.extra },
  };
}

/** A data image imported from the OBS file `url`, described by the request body. */
export function obsDataImagePlan(body: Body, name: string, url: string): ImagePlan {
  return {
    name,
    tags: tagsFrom(body),
    minDisk: int(body.min_disk) ?? 40,
    size: pseudoSize(url),
    virtualEnvType: 'DataImage',
    extra: { ...commonExtra(body), ...dataExtra(body.os_type, body.description, `file,${url}`) },
    subJobType: 'imsImportDataImageJob',
  };
}
