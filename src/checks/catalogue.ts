/**
 * The check catalogue: every check the suite reports, once. Reports (matrix order, summary.md's table, JUnit
 * names, Allure labels), suite routing, README's table and the mock's fault catalogue are derived from it or
 * held to it by tests; an id that is not here is a defect wherever it appears.
 *
 * `documents` are ids of spec/sources/documents.yaml: what the check rests on as a whole. A finding names the
 * documents behind its own expectation (the spec's `x-doc` at the node it broke) as well.
 */
import { CHECK_IDS, type CheckId } from '../model/check-id.js';

export { CHECK_IDS, isCheckId, type CheckId } from '../model/check-id.js';

export interface CheckEntry {
  id: CheckId;
  title: string;
  /** What must hold, as the acceptance report states it. */
  mustHold: string;
  documents: readonly string[];
  /** Scenario families (src/engine/scenarios/) that report it. */
  families: readonly string[];
  /** Where it runs when not in the operation's area suite. */
  suite?: 'authn' | 'authz' | 'lifecycles';
  /** A failure is a security or availability defect, not a contract deviation a client can work around. */
  critical?: boolean;
  /** Held by every exchange, whatever the scenario is about. */
  generic?: boolean;
}

const SEEDS = ['seed-T000', 'seed-T001', 'seed-T002', 'seed-T003'];

