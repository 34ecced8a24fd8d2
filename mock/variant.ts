/**
 * The mock's three personalities. The documents leave some behaviour open (a judgement point); the default
 * personality takes the spec's reading, the alternative one the other reasonable reading a document allows. A
 * suite that passes only the default has been tuned to its own mock: the alternative is there to show it.
 * Where the default's answer comes from a constraint of the spec's schemas, the alternative relaxes that
 * constraint itself (mock/http/lenient-schema.ts), so it behaves the same whether the spec still carries it.
 * `ims-errors` takes the default's readings, but answers every error situation of spec/error-situations.yaml as
 * the IMS error-code table does (`ERROR_TABLE_POINTS`): HTTP 400 with the IMG code, where the others answer as
 * Glance (403, 404, 409). It does so only while it serves the ims profile: under `openstack` the table's answers
 * are Glance's, which the default personality gives.
 */
export const MOCK_VARIANTS = ['default', 'alternative', 'ims-errors'] as const;
export type MockVariant = (typeof MOCK_VARIANTS)[number];

export const isMockVariant = (name: string): name is MockVariant => (MOCK_VARIANTS as readonly string[]).includes(name);

export interface JudgementPoint {
  name: string;
  /** Where the documents leave the behaviour open. */
  point: string;
  defaultReading: string;
  alternativeReading: string;
  /** Document ids (spec/sources/documents.yaml) that allow the alternative reading. */
  documentedBy: string[];
}

