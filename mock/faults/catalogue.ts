/**
 * Named faults: each switches on one realistic deviation a vendor implementation could have. `detectedBy`
 * names the suite checks that must report it; the suite's self-test turns on each fault and expects one of
 * those checks to fail (and none to fail on the clean mock).
 */
export interface FaultEntry {
  name: string;
  summary: string;
  detectedBy: string[];
  /** The profile whose contract makes the deviation a failure, when only one does (e.g. Glance documents `size`, IMS calls it "not used"). */
  profile?: 'openstack';
}

export const FAULTS = [
  { name: 'create-image-returns-200', summary: 'POST /v2/images answers 200 instead of 201', detectedBy: ['status-expected', 'status-documented'] },
  { name: 'image-field-missing', summary: 'image bodies lack the required `status` field', detectedBy: ['response-schema'] },
  { name: 'image-field-mistyped', summary: 'image bodies carry `min_disk` as a string', detectedBy: ['response-schema'] },
  { name: 'json-as-text-plain', summary: 'JSON answers are labelled Content-Type: text/plain', detectedBy: ['content-type'] },
  {
    name: 'error-body-plain-text',
    summary: '4xx answers carry a plain-text body instead of a documented error body',
    detectedBy: ['response-schema', 'content-type'],
  },
  { name: 'head-missing-meta-headers', summary: 'HEAD /v1/images/{id} omits X-Image-Meta-Status', detectedBy: ['response-headers'] },
  { name: 'auth-not-enforced', summary: 'requests without credentials are served as the first project’s owner', detectedBy: ['auth-missing'] },
  { name: 'bogus-token-accepted', summary: 'any well-formed but unknown token is accepted', detectedBy: ['auth-invalid'] },
  { name: 'iam-delete-not-enforced', summary: 'ims:images:delete is never checked', detectedBy: ['iam-denied'] },
  { name: 'iam-over-restrictive', summary: 'GET /v2/images/{id} also demands ims:images:update', detectedBy: ['iam-allowed'] },
  {
    name: 'hides-images-from-project-peers',
    summary: 'GET /v2/images/{id} answers 404 to users of the owning project other than the image’s creator',
    detectedBy: ['iam-allowed'],
  },
  { name: 'ep-scope-not-enforced', summary: 'enterprise-project grants also authorize operations that do not support that scope', detectedBy: ['iam-denied'] },
  { name: 'ep-isolation-leak', summary: 'enterprise-project-scoped callers see images of other enterprise projects', detectedBy: ['ep-isolation'] },
  { name: 'tenant-isolation-leak', summary: 'other projects’ private images are visible and listed', detectedBy: ['tenant-isolation'] },
  { name: 'use-after-delete', summary: 'a deleted image can still be read', detectedBy: ['use-after-delete'] },
  { name: 'unknown-id-403', summary: 'unknown image ids answer 403 instead of 404', detectedBy: ['unknown-id-404'] },
  { name: 'bad-input-500', summary: 'request bodies that fail validation answer 500', detectedBy: ['no-server-error', 'invalid-input-rejected'] },
  { name: 'invalid-input-accepted', summary: 'request bodies are not validated', detectedBy: ['invalid-input-rejected'] },
  {
    name: 'rejects-valid-optional-field',
    summary: 'GET /v2/images answers 400 when the documented optional `__os_type` filter is given',
    detectedBy: ['valid-input-accepted'],
  },
  { name: 'undocumented-error-status', summary: 'request bodies that fail validation answer 422', detectedBy: ['status-documented', 'invalid-input-rejected'] },
  { name: 'created-image-not-listed', summary: 'images created by POST /v2/images are missing from GET /v2/images', detectedBy: ['created-readable'] },
  { name: 'pagination-marker-ignored', summary: 'GET /v2/images ignores `marker`, so pages repeat', detectedBy: ['pagination'] },
  { name: 'owner-sets-member-status', summary: 'the image owner may set a member’s status', detectedBy: ['sharing-semantics'] },
  { name: 'jobs-never-finish', summary: 'asynchronous jobs stay RUNNING forever', detectedBy: ['async-job-completes'] },
  { name: 'unavailable-with-retry-after', summary: 'GET /v2/images answers 503 with Retry-After: 1', detectedBy: ['no-server-error'] },
  { name: 'unavailable-without-retry-after', summary: 'GET /v2/images answers 503 without Retry-After', detectedBy: ['no-server-error'] },
  {
    name: 'uppercase-image-status',
    summary: 'image bodies report `status` in upper case (`ACTIVE`), outside the documented enum',
    detectedBy: ['response-schema'],
  },
  { name: 'patch-not-applied', summary: 'PATCH /v2/images/{id} answers 200 with the patched image but stores nothing', detectedBy: ['patch-applied'] },
  { name: 'protected-deletable', summary: 'DELETE /v2/images/{id} deletes protected images too', detectedBy: ['protected-undeletable'] },
  {
    name: 'upload-size-wrong',
    summary: 'an upload records `size` one byte short of the data sent (seen as a failure on the openstack profile, an advisory on ims)',
    detectedBy: ['upload-integrity'],
    profile: 'openstack',
  },
  {
    name: 'download-bytes-wrong',
    summary: 'GET /v2/images/{id}/file serves the uploaded data with its first byte altered (same length, original Content-MD5)',
    detectedBy: ['upload-integrity'],
  },
  { name: 'reupload-accepted', summary: 'PUT /v2/images/{id}/file into an active image answers 204 and replaces its data', detectedBy: ['upload-conflict'] },
  { name: 'list-filter-ignored', summary: 'GET /v2/images ignores its filters (name, status, …) and lists every visible image', detectedBy: ['list-query'] },
  {
    name: 'list-size-filter-ignored',
    summary: 'GET /v2/images ignores size_min and size_max (which only the openstack profile documents) and applies its other filters',
    detectedBy: ['list-query'],
    profile: 'openstack',
  },
  {
    name: 'member-status-not-saved',
    summary: 'PUT /v2/images/{id}/members/{member} answers the new status but keeps the old one',
    detectedBy: ['member-status-visible', 'sharing-semantics'],
  },
  {
    name: 'job-image-missing',
    summary: 'a creation job ends SUCCESS naming in entities.image_id an image that does not exist',
    detectedBy: ['async-job-completes'],
  },
  {
    name: 'batch-members-not-applied',
    summary: 'batch member jobs (POST/PUT/DELETE /v1/cloudimages/members) end SUCCESS, each row `success`, but change no member',
    detectedBy: ['batch-members-applied'],
  },
  {
    name: 'ep-migration-not-applied',
    summary: 'PATCH /v2/cloudimages/{id} of /enterprise_project_id answers 200 showing the new enterprise project but keeps the image where it was',
    detectedBy: ['ep-migrated'],
  },
  {
    name: 'job-image-unnamed',
    summary: 'image-creation jobs make their images and end SUCCESS with empty entities: no image_id, no sub-job results',
    detectedBy: ['async-job-completes'],
  },
  {
    name: 'job-status-reverts',
    summary: 'GET /v1/{project_id}/jobs/{job_id} shows a job SUCCESS or FAIL once, then RUNNING again on every later query',
    detectedBy: ['async-job-completes'],
  },
  {
    name: 'nova-image-location-missing',
    summary: 'Nova createImage at the base microversion (no version asked) answers 202 without the Location header naming the snapshot',
    detectedBy: ['server-image-named'],
  },
  {
    name: 'served-image-schema-stale',
    summary: 'GET /v2/schemas/image and /v2/schemas/images declare `min_disk` a string, while every image carries it as an integer',
    detectedBy: ['served-schema-describes'],
  },
  {
    name: 'action-combination-unchecked',
    summary:
      'POST /v2/cloudimages/action (and the other actions whose body is one of documented field combinations) checks each field alone and accepts a body that meets no combination, e.g. a name without a source',
    detectedBy: ['invalid-input-rejected'],
  },
  { name: 'versions-omit-v2', summary: 'GET / and GET /versions list only the deprecated v1 versions, though /v2 is served', detectedBy: ['versions-served'] },
  { name: 'random-500', summary: 'one request in five answers 500 (seeded, so runs repeat)', detectedBy: ['no-server-error'] },
] as const satisfies readonly FaultEntry[];

export type FaultName = (typeof FAULTS)[number]['name'];

export const FAULT_NAMES: readonly string[] = FAULTS.map((f) => f.name);

export function isFaultName(name: string): name is FaultName {
  return FAULT_NAMES.includes(name);
}

/** The faults switched on in one mock instance. */
export class FaultSet {
  private readonly active: Set<FaultName>;

  constructor(names: readonly string[] = []) {
    const unknown = names.filter((n) => !isFaultName(n));
    if (unknown.length > 0) throw new Error(`unknown fault ${unknown.join(', ')}; \`--fault list\` prints the catalogue`);
    this.active = new Set(names as FaultName[]);
  }

  has(name: FaultName): boolean {
    return this.active.has(name);
  }

  list(): FaultName[] {
    return [...this.active];
  }
}
