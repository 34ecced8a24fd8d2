import type { RequestContext } from '../context.js';
import { errorFor, type MockResponse } from '../http/responses.js';
import type { ServerFixture } from '../fixtures.js';

/** The look-ups of the mock's fixtures (servers, volumes, OBS) that the IMS actions validate a request against. */

/** An IMS 400 with its IMG code, in the endpoint's dialect: what a failed fixture check answers. */
export const imsFail = (ctx: RequestContext, code: string, message: string): MockResponse => errorFor(ctx.op.endpoint, 400, code, message);

/** Splits `bucket:object`; the schema guarantees the colon. */
export function splitObs(url: string): { bucket: string; object: string } {
  const at = url.indexOf(':');
  return at < 0 ? { bucket: url, object: '' } : { bucket: url.slice(0, at), object: url.slice(at + 1) };
}

/** An OBS image file to import: the bucket must be accessible (IMG.0069) and the object exist (IMG.0057). */
export function checkObsFile(ctx: RequestContext, url: unknown): MockResponse | undefined {
  const text = typeof url === 'string' ? url : '';
  const { bucket } = splitObs(text);
  if (!ctx.state.fixtures.buckets.has(bucket)) return imsFail(ctx, 'IMG.0069', `The specified bucket ${bucket} cannot be accessed.`);
  if (!ctx.state.fixtures.obsObjects.has(text))
    return imsFail(
      ctx,
      'IMG.0057',
      `The image file ${text} is empty, not found, or in incorrect format, or you do not have enough permission to access the file.`,
    );
  return undefined;
}

/** An ECS of the caller's project (IMG.0005 otherwise; another project's ECS does not exist for the caller). */
export function findServer(ctx: RequestContext, project: string, id: unknown): ServerFixture | MockResponse {
  const server = typeof id === 'string' ? ctx.state.fixtures.servers.get(id) : undefined;
  if (!server || server.projectId !== project) return imsFail(ctx, 'IMG.0005', `The ECS ${String(id)} does not exist.`);
  return server;
}

/** An EVS disk of the caller's project (IMG.0120 otherwise). `kind` narrows to data disks when only they fit. */
export function checkVolume(ctx: RequestContext, project: string, id: unknown, kind?: 'data'): MockResponse | undefined {
  const volume = typeof id === 'string' ? ctx.state.fixtures.volumes.get(id) : undefined;
  if (!volume || volume.projectId !== project || (kind && volume.kind !== kind))
    return imsFail(ctx, 'IMG.0120', `The specified data disk ID ${String(id)} is unavailable.`);
  return undefined;
}