export const JUDGEMENT_POINTS = [
  {
    name: 'unknown-body-fields',
    point: 'a request body field no document lists (IMS endpoint; Nova documents its rejection)',
    defaultReading: 'as the spec schema says (400 where it has additionalProperties: false)',
    alternativeReading: 'ignored',
    documentedBy: ['glance-observed', 'otc-native-add-member', 'otc-native-update-member', 'otc-native-delete-image'],
  },
  {
    name: 'empty-json-patch',
    point: 'a JSON-patch body `[]`',
    defaultReading: 'as the spec schema says (400 under minItems: 1)',
    alternativeReading: '200, a no-op',
    documentedBy: ['rfc6902', 'glance-api-ref-images'],
  },
  {
    name: 'json-patch-size',
    point: 'how many operations one JSON patch may hold',
    defaultReading: 'as the spec schema says (at most 64 under maxItems)',
    alternativeReading: 'no limit',
    documentedBy: ['rfc6902', 'glance-api-ref-images'],
  },
  {
    name: 'json-patch-extra-members',
    point: 'members an operation does not define (e.g. `value` on `remove`)',
    defaultReading: 'as the spec schema says (400 where it forbids them)',
    alternativeReading: 'ignored',
    documentedBy: ['rfc6902'],
  },
  {
    name: 'unknown-job-id',
    point: 'GET /v1/{project_id}/jobs/{unknown}',
    defaultReading: '404 IMG.0144',
    alternativeReading: '400 IMG.0023 (the job page documents no 404)',
    documentedBy: ['otc-job-status', 'otc-error-codes'],
  },
  {
    name: 'unnamed-image',
    point: '`name` of an image created without one',
    defaultReading: '""',
    alternativeReading: 'null',
    documentedBy: ['glance-image-schema'],
  },
  {
    name: 'replace-missing-attribute',
    point: 'JSON-patch `replace` of an attribute the image does not have',
    defaultReading: 'sets it, like `add`',
    alternativeReading: '409 "Property … does not exist"',
    documentedBy: ['glance-api-ref-images', 'glance-observed'],
  },
  {
    name: 'add-existing-attribute',
    point: 'JSON-patch `add` of an extension attribute the image already has (PATCH /v2/images)',
    defaultReading: 'replaces it (OTC)',
    alternativeReading: '409 "Property … already present" (Python SDK wording)',
    documentedBy: ['sdk-python-ims', 'glance-observed'],
  },
  {
    name: 'member-job-project-id',
    point: '`project_id` in member-job `entities.results[]`',
    defaultReading: 'present',
    alternativeReading: 'omitted (the OTC member-job example has none)',
    documentedBy: ['otc-job-status', 'otc-batch-add-members'],
  },
  {
    name: 'boolean-extension-attributes',
    point: 'extension attributes the documents type as boolean (`__system_support_market`)',
    defaultReading: 'absent',
    alternativeReading: 'a JSON boolean',
    documentedBy: ['otc-querying-images', 'otc-image-attributes'],
  },
  {
    name: 'tag-count',
    point: 'how many tags one request may carry',
    defaultReading: 'as the spec schema says (caps of 20, 50 where present)',
    alternativeReading: 'no cap',
    documentedBy: ['otc-image-tag-format', 'glance-api-ref-images'],
  },
  {
    name: 'batch-size',
    point: 'how many images/projects a batch member call may name, and duplicates',
    defaultReading: 'as the spec schema says (at most 100, unique, where present)',
    alternativeReading: 'no cap, duplicates allowed',
    documentedBy: ['otc-batch-add-members', 'otc-batch-update-members', 'otc-batch-delete-members'],
  },
  {
    name: 'id-length',
    point: 'length of ids (path, query and body)',
    defaultReading: 'as the spec schema says (at most 64 characters where present)',
    alternativeReading: 'any length (an unknown long id is just unknown)',
    documentedBy: ['otc-native-show-image', 'otc-creating-an-image'],
  },
  {
    name: 'ram-limit',
    point: '`min_ram`/`max_ram` upper bound',
    defaultReading: '≤ 1048576 MB (PATCH /v2/cloudimages; elsewhere as the spec schema says)',
    alternativeReading: 'no upper bound',
    documentedBy: ['otc-creating-an-image', 'otc-updating-an-image'],
  },
  {
    name: 'image-tags-item-fields',
    point: '`image_tags` items without `value`',
    defaultReading: 'as the spec schema says (key and value required where it says so)',
    alternativeReading: 'accepted (value optional)',
    documentedBy: ['otc-creating-data-image', 'otc-image-tag-format'],
  },
  {
    name: 'cloudimages-unknown-image',
    point: 'an unknown image id on the /cloudimages calls',
    defaultReading: '404 IMG.0027',
    alternativeReading: '400 IMG.0027 (the error-code table lists IMG.0027 as 400)',
    documentedBy: ['otc-error-codes'],
  },
  {
    name: 'cloudimages-denial-status',
    point: 'IMG.0026 (not authorized) on the /cloudimages calls',
    defaultReading: '403',
    alternativeReading: '400 (the error-code table lists every IMG code as 400)',
    documentedBy: ['otc-error-codes'],
  },
  {
    name: 'public-image-size',
    point: '`__image_size` of public images (GET /v2/images, /v2/images/{id}, /v2/cloudimages)',
    defaultReading: 'present',
    alternativeReading: 'absent (the OTC examples of public images have none)',
    documentedBy: ['otc-querying-images', 'otc-native-show-image', 'otc-native-list-images'],
  },
  {
    name: 'cloudimages-list-links',
    point: '`file`/`schema` in GET /v2/cloudimages items',
    defaultReading: 'present',
    alternativeReading: 'absent (not in the Querying Images response table)',
    documentedBy: ['otc-querying-images'],
  },
  {
    name: 'image-formats-unset',
    point: '`disk_format`/`container_format` of an image created without them (POST /v2/images)',
    defaultReading: 'zvhd2/bare',
    alternativeReading: 'null until set (Glance)',
    documentedBy: ['glance-image-schema', 'glance-api-ref-images'],
  },
  {
    name: 'create-location-header',
    point: '`Location` header of POST /v2/images',
    defaultReading: 'sent',
    alternativeReading: 'not sent (IMS does not mention it)',
    documentedBy: ['otc-native-create-image'],
  },
  {
    name: 'create-name-length',
    point: '`name` length on POST /v2/images',
    defaultReading: '1–255 (create-metadata page)',
    alternativeReading: 'at most 128 (image attribute table), 400 IMG.0002 beyond',
    documentedBy: ['otc-image-attributes'],
  },
  {
    name: 'quick-import-os-version',
    point: '`os_version` on quick import',
    defaultReading: 'required for system images only (OTC)',
    alternativeReading: 'required always (Python SDK)',
    documentedBy: ['sdk-python-ims'],
  },
  {
    name: 'member-status-pending',
    point: 'PUT member `status: pending`',
    defaultReading: 'accepted (upstream Glance)',
    alternativeReading: '400 (IMS documents accepted/rejected only)',
    documentedBy: ['otc-native-update-member'],
  },
  {
    name: 'delete-v11-status',
    point: 'DELETE /v1.1/images/{id} success status',
    defaultReading: '204 (OTC returned values)',
    alternativeReading: '200 with an empty body (OTC example)',
    documentedBy: ['otc-native-delete-image-v11'],
  },
  {
    name: 'member-add-visibility',
    point: 'POST /v2/images/{id}/members on a private image',
    defaultReading: 'adds the member (and turns the image shared), as IMS',
    alternativeReading: '403 until the owner sets visibility shared (upstream Glance)',
    documentedBy: ['glance-api-ref-sharing'],
  },
  {
    name: 'cloudimages-patch-value',
    point: '`value` of PATCH /v2/cloudimages operations',
    defaultReading: 'a string, required on every op, remove included (OTC, Python SDK)',
    alternativeReading: 'any JSON value, not needed on remove (gophertelekomcloud)',
    documentedBy: ['sdk-go-ims'],
  },
  {
    name: 'min-disk-floor',
    point: 'smallest `min_disk` of a system image (POST /v2/images, /v2/cloudimages/action, quick import)',
    defaultReading: '1 (OTC)',
    alternativeReading: '40 (Python SDK), 400 below',
    documentedBy: ['sdk-python-ims'],
  },
  {
    name: 'versions-credentials',
    point: 'credentials on GET /',
    defaultReading: 'optional (upstream Glance)',
    alternativeReading: 'required, 401 without (the OTC page lists 401)',
    documentedBy: ['otc-native-versions'],
  },
] as const satisfies readonly JudgementPoint[];

