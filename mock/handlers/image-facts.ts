import { createHash, randomUUID } from 'node:crypto';
import type { RequestContext } from '../context.js';
import { errorFor, type MockResponse } from '../http/responses.js';
import type { ServerFixture } from '../fixtures.js';
import type { ImageRecord } from '../store/images.js';

/**
 * Shared facts about the images the IMS actions and the Nova snapshot create, and the fixture look-ups
 * (servers, volumes, backups, vaults, OBS) those actions validate against.
 */

/** `__os_version`, `__os_type`, `__os_bit` and `__platform` as IMS derives them from an OS version string. */
export function osFacts(osVersion: string | undefined, osType?: string): Record<string, string> {
  const version = osVersion ?? (osType === 'Windows' ? 'Other Windows(64 bit)' : 'Other Linux(64 bit)');
  const platforms = ['Windows', 'Ubuntu', 'CentOS', 'Debian', 'EulerOS', 'openEuler', 'SUSE', 'OpenSUSE', 'Fedora', 'CoreOS', 'Oracle Linux', 'Red Hat'];
  const platform = platforms.find((p) => version.toLowerCase().includes(p.toLowerCase())) ?? 'Other';
  const type = osType === 'Windows' || osType === 'Linux' || osType === 'Other' ? osType : platform === 'Windows' || /windows/i.test(version) ? 'Windows' : 'Linux';
  return { __os_version: version, __os_type: type, __os_bit: /32/.test(version) ? '32' : '64', __platform: platform };
}

/** IMS tags from both request forms: `tags` (`key.value`) and `image_tags` (`{key, value}`), de-duplicated. */
export function tagsFrom(body: Record<string, unknown>): string[] {
  const plain = Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [];
  const keyed = Array.isArray(body.image_tags)
    ? body.image_tags.flatMap((t) => {
        const kv = (t !== null && typeof t === 'object' ? t : {}) as { key?: unknown; value?: unknown };
        return typeof kv.key === 'string' ? [`${kv.key}.${typeof kv.value === 'string' ? kv.value : ''}`] : [];
      })
    : [];
  return [...new Set([...plain, ...keyed])];
}

/** A system image's `min_disk` below the Python SDK's floor of 40 GB, which the alternative variant refuses. */
export function belowDiskFloor(ctx: RequestContext, minDisk: unknown): MockResponse | undefined {
  if (typeof minDisk === 'number' && minDisk < 40 && ctx.state.readings.alternative('min-disk-floor'))
    return errorFor(ctx.op.endpoint, 400, 'IMG.0001', 'min_disk must be from 40 to 1024 GB for a system image.');
  return undefined;
}

/** The `virtual_env_type` of a system image made with the request's `type` (ECS by default). */
export function systemEnvType(type: unknown): ImageRecord['virtualEnvType'] {
  if (type === 'BMS' || type === 'Ironic') return 'Ironic';
  if (type === 'IsoImage') return 'IsoImage';
  return 'FusionCompute';
}

/** A stable, plausible image size (bytes) for a source, so repeated runs show the same numbers. */
export function pseudoSize(source: string): number {
  const n = createHash('sha256').update(source).digest().readUInt32BE(0);
  return 200 * 1024 * 1024 + (n % (1800 * 1024 * 1024));
}

/** Job and sub-job ids look like IMS's: 32 hex characters. */
export const jobLikeId = (): string => randomUUID().replace(/-/g, '');

/** The optional extension attributes most create bodies share: description, RAM limits, firmware, encryption. */
export function commonExtra(body: Record<string, unknown>): Record<string, string> {
  const extra: Record<string, string> = {};
  if (typeof body.description === 'string') extra.__description = body.description;
  if (typeof body.max_ram === 'number') extra.max_ram = String(body.max_ram);
  if (body.architecture === 'arm') {
    extra.__support_arm = 'true';
    extra.hw_firmware_type = 'uefi';
  }
  if (body.hw_firmware_type === 'bios' || body.hw_firmware_type === 'uefi') extra.hw_firmware_type = body.hw_firmware_type;
  if (typeof body.cmk_id === 'string') extra.__system__cmkid = body.cmk_id;
  if (body.is_config === true) extra.__is_config_init = 'true';
  return extra;
}

// --- attribute classes (PATCH /v2/cloudimages and Nova metadata) ------------------------------------------------

/** Glance core attributes: never set as free-form properties. */
export const CORE_ATTRIBUTES = new Set([
  'id', 'name', 'status', 'visibility', 'protected', 'owner', 'tags', 'created_at', 'updated_at', 'self', 'file', 'schema',
  'min_disk', 'min_ram', 'disk_format', 'container_format', 'size', 'virtual_size', 'checksum', 'locations', 'direct_url',
  'os_hash_algo', 'os_hash_value', 'os_hidden', 'properties', 'deleted', 'deleted_at',
]);

/** Attributes IMS itself maintains; callers cannot write them. */
export const IMS_MANAGED_ATTRIBUTES = new Set([
  '__imagetype', '__isregistered', '__image_source_type', '__image_size', '__os_type', '__os_bit', '__os_version', '__platform',
  '__whole_image', '__system__cmkid', '__originalimagename', '__backup_id', '__data_origin', '__image_location', '__root_origin',
  '__sequence_num', '__lazyloading', '__account_code', '__productcode', '__os_feature_list', 'virtual_env_type',
  'enterprise_project_id', '_sys_enterprise_project_id', 'active_at',
]);

/** Boolean-valued (`true`/`false`) extension flags callers may set. */
export function isBooleanFlag(attr: string): boolean {
  return attr === 'hw_vif_multiqueue_enabled' || attr === '__is_config_init' || (attr.startsWith('__support_') && !attr.endsWith('_gpu_type'));
}

// --- fixtures ---------------------------------------------------------------------------------------------------

const imsFail = (ctx: RequestContext, code: string, message: string): MockResponse => errorFor(ctx.op.endpoint, 400, code, message);

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
    return imsFail(ctx, 'IMG.0057', `The image file ${text} is empty, not found, or in incorrect format, or you do not have enough permission to access the file.`);
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

export { imsFail };
