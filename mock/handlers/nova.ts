import type { Handler, MockState, RequestContext } from '../context.js';
import { empty, errorFor, isResponse, json, type MockResponse } from '../http/responses.js';
import { CORE_ATTRIBUTES, IMS_MANAGED_ATTRIBUTES } from './attribute-classes.js';
import { callerProject, enterpriseProjectForNewImage } from './caller-scope.js';
import { osFacts, pseudoSize } from './new-image-attributes.js';

/** From this compute microversion on, createImage answers `{"image_id"}` and no `Location` (Nova api-ref). */
const IMAGE_ID_BODY_SINCE = { major: 2, minor: 45 };

type Microversion = { major: number; minor: number } | 'latest';

/**
 * The requested compute microversion: `OpenStack-API-Version: compute X.Y` wins over the legacy
 * `X-OpenStack-Nova-API-Version: X.Y` (as microversion-parse reads them); absent means the base version 2.1.
 */
function requestedMicroversion(headers: RequestContext['headers']): Microversion {
  const modern = /^compute\s+(.+)$/i.exec(headers['openstack-api-version']?.trim() ?? '')?.[1];
  const raw = (modern ?? headers['x-openstack-nova-api-version'] ?? '').trim().toLowerCase();
  if (raw === 'latest') return 'latest';
  const m = /^(\d+)\.(\d+)$/.exec(raw);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : { major: 2, minor: 1 };
}

/** Numeric comparison: 2.100 is later than 2.45, and `latest` is later than everything. */
function atLeast(version: Microversion, wanted: { major: number; minor: number }): boolean {
  if (version === 'latest') return true;
  return version.major !== wanted.major ? version.major > wanted.major : version.minor >= wanted.minor;
}

/** Properties a snapshot's metadata may not set: Glance core attributes (Glance refuses them) and IMS-managed ones. */
function reservedKey(key: string): boolean {
  return CORE_ATTRIBUTES.has(key) || IMS_MANAGED_ATTRIBUTES.has(key) || key === 'image_type' || key === 'instance_uuid';
}

/**
 * POST /v2.1/{project_id}/servers/{server_id}/action with `createImage` (Nova, compute endpoint; Nova fault
 * bodies). Creates a `saving` snapshot image of the caller's server, which turns `active` after jobDelayMs
 * (with appearDelayMs: appears only after that delay, and turns active a job delay later).
 */
const createServerImage: Handler = (ctx) => {
  const { state } = ctx;
  const project = callerProject(ctx);
  const endpoint = ctx.op.endpoint;
  // Upstream Nova (nova/api/openstack/wsgi.py) rejects a URL whose project differs from the token's with 400
  // badRequest "Malformed request URL" before looking at the server; the mock does the same.
  if (ctx.params.project_id !== project)
    return errorFor(
      endpoint,
      400,
      'IMG.0001',
      `Malformed request URL: URL's project_id '${ctx.params.project_id ?? ''}' doesn't match Context's project_id '${project}'`,
    );
  const serverId = ctx.params.server_id ?? '';
  const server = state.fixtures.servers.get(serverId);
  // Another project's server does not exist for the caller.
  if (!server || server.projectId !== project) return errorFor(endpoint, 404, 'IMG.0005', `Instance ${serverId} could not be found.`);
  if (server.status === 'ERROR') return errorFor(endpoint, 409, 'IMG.0008', `Cannot 'createImage' instance ${serverId} while it is in vm_state error`);

  const request = snapshotRequest(ctx);
  if (isResponse(request)) return request;
  const { name, metadata } = request;

  const enterpriseProjectId = enterpriseProjectForNewImage(ctx, undefined);
  if (typeof enterpriseProjectId !== 'string') return enterpriseProjectId;
  // Delayed appearance: the image shows up only after appearDelayMs, and is `saving` for a job delay more.
  const { appearDelayMs } = state.options;
  const image = state.images.create({
    name,
    owner: project,
    enterpriseProjectId,
    status: 'saving',
    visibility: 'private',
    diskFormat: 'zvhd2',
    containerFormat: 'bare',
    minDisk: 40,
    virtualEnvType: 'FusionCompute',
    // Nova marks snapshots with image_type and instance_uuid; the caller's metadata becomes image properties.
    extra: { ...osFacts(undefined), image_type: 'snapshot', instance_uuid: server.id, ...metadata },
    createdBy: ctx.caller?.user.id ?? null,
    appearsAt: appearDelayMs > 0 ? Date.now() + appearDelayMs : 0,
  });
  finishSnapshotLater(state, project, server.id, image.id);

  if (atLeast(requestedMicroversion(ctx.headers), IMAGE_ID_BODY_SINCE)) return json(202, { image_id: image.id });
  // The fault nova-image-location-missing: the base microversion's 202 names no image.
  if (state.faults.has('nova-image-location-missing')) return empty(202, {});
  return empty(202, { location: `${state.baseUrl}/v2/images/${image.id}` });
};