export const CHECK_CATALOGUE = [
  {
    id: 'status-documented',
    title: 'documented status',
    mustHold: 'every answer has a status the documents list for the operation',
    documents: ['otc-status-codes'],
    families: ['canonical', 'auth-missing', 'auth-invalid', 'invalid-input', 'generated-input', 'lifecycle'],
    generic: true,
  },
  {
    id: 'status-expected',
    title: 'documented success status',
    mustHold: 'the documented request gets the exact documented success code (201, 204, 202…)',
    documents: ['otc-status-codes'],
    families: ['canonical', 'lifecycle'],
  },
  {
    id: 'content-type',
    title: 'documented media type',
    mustHold: 'every answer with a body, errors included, has a documented media type',
    documents: ['rfc9110'],
    families: ['canonical', 'auth-missing', 'auth-invalid', 'invalid-input', 'generated-input', 'lifecycle'],
    generic: true,
  },
  {
    id: 'response-schema',
    title: 'documented body',
    mustHold: 'every body matches the documented schema of its status',
    documents: ['otc-image-attributes', 'sdk-python-core-errors'],
    families: ['canonical', 'auth-missing', 'auth-invalid', 'invalid-input', 'generated-input', 'lifecycle'],
    generic: true,
  },
  {
    id: 'response-headers',
    title: 'documented headers',
    mustHold: 'the documented response headers are present and well-formed',
    documents: ['rfc9110'],
    families: ['canonical', 'auth-missing', 'auth-invalid', 'invalid-input', 'generated-input', 'lifecycle'],
    generic: true,
  },
  {
    id: 'no-server-error',
    title: 'no server error',
    mustHold: 'no 5xx for any input, none hidden behind a Retry-After retry',
    documents: ['rfc9110', 'otc-status-codes'],
    families: ['canonical', 'invalid-input', 'generated-input', 'pagination', 'lifecycle'],
    critical: true,
  },
  {
    id: 'valid-input-accepted',
    title: 'valid input accepted',
    mustHold: 'valid requests generated from the spec are accepted (on the operations where a generated request is safe on any target)',
    documents: ['otc-status-codes'],
    families: ['generated-input'],
  },
  {
    id: 'invalid-input-rejected',
    title: 'invalid input rejected',
    mustHold: 'every request breaking one documented constraint gets a 4xx',
    documents: ['otc-error-codes'],
    families: ['invalid-input'],
  },
  {
    id: 'auth-missing',
    title: '401 without credentials',
    mustHold: '401 without credentials',
    documents: ['huawei-iam-token', 'keystone-api-ref-tokens', 'otc-status-codes'],
    families: ['auth-missing'],
    suite: 'authn',
    critical: true,
  },
  {
    id: 'auth-invalid',
    title: '401 with bad credentials',
    mustHold: '401 with a bogus token',
    documents: ['huawei-iam-token', 'keystone-api-ref-tokens', 'otc-status-codes'],
    families: ['auth-invalid'],
    suite: 'authn',
    critical: true,
  },
  {
    id: 'iam-denied',
    title: 'IAM denial enforced',
    mustHold:
      'the documented denial (error-situation table: 403, or 400 IMG.0026/IMG.0161 under ims), with the documented body, for every principal the IAM permission tables deny',
    documents: SEEDS,
    families: ['iam'],
    suite: 'authz',
    critical: true,
  },
  {
    id: 'iam-allowed',
    title: 'IAM grant honoured',
    mustHold: 'the documented success for every principal the IAM permission tables allow',
    documents: SEEDS,
    families: ['iam'],
    suite: 'authz',
    critical: true,
  },
  {
    id: 'unknown-id-404',
    title: 'unknown id answered as documented',
    mustHold: 'well-formed ids that do not exist get 404, or the documented alternative (error-situation table: 400 IMG.0027/IMG.0144/IMG.0086 under ims)',
    documents: ['otc-status-codes', 'glance-api-ref-images'],
    families: ['unknown-id'],
  },
  {
    id: 'tenant-isolation',
    title: 'tenant isolation',
    mustHold: "another project's private image: refused as the error-situation table documents (404; IMS also 400 not-found/owner-only codes) and not listed",
    documents: ['glance-api-ref-images', 'otc-image-attributes'],
    families: ['tenant-isolation'],
    suite: 'authz',
    critical: true,
  },
  {
    id: 'ep-isolation',
    title: 'enterprise-project isolation',
    mustHold: "another enterprise project's image: refused as the error-situation table documents (404; IMS also 400/403 IMG.0026) and not listed",
    documents: ['seed-T001'],
    families: ['ep-isolation'],
    suite: 'authz',
    critical: true,
  },
  {
    id: 'created-readable',
    title: 'created resource readable',
    mustHold: 'created images are readable and listed at once',
    documents: ['glance-api-ref-images'],
    families: ['canonical', 'lifecycle'],
  },
  {
    id: 'use-after-delete',
    title: 'deleted resource gone',
    mustHold: 'deleted images answer as unknown ids everywhere (404; IMS also 400 IMG.0027/IMG.0144/IMG.0086)',
    documents: ['seed-T004', 'glance-api-ref-images'],
    families: ['lifecycle'],
    suite: 'lifecycles',
  },
  {
    id: 'async-job-completes',
    title: 'async job completes',
    mustHold: 'jobs reach SUCCESS or FAIL in bounded time with the documented entities and stay there; the images a SUCCESS job names are readable',
    documents: ['otc-job-status', 'otc-creating-an-image'],
    families: ['canonical'],
  },
  {
    id: 'pagination',
    title: 'pagination',
    mustHold: 'limit respected, marker advances, nothing repeated or missing; next keeps the query and is absent on the last page, first names the first page',
    documents: ['glance-api-ref-images', 'otc-querying-images'],
    families: ['pagination'],
  },
  {
    id: 'sharing-semantics',
    title: 'image member rules',
    mustHold:
      'only the member sets its status (a rejected share accepted again too), only the owner adds and removes members; pending/accepted/rejected visibility; a member’s member list shows only itself',
    documents: ['glance-api-ref-sharing', 'seed-T003'],
    families: ['lifecycle'],
    suite: 'lifecycles',
  },
  // Rules of effect (spec/rules.yaml): what a call does, refuses or makes visible afterwards, the model predicting each read.
  {
    id: 'patch-applied',
    title: 'JSON patch applied',
    mustHold: "a successful PATCH's changes are in its answer and on every later read",
    documents: ['otc-native-update-image', 'glance-api-ref-images', 'rfc6902'],
    families: ['lifecycle'],
    suite: 'lifecycles',
  },
  {
    id: 'protected-undeletable',
    title: 'protected image kept',
    mustHold: 'a protected image refuses DELETE (IMS: 400 IMG.0028 or 403; Glance: 403) and stays readable',
    documents: ['otc-image-attributes', 'otc-error-codes', 'glance-api-ref-images', 'glance-observed'],
    families: ['lifecycle'],
    suite: 'lifecycles',
  },
  {
    id: 'upload-integrity',
    title: 'uploaded data recorded',
    mustHold:
      'after an upload, size and checksum (and os_hash_value) match the bytes sent (advisory on ims: "not used"), and a download returns those bytes (and their MD5 as Content-MD5)',
    documents: ['glance-api-ref-data', 'glance-image-schema', 'glance-observed', 'glance-api-ref-download'],
    families: ['lifecycle'],
    suite: 'lifecycles',
  },
  {
    id: 'upload-conflict',
    title: 'single upload',
    mustHold: 'uploading into a non-queued image answers 409 and leaves its data as it was',
    documents: ['glance-api-ref-data', 'glance-observed', 'otc-native-upload-image'],
    families: ['lifecycle'],
    suite: 'lifecycles',
  },
  {
    id: 'list-query',
    title: 'list filters and sort honoured',
    mustHold:
      'a list shows exactly the images matching its filters (exact, id, protected, created_at/updated_at comparisons), in the sort_key/sort_dir order asked or created_at descending',
    documents: ['otc-native-list-images', 'otc-querying-images', 'glance-api-ref-images'],
    families: ['lifecycle'],
    suite: 'lifecycles',
  },
  {
    id: 'member-status-visible',
    title: 'member status kept',
    mustHold: 'a member added (pending) or its status set is what the owner’s member show and member list return afterwards',
    documents: ['glance-api-ref-sharing', 'otc-native-show-member', 'otc-native-list-members'],
    families: ['lifecycle'],
    suite: 'lifecycles',
  },
  {
    id: 'batch-members-applied',
    title: 'batch member job applied',
    mustHold: 'after a batch member job ends SUCCESS, the owner’s member list shows each member it added, the status it set, and none it removed',
    documents: ['otc-batch-add-members', 'otc-batch-update-members', 'otc-batch-delete-members', 'otc-native-list-members'],
    families: ['canonical'],
  },
  {
    id: 'ep-migrated',
    title: 'enterprise-project migration applied',
    mustHold: 'a successful PATCH of /enterprise_project_id shows the new enterprise project in its answer and on the next read',
    documents: ['otc-updating-an-image', 'seed-T001'],
    families: ['ep-migration'],
  },
  // What a write stores (spec/rules.yaml): the suite sent the values, so it says what the answer and the next read show.
  {
    id: 'create-stored',
    title: 'created attributes stored',
    mustHold:
      'every attribute a create gives, custom ones included, is in its answer and on the next read; an IMS creation job’s image has the name and description its request gave',
    documents: ['otc-native-create-image', 'glance-api-ref-images', 'glance-image-schema', 'otc-creating-an-image'],
    families: ['canonical', 'write-read-back'],
  },
  {
    id: 'patch-ops-applied',
    title: 'every JSON-patch op applied',
    mustHold:
      'add (new, or existing as replace — or refused, keeping the value), replace and remove on core and custom attributes show in the answer and on the next read',
    documents: ['otc-native-update-image', 'otc-updating-an-image', 'glance-api-ref-images', 'rfc6902'],
    families: ['write-read-back'],
  },
  {
    id: 'patch-atomic',
    title: 'JSON patch atomic',
    mustHold: 'a patch one of whose operations is refused changes nothing; an accepted one applies every operation',
    documents: ['rfc5789', 'rfc6902', 'glance-observed'],
    families: ['write-read-back'],
  },
  {
    id: 'patch-timestamps',
    title: 'patch moves updated_at',
    mustHold: 'a successful patch shows a later updated_at, in its answer and on the next read, and the same created_at',
    documents: ['glance-api-ref-images', 'otc-image-attributes', 'otc-native-update-image'],
    families: ['write-read-back'],
  },
  {
    id: 'value-bounds',
    title: 'documented value ranges',
    mustHold:
      'a value at a documented bound (min_disk, name, description) is accepted and stored; one past it is refused as the error-situation table gives (invalid-value) and stores nothing',
    documents: ['otc-native-create-image', 'otc-image-attributes', 'otc-error-codes', 'glance-image-schema'],
    families: ['write-read-back'],
  },
  {
    id: 'server-image-named',
    title: 'Nova snapshot named',
    mustHold: 'Nova createImage answers 202 naming its image (Location at microversion 2.1, `image_id` at 2.45), and that image becomes readable',
    documents: ['nova-api-ref-servers-actions', 'otc-ecs-nova-create-image'],
    families: ['canonical'],
  },
  {
    id: 'served-schema-describes',
    title: 'served schema describes the images',
    mustHold: 'the image list and each image it shows validate against the schema documents GET /v2/schemas/images and /v2/schemas/image serve',
    documents: ['otc-native-image-schema', 'otc-native-images-schema', 'glance-api-ref-schemas'],
    families: ['canonical'],
  },
  {
    id: 'versions-served',
    title: 'versions document offers v2',
    mustHold: 'GET / and GET /versions list a v2 version as CURRENT or SUPPORTED (the API every /v2 call uses)',
    documents: ['otc-native-versions', 'glance-api-ref-versions'],
    families: ['canonical'],
  },
] as const satisfies readonly CheckEntry[];

