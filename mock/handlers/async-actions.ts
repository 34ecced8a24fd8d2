import type { Handler } from '../context.js';
import { createCloudImage } from './cloud-image-action.js';
import { exportImage } from './image-export.js';
import { createDataImage, quickImportCloudImage, registerImage } from './obs-imports.js';
import { createWholeImage } from './whole-images.js';

/**
 * The asynchronous IMS actions. Each one checks synchronously what the schema cannot (fixtures: servers,
 * volumes, backups, vaults, OBS objects and buckets; image state) and answers 200 `{"job_id"}`; the job it
 * submits (creation-jobs.ts) does the work when it finishes.
 */
export const asyncActionHandlers: Record<string, Handler> = {
  createCloudImage,
  quickImportCloudImage,
  createDataImage,
  createWholeImage,
  registerImage,
  exportImage,
};
