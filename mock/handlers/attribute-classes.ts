/** Which image attributes a caller may write, and how (PATCH /v2/cloudimages and Nova snapshot metadata). */

/** Glance core attributes: never set as free-form properties. */
export const CORE_ATTRIBUTES = new Set([
  'id',
  'name',
  'status',
  'visibility',
  'protected',
  'owner',
  'tags',
  'created_at',
  'updated_at',
  'self',
  'file',
  'schema',
  'min_disk',
  'min_ram',
  'disk_format',
  'container_format',
  'size',
  'virtual_size',
  'checksum',
  'locations',
  'direct_url',
  'os_hash_algo',
  'os_hash_value',
  'os_hidden',
  'properties',
  'deleted',
  'deleted_at',
]);

/** Attributes IMS itself maintains; callers cannot write them. */
export const IMS_MANAGED_ATTRIBUTES = new Set([
  '__imagetype',
  '__isregistered',
  '__image_source_type',
  '__image_size',
  '__os_type',
  '__os_bit',
  '__os_version',
  '__platform',
  '__whole_image',
  '__system__cmkid',
  '__originalimagename',
  '__backup_id',
  '__data_origin',
  '__image_location',
  '__root_origin',
  '__sequence_num',
  '__lazyloading',
  '__account_code',
  '__productcode',
  '__os_feature_list',
  'virtual_env_type',
  'enterprise_project_id',
  '_sys_enterprise_project_id',
  'active_at',
]);

/** Boolean-valued (`true`/`false`) extension flags callers may set. */
export function isBooleanFlag(attr: string): boolean {
  return attr === 'hw_vif_multiqueue_enabled' || attr === '__is_config_init' || (attr.startsWith('__support_') && !attr.endsWith('_gpu_type'));
}
