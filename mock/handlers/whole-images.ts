import type { Handler } from '../context.js';
import { isResponse } from '../http/responses.js';
import { bodyOf, str } from './action-body.js';
import { ownership, submitCreation } from './creation-jobs.js';
import { findServer, imsFail } from './fixture-checks.js';
import { systemPlan } from './image-plans.js';
import { osFacts } from './new-image-attributes.js';

/**
 * POST /v1/cloudimages/wholeimages/action: a full-ECS image from an ECS (running or stopped, as the IMS user
 * guide allows; with CBR a `vault_id` that exists) or from a CSBS/CBR backup of the caller's project.
 */
export const createWholeImage: Handler = (ctx) => {
  const body = bodyOf(ctx);
  const owner = ownership(ctx, body);
  if (isResponse(owner)) return owner;
  const { project } = owner;
  const name = str(body.name);
  if (!name) return imsFail(ctx, 'IMG.0013', 'The image name is not specified.');
  const { fixtures } = ctx.state;
  const whole = { __whole_image: 'true' };

  if (body.instance_id !== undefined) {
    const server = findServer(ctx, project, body.instance_id);
    if (isResponse(server)) return server;
    if (server.status !== 'SHUTOFF' && server.status !== 'ACTIVE')
      return imsFail(ctx, 'IMG.0126', `The ECS ${server.id} in its current state (${server.status}) cannot be used to create a full-ECS image.`);
    const vaultId = str(body.vault_id);
    if (body.whole_image_type === 'CBR' && vaultId === undefined) return imsFail(ctx, 'IMG.0001', 'vault_id is required to create a full-ECS image with CBR.');
    if (vaultId !== undefined && !fixtures.vaults.has(vaultId)) return imsFail(ctx, 'IMG.0184', `Failed to obtain the vault ${vaultId}.`);
    const system = systemPlan(body, name, server.id, osFacts(undefined), {
      virtualEnvType: 'FusionCompute',
      extra: { ...whole, __data_origin: `instance,${server.id}` },
    });
    return submitCreation(ctx, 'imsCreateWholeImageByInstanceJob', owner, system, []);
  }

  const backupId = str(body.backup_id);
  const backup = backupId === undefined ? undefined : fixtures.backups.get(backupId);
  if (!backup || backup.projectId !== project) return imsFail(ctx, 'IMG.0020', `The backup ${String(backupId)} does not exist.`);
  // Judgement: an absent whole_image_type takes the backup's own kind; a stated one must match it.
  if (body.whole_image_type !== undefined && body.whole_image_type !== backup.kind)
    return imsFail(ctx, 'IMG.0198', `Backup ${backup.id} does not match the backup type ${String(body.whole_image_type)}.`);
  const system = systemPlan(body, name, backup.id, osFacts(undefined), { virtualEnvType: 'FusionCompute', extra: { ...whole, __backup_id: backup.id } });
  return submitCreation(ctx, 'imsCreateWholeImageByBackupJob', owner, system, []);
};
