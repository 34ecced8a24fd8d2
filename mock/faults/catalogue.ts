/**
 * Named faults: each switches on one realistic deviation a vendor implementation could have. `detectedBy`
 * names the suite checks that must report it; the suite's self-test turns on each fault and expects one of
 * those checks to fail (and none to fail on the clean mock).
 */
import type { CheckId } from '../../src/model/check-id.js';
export interface FaultEntry {
  name: string;
  summary: string;
  detectedBy: CheckId[];
  /** The profile whose contract makes the deviation a failure, when only one does (e.g. Glance documents `size`, IMS calls it "not used"; the
   * IMS-only calls, jobs and filters exist on the ims profile alone). */
  profile?: 'ims' | 'openstack';
  /**
   * Faults this one is not independent of, each with the reason (`*`: every other fault): they touch the same
   * behaviour, so switched on together one may hide the other or fail the other's check in its stead. The
   * self-test's fault sets never put such faults together; any other set must have each fault's check fail.
   */
  notIndependentOf?: Readonly<Record<string, string>>;
}

/** The faults judged on what GET /v2/images answers, which the unavailable faults take away. */
const UNAVAILABLE_LIST = {
  'created-image-not-listed': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'list-filter-ignored': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'list-size-filter-ignored': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'pagination-marker-ignored': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'rejects-valid-optional-field': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'list-time-filter-ignored': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'list-id-filter-ignored': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'list-protected-filter-ignored': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'list-sort-ignored': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'list-default-order-ascending': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'list-next-drops-filters': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'list-next-on-last-page': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
  'list-first-link-keeps-marker': 'GET /v2/images answers 503, so nothing it should list or filter can be judged',
} as const;

/**
 * Faults caught only after the run waited for an image to turn active: the lifecycle's rules (after its first
 * upload), the enterprise-project move, the batch member jobs and the IMS update's patch walk (all of an active
 * image). A status the run cannot read stops those waits.
 */
const WAITED_ON = [
  'use-after-delete',
  'owner-sets-member-status',
  'member-status-not-saved',
  'patch-not-applied',
  'protected-deletable',
  'upload-size-wrong',
  'download-bytes-wrong',
  'reupload-accepted',
  'list-filter-ignored',
  'list-size-filter-ignored',
  'list-time-filter-ignored',
  'list-id-filter-ignored',
  'list-protected-filter-ignored',
  'list-sort-ignored',
  'list-default-order-ascending',
  'rejected-share-final',
  'member-sees-all-members',
  'member-reads-other-members',
  'ep-migration-not-applied',
  'batch-members-not-applied',
  'cloud-patch-not-stored',
  'description-length-unchecked',
  'description-brackets-accepted',
  'name-format-unchecked',
];

const UNREADABLE_STATUS = Object.fromEntries(
  WAITED_ON.map((f) => [f, 'an image status the run cannot read (absent, or outside the enum) ends the wait for active that this fault is caught after']),
);