// One entry per id, in the order of the id list: a check added to one and not the other stops every run at once.
const catalogued = CHECK_CATALOGUE.map((c) => c.id).join(' ');
if (catalogued !== CHECK_IDS.join(' '))
  throw new Error(`src/checks/catalogue.ts and src/model/check-id.ts list different checks: ${catalogued} ≠ ${CHECK_IDS.join(' ')}`);

const BY_ID = new Map<string, CheckEntry>(CHECK_CATALOGUE.map((c) => [c.id, c]));

/** The catalogue entry of a check id. */
export function checkEntry(id: CheckId): CheckEntry {
  const entry = BY_ID.get(id);
  if (!entry) throw new Error(`unknown check id '${id}': not in src/checks/catalogue.ts`);
  return entry;
}

/** Check ids in catalogue order (the order a reader meets them); unknown ones last, by name. */
export function orderChecks(ids: Iterable<string>): string[] {
  const rank = (id: string): number => CHECK_IDS.indexOf(id as CheckId) + 1 || CHECK_IDS.length + 1;
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Checks every exchange is held to, whatever the scenario (status, media type, body, headers). */
export const GENERIC_CHECK_IDS: readonly CheckId[] = CHECK_CATALOGUE.filter((c) => 'generic' in c && c.generic).map((c) => c.id);

/** README's check table, rendered from the catalogue (a test holds README to it: `npm run docs:tables` rewrites it). */
export function catalogueTable(): string {
  const rows = CHECK_CATALOGUE.map((c) => `| ${c.id} | ${c.mustHold} | ${c.documents.join(', ')} |`);
  return ['| check | what must hold | documents it rests on |', '|---|---|---|', ...rows].join('\n');
}