/** The snapshot's name and metadata from the `createImage` body: a missing name is a 400, a reserved key a 403. */
function snapshotRequest(ctx: RequestContext): { name: string; metadata: Record<string, string> } | MockResponse {
  const endpoint = ctx.op.endpoint;
  const body = (ctx.body !== null && typeof ctx.body === 'object' ? ctx.body : {}) as { createImage?: { name?: unknown; metadata?: unknown } };
  const request = body.createImage ?? {};
  const name = typeof request.name === 'string' ? request.name.trim() : '';
  if (!name) return errorFor(endpoint, 400, 'IMG.0001', 'Invalid input for field/attribute createImage: name is required.');
  const metadata: Record<string, string> = {};
  const given = request.metadata !== null && typeof request.metadata === 'object' ? (request.metadata as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(given)) {
    if (reservedKey(key)) return errorFor(endpoint, 403, 'IMG.0026', `Attribute '${key}' is reserved.`);
    if (key === 'hw_firmware_type' && value !== 'bios' && value !== 'uefi')
      return errorFor(endpoint, 400, 'IMG.0141', 'The value of hw_firmware_type is not uefi or bios.');
    metadata[key] = String(value);
  }
  return { name, metadata };
}

/** The snapshot finishes like any asynchronous job; its job id is internal (Nova hands out no job id). */
function finishSnapshotLater(state: MockState, project: string, serverId: string, imageId: string): void {
  const { appearDelayMs, jobDelayMs } = state.options;
  state.jobs.submit({
    type: 'novaSnapshot',
    projectId: project,
    ...(appearDelayMs > 0 ? { delayMs: appearDelayMs + jobDelayMs } : {}),
    complete: () => {
      const current = state.images.get(imageId);
      if (!current || current.status !== 'saving') return { errorCode: 'IMG.0027', failReason: `Snapshot image ${imageId} is gone.` };
      current.status = 'active';
      current.size = pseudoSize(`${serverId}/${imageId}`);
      state.images.touch(current);
      return { entities: { image_id: current.id, image_name: current.name } };
    },
  });
}

/**
 * GET /v2.1/{project_id}/servers/{server_id} (the doctor's fixture probe): the caller's server with its state,
 * `SHUTOFF` or `ACTIVE` as the mock's fixtures are; another project's server does not exist for the caller.
 */
const showServer: Handler = (ctx) => {
  const project = callerProject(ctx);
  if (ctx.params.project_id !== project)
    return errorFor(
      ctx.op.endpoint,
      400,
      'IMG.0001',
      `Malformed request URL: URL's project_id '${ctx.params.project_id ?? ''}' doesn't match Context's project_id '${project}'`,
    );
  const server = ctx.state.fixtures.servers.get(ctx.params.server_id ?? '');
  if (!server || server.projectId !== project) return errorFor(ctx.op.endpoint, 404, 'IMG.0005', `Instance ${ctx.params.server_id ?? ''} could not be found.`);
  return json(200, { server: { id: server.id, name: server.name, status: server.status, tenant_id: server.projectId } });
};

export const novaHandlers: Record<string, Handler> = { createServerImage, showServer };