export const FAULTS = [
  { name: 'create-image-returns-200', summary: 'POST /v2/images answers 200 instead of 201', detectedBy: ['status-expected', 'status-documented'] },
  {
    name: 'image-field-missing',
    summary: 'image bodies lack the required `status` field',
    detectedBy: ['response-schema'],
    notIndependentOf: UNREADABLE_STATUS,
  },
  { name: 'image-field-mistyped', summary: 'image bodies carry `min_disk` as a string', detectedBy: ['response-schema'] },
  {
    name: 'json-as-text-plain',
    summary: 'JSON answers are labelled Content-Type: text/plain',
    detectedBy: ['content-type'],
    notIndependentOf: { '*': 'an answer labelled text/plain is not read as JSON, so no rule judged from a body (ids, statuses, lists) has anything to judge' },
  },
  {
    name: 'error-body-plain-text',
    summary: '4xx answers carry a plain-text body instead of a documented error body',
    detectedBy: ['response-schema', 'content-type'],
  },
  { name: 'head-missing-meta-headers', summary: 'HEAD /v1/images/{id} omits X-Image-Meta-Status', detectedBy: ['response-headers'], profile: 'ims' },
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
  {
    name: 'invalid-input-accepted',
    summary: 'request bodies are not validated',
    detectedBy: ['invalid-input-rejected'],
    notIndependentOf: {
      'bad-input-500': 'both decide the answer to an invalid body: one that is not validated never reaches the 500',
      'undocumented-error-status': 'both decide the answer to an invalid body: one that is not validated never reaches the 422',
    },
  },
  {
    name: 'rejects-valid-optional-field',
    summary: 'GET /v2/images answers 400 when the documented optional `__os_type` filter is given',
    detectedBy: ['valid-input-accepted'],
    profile: 'ims',
  },
  { name: 'undocumented-error-status', summary: 'request bodies that fail validation answer 422', detectedBy: ['status-documented', 'invalid-input-rejected'] },
  {
    name: 'created-image-not-listed',
    summary: 'images created by POST /v2/images are missing from GET /v2/images',
    detectedBy: ['created-readable'],
    notIndependentOf: {
      'list-filter-ignored': 'both decide which images GET /v2/images lists: an image never listed fails list-query whether filters work or not',
      'pagination-marker-ignored': 'both decide which images GET /v2/images lists: images never listed fail paging whether the marker works or not',
      'list-next-drops-filters': 'both decide which images GET /v2/images lists: images never listed fail paging whether its links keep the query or not',
      'list-next-on-last-page': 'both decide which images GET /v2/images lists: images never listed fail paging whether its links end or not',
      'list-first-link-keeps-marker': 'both decide which images GET /v2/images lists: images never listed fail paging whether its first link is right or not',
      'list-time-filter-ignored': 'both decide which images GET /v2/images lists: an image never listed fails list-query whether filters work or not',
      'list-id-filter-ignored': 'both decide which images GET /v2/images lists: an image never listed fails list-query whether filters work or not',
      'list-protected-filter-ignored': 'both decide which images GET /v2/images lists: an image never listed fails list-query whether filters work or not',
      'list-sort-ignored': 'both decide which images GET /v2/images lists: an image never listed fails list-query whether the order asked is kept or not',
      'list-default-order-ascending':
        'both decide which images GET /v2/images lists: an image never listed fails list-query whether the default order is kept or not',
    },
  },
  { name: 'pagination-marker-ignored', summary: 'GET /v2/images ignores `marker`, so pages repeat', detectedBy: ['pagination'] },
  { name: 'owner-sets-member-status', summary: 'the image owner may set a member’s status', detectedBy: ['sharing-semantics'] },
  { name: 'jobs-never-finish', summary: 'asynchronous jobs stay RUNNING forever', detectedBy: ['async-job-completes'], profile: 'ims' },
  {
    name: 'unavailable-with-retry-after',
    summary: 'GET /v2/images answers 503 with Retry-After: 1',
    detectedBy: ['no-server-error'],
    notIndependentOf: UNAVAILABLE_LIST,
  },
  {
    name: 'unavailable-without-retry-after',
    summary: 'GET /v2/images answers 503 without Retry-After',
    detectedBy: ['no-server-error'],
    notIndependentOf: UNAVAILABLE_LIST,
  },
  {
    name: 'uppercase-image-status',
    summary: 'image bodies report `status` in upper case (`ACTIVE`), outside the documented enum',
    detectedBy: ['response-schema'],
    notIndependentOf: UNREADABLE_STATUS,
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
    notIndependentOf: { 'owner-sets-member-status': 'both change what a member status update stores: an owner allowed to set it sets one that is not kept' },
    summary: 'PUT /v2/images/{id}/members/{member} answers the new status but keeps the old one',
    detectedBy: ['member-status-visible', 'sharing-semantics'],
  },
  {
    name: 'job-image-missing',
    summary: 'a creation job ends SUCCESS naming in entities.image_id an image that does not exist',
    detectedBy: ['async-job-completes'],
    profile: 'ims',
  },
  {
    name: 'batch-members-not-applied',
    summary: 'batch member jobs (POST/PUT/DELETE /v1/cloudimages/members) end SUCCESS, each row `success`, but change no member',
    detectedBy: ['batch-members-applied'],
    profile: 'ims',
  },
  {
    name: 'ep-migration-not-applied',
    summary: 'PATCH /v2/cloudimages/{id} of /enterprise_project_id answers 200 showing the new enterprise project but keeps the image where it was',
    detectedBy: ['ep-migrated'],
    profile: 'ims',
  },
  {
    name: 'list-time-filter-ignored',
    summary:
      'GET /v2/images ignores the created_at and updated_at comparison filters (gte:, lt:, …), which only the IMS list pages document, and applies its other filters',
    detectedBy: ['list-query'],
    profile: 'ims',
  },
  {
    name: 'list-id-filter-ignored',
    summary: 'GET /v2/images ignores its `id` filter (which only the IMS list pages document) and applies the others',
    detectedBy: ['list-query'],
    profile: 'ims',
  },
  { name: 'list-protected-filter-ignored', summary: 'GET /v2/images ignores its `protected` filter and applies the others', detectedBy: ['list-query'] },
  { name: 'list-sort-ignored', summary: 'GET /v2/images ignores sort_key and sort_dir and always lists newest first', detectedBy: ['list-query'] },
  {
    name: 'list-default-order-ascending',
    summary: 'GET /v2/images without sort_dir lists oldest first instead of the documented created_at descending',
    detectedBy: ['list-query'],
  },
  {
    name: 'list-next-drops-filters',
    summary: 'the `next` link of GET /v2/images keeps only limit and marker, dropping the filters of the query',
    detectedBy: ['pagination'],
  },
  {
    name: 'list-next-on-last-page',
    summary: 'GET /v2/images carries a `next` link on its last page too (leading to an empty page)',
    detectedBy: ['pagination'],
  },
  {
    name: 'list-first-link-keeps-marker',
    summary: 'the `first` link of GET /v2/images keeps the marker, so it names the current page instead of the first',
    detectedBy: ['pagination'],
  },
  {
    name: 'rejected-share-final',
    summary: 'PUT /v2/images/{id}/members/{member} refuses (403) a member that rejected a share and now accepts it',
    detectedBy: ['sharing-semantics'],
  },
  {
    name: 'member-sees-all-members',
    summary: 'GET /v2/images/{id}/members shows a member project the owner’s whole member list, not only its own entry',
    detectedBy: ['sharing-semantics'],
  },
  {
    name: 'member-reads-other-members',
    summary: 'GET /v2/images/{id}/members/{member} shows a member project another member’s entry',
    detectedBy: ['sharing-semantics'],
  },
  {
    name: 'create-drops-custom-attributes',
    summary: 'POST /v2/images answers the custom attributes given but stores none of them',
    detectedBy: ['create-stored'],
  },
  {
    name: 'patch-add-existing-ignored',
    summary: 'PATCH /v2/images/{id} answers 200 to an add of an attribute the image has (its name, a custom one), and keeps its old value',
    detectedBy: ['patch-ops-applied'],
  },
  {
    name: 'patch-remove-ignored',
    summary: 'PATCH /v2/images/{id} answers 200 to a remove of a custom attribute and keeps it',
    detectedBy: ['patch-ops-applied'],
  },
  {
    name: 'patch-partly-applied',
    summary: 'PATCH /v2/images/{id} refuses a patch at its first bad operation but keeps what the operations before it changed',
    detectedBy: ['patch-atomic'],
    notIndependentOf: { 'patch-not-applied': 'a PATCH that stores nothing keeps nothing of a refused patch either, so the partial change never shows' },
  },
  {
    name: 'patch-remove-missing-accepted',
    summary: 'PATCH /v2/images/{id} answers 200 to a remove of an attribute the image does not have, applying the rest of the patch',
    detectedBy: ['patch-atomic'],
  },
  { name: 'patch-keeps-updated-at', summary: 'PATCH /v2/images/{id} applies the patch and leaves updated_at as it was', detectedBy: ['patch-timestamps'] },
  {
    name: 'cloud-patch-not-stored',
    summary: 'PATCH /v2/cloudimages/{id} answers the patched image but stores only an enterprise project move',
    detectedBy: ['patch-ops-applied'],
    profile: 'ims',
  },
  {
    name: 'min-disk-ceiling-refused',
    summary: 'POST /v2/images refuses min_disk 1024, the documented maximum (off by one)',
    detectedBy: ['value-bounds'],
    // Glance documents no ceiling for min_disk (the openstack profile's create schema has none), so only IMS's 1,024 is judged.
    profile: 'ims',
  },
  {
    name: 'patch-name-length-unchecked',
    summary: 'PATCH /v2/images/{id} accepts and stores a name longer than 255 characters',
    detectedBy: ['value-bounds'],
  },
  {
    name: 'description-length-unchecked',
    summary: 'PATCH /v2/cloudimages/{id} accepts and stores a __description longer than 1,024 characters',
    detectedBy: ['value-bounds'],
    profile: 'ims',
  },
  {
    name: 'description-brackets-accepted',
    summary: 'PATCH /v2/cloudimages/{id} accepts and stores a __description with angle brackets',
    detectedBy: ['value-bounds'],
    profile: 'ims',
  },
  {
    name: 'job-image-name-ignored',
    summary: 'IMS creation jobs (POST /v2/cloudimages/action, …) make the system image under a generated name, not the one the request gave',
    detectedBy: ['create-stored'],
    profile: 'ims',
    notIndependentOf: {
      'jobs-never-finish': 'a job that never finishes makes no image to read the name back from',
      'job-image-missing': 'the image the job names does not exist, so no name can be read back from it',
    },
  },
  { name: 'status-patchable', summary: 'PATCH /v2/images/{id} sets the read-only `status` to the value a patch gives', detectedBy: ['patch-ops-applied'] },
  {
    name: 'name-format-unchecked',
    summary: 'PATCH /v2/cloudimages/{id} accepts and stores a name ending with a space',
    detectedBy: ['value-bounds'],
    profile: 'ims',
  },
  {
    name: 'random-500',
    summary: 'one request in five answers 500 (seeded, so runs repeat)',
    detectedBy: ['no-server-error'],
    notIndependentOf: { '*': 'any request may answer 500, so the set-up or the very call another fault is judged on may be one of them' },
  },
  {
    name: 'job-image-unnamed',
    summary: 'image-creation jobs make their images and end SUCCESS with empty entities: no image_id, no sub-job results',
    detectedBy: ['async-job-completes'],
    profile: 'ims',
  },
  {
    name: 'job-status-reverts',
    summary: 'GET /v1/{project_id}/jobs/{job_id} shows a job SUCCESS or FAIL once, then RUNNING again on every later query',
    detectedBy: ['async-job-completes'],
    profile: 'ims',
  },
  {
    name: 'nova-image-location-missing',
    summary: 'Nova createImage at the base microversion (no version asked) answers 202 without the Location header naming the snapshot',
    detectedBy: ['server-image-named'],
    profile: 'ims',
  },
  {
    name: 'served-image-schema-stale',
    summary: 'GET /v2/schemas/image and /v2/schemas/images declare `min_disk` a string, while every image carries it as an integer',
    detectedBy: ['served-schema-describes'],
    notIndependentOf: {
      'image-field-mistyped': 'images then carry `min_disk` as the string the stale schema declares, so the served schema describes them after all',
      'unavailable-with-retry-after': 'GET /v2/images answers 503, so there are no images to hold to the served schema',
      'unavailable-without-retry-after': 'GET /v2/images answers 503, so there are no images to hold to the served schema',
    },
  },
  {
    name: 'action-combination-unchecked',
    summary:
      'POST /v2/cloudimages/action (and the other actions whose body is one of documented field combinations) checks each field alone and accepts a body that meets no combination, e.g. a name without a source',
    detectedBy: ['invalid-input-rejected'],
    profile: 'ims',
  },
  { name: 'versions-omit-v2', summary: 'GET / and GET /versions list only the deprecated v1 versions, though /v2 is served', detectedBy: ['versions-served'] },
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