export type JudgementName = (typeof JUDGEMENT_POINTS)[number]['name'];

/**
 * Where the `ims-errors` personality answers otherwise than the default: the error situations whose IMS answer
 * (spec/error-situations.yaml, `ims`) differs from the Glance status the default gives. Each names its situation.
 */
export const ERROR_TABLE_POINTS = [
  { situation: 'protected-delete', defaultReading: '403 IMG.0028', imsErrorsReading: '400 IMG.0028' },
  { situation: 'member-adds-member', defaultReading: '403 IMG.0047', imsErrorsReading: '400 IMG.0047' },
  { situation: 'member-removes-member', defaultReading: '403 IMG.0026', imsErrorsReading: '400 IMG.0026' },
  { situation: 'owner-sets-member-status', defaultReading: '403 IMG.0026', imsErrorsReading: '400 IMG.0026' },
  { situation: 'stranger-reads', defaultReading: '404 IMG.0027', imsErrorsReading: '400 IMG.0027' },
  { situation: 'stranger-changes', defaultReading: '404 IMG.0027', imsErrorsReading: '400 IMG.0092 (delete), 400 IMG.0106 (other changes)' },
  { situation: 'unknown-id', defaultReading: '404 IMG.0027', imsErrorsReading: '400 IMG.0027' },
  { situation: 'deleted-id', defaultReading: '404 IMG.0027', imsErrorsReading: '400 IMG.0027' },
  { situation: 'outside-enterprise-project', defaultReading: '404 IMG.0027', imsErrorsReading: '400 IMG.0027' },
  { situation: 'iam-denied', defaultReading: '403 IMG.0026', imsErrorsReading: '400 IMG.0026 (a HEAD: 400, no body)' },
  { situation: 'public-not-shareable', defaultReading: '403 IMG.0089', imsErrorsReading: '400 IMG.0089' },
  { situation: 'public-not-deletable', defaultReading: '403 IMG.0094', imsErrorsReading: '400 IMG.0094' },
  { situation: 'being-created', defaultReading: '409 IMG.0090', imsErrorsReading: '400 IMG.0090' },
  { situation: 'member-duplicated', defaultReading: '409 IMG.0112', imsErrorsReading: '400 IMG.0112' },
] as const;

/** Which reading one mock instance takes at each judgement point. */
export class Readings {
  constructor(readonly variant: MockVariant = 'default') {}

  /** True when this instance answers the judgement point the alternative way. */
  alternative(_point: JudgementName): boolean {
    return this.variant === 'alternative';
  }

  /** True when this instance answers the error situations as the IMS error-code table does (`ERROR_TABLE_POINTS`). */
  imsErrorTable(): boolean {
    return this.variant === 'ims-errors';
  }
}

/**
 * The judgement points, one a line: `name  point: default → alternative  [documented by: ids]`; then the error
 * situations the ims-errors personality answers from the IMS error table.
 */
export function judgementCatalogue(): string {
  const width = Math.max(...JUDGEMENT_POINTS.map((p) => p.name.length), ...ERROR_TABLE_POINTS.map((p) => p.situation.length));
  const points = JUDGEMENT_POINTS.map(
    (p) => `${p.name.padEnd(width)}  ${p.point}: ${p.defaultReading} → ${p.alternativeReading}  [documented by: ${p.documentedBy.join(', ')}]\n`,
  );
  const table = ERROR_TABLE_POINTS.map(
    (p) => `${p.situation.padEnd(width)}  error situation: ${p.defaultReading} → ${p.imsErrorsReading} (ims-errors)  [documented by: otc-error-codes]\n`,
  );
  return [...points, 'ims-errors: the default readings above, and the IMS error table at each error situation (spec/error-situations.yaml):\n', ...table].join(
    '',
  );
}
