import { createHash } from 'node:crypto';
import type { RequestContext } from '../context.js';
import { errorFor, type MockResponse } from '../http/responses.js';
import type { ImageRecord } from '../store/images.js';

/** The attributes an image gets when the IMS create actions or the Nova snapshot make it, as IMS derives them. */

/** `__os_version`, `__os_type`, `__os_bit` and `__platform` as IMS derives them from an OS version string. */
export function osFacts(osVersion: string | undefined, osType?: string): Record<string, string> {
  const version = osVersion ?? (osType === 'Windows' ? 'Other Windows(64 bit)' : 'Other Linux(64 bit)');
  const platforms = ['Windows', 'Ubuntu', 'CentOS', 'Debian', 'EulerOS', 'openEuler', 'SUSE', 'OpenSUSE', 'Fedora', 'CoreOS', 'Oracle Linux', 'Red Hat'];
  const platform = platforms.find((p) => version.toLowerCase().includes(p.toLowerCase())) ?? 'Other';
  const type =
    osType === 'Windows' || osType === 'Linux' || osType === 'Other' ? osType : platform === 'Windows' || /windows/i.test(version) ? 'Windows' : 'Linux';
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
