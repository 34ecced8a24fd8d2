import { beforeAll, describe, expect, it } from 'vitest';
import { contentType } from '../../src/checks/content-type.js';
import type { Check } from '../../src/checks/finding.js';
import { levelOf } from '../../src/model/finding.js';
import { responseHeaders } from '../../src/checks/response-headers.js';
import { responseSchema } from '../../src/checks/response-schema.js';
import * as scenario from '../../src/checks/scenario-checks.js';
import * as situation from '../../src/checks/situation-checks.js';
import { ErrorSituations, loadErrorSituations } from '../../src/spec/error-situations.js';
import { statusDocumented } from '../../src/checks/status-documented.js';
import type { Exchange } from '../../src/model/exchange.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

/** Each check is a pure function: an exchange in, findings out. Every row says what comes out. */
const situations = new ErrorSituations(loadErrorSituations(), 'ims');
const ctx = { validator: new SchemaValidator() };
let showImage: SpecOperation;
let deleteImage: SpecOperation;
let headImageV1: SpecOperation;

beforeAll(async () => {
  const spec = await loadSpec();
  const find = (id: string): SpecOperation => {
    const op = spec.operations.find((o) => o.operationId === id);
    if (!op) throw new Error(`no ${id}`);
    return op;
  };
  showImage = find('showImage');
  deleteImage = find('deleteImage');
  headImageV1 = find('showImageMetadataV1');
});

const IMAGE = {
  id: '4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba90',
  name: 'ims_test',
  status: 'active',
  visibility: 'private',
  protected: false,
  owner: '1bed856811654c1cb661a6ca845ebc77',
  tags: [],
  created_at: '2018-09-06T14:03:27Z',
  updated_at: '2018-09-06T15:11:40Z',
  self: '/v2/images/4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba90',
  file: '/v2/images/4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba90/file',
  schema: '/v2/schemas/image',
  min_disk: 40,
  min_ram: 0,
  disk_format: 'zvhd2',
  container_format: 'bare',
  __imagetype: 'private',
  __isregistered: 'true',
  __os_type: 'Linux',
  virtual_env_type: 'FusionCompute',
  __image_source_type: 'uds',
  __image_size: '449261568',
};
/** The v1 HEAD answer: every header its page marks present, as the OTC example shows them. */
const V1_HEADERS: Record<string, string> = {
  'x-image-meta-id': '4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba90',
  'x-image-meta-name': 'test',
  'x-image-meta-status': 'active',
  'x-image-meta-deleted': 'False',
  'x-image-meta-protected': 'False',
  'x-image-meta-min_disk': '40',
  'x-image-meta-min_ram': '0',
  'x-image-meta-created_at': '2016-05-22T06:04:20.425843',
  'x-image-meta-updated_at': '2016-05-22T06:04:20.425843',
  'x-image-meta-is_public': 'False',
  'x-image-meta-owner': 'edc89b490d7d4392898e19b2deb34797',
};

const ERROR = { error: { code: 'IMG.0027', message: 'not found' } };

function exchange(op: () => SpecOperation, status: number, body?: unknown, headers: Record<string, string> = {}, method = 'GET'): () => Exchange {
  return () => {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const contentTypeHeader: Record<string, string> =
      body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' };
    return {
      operation: op(),
      request: { method, url: 'http://t/x', headers: {} },
      response: { status, headers: { ...contentTypeHeader, ...headers }, body, text },
    };
  };
}

interface Row {
  what: string;
  check: Check;
  exchange: () => Exchange;
  /** The levels of the findings, in order: [] = held. */
  levels: string[];
}

const show = (): SpecOperation => showImage;
const del = (): SpecOperation => deleteImage;

const ROWS: Row[] = [
  { what: 'status-documented: a documented status holds', check: statusDocumented, exchange: exchange(show, 200, IMAGE), levels: [] },
  { what: 'status-documented: 302 is not documented', check: statusDocumented, exchange: exchange(show, 302), levels: ['failure'] },
  { what: 'content-type: JSON labelled JSON holds', check: contentType, exchange: exchange(show, 200, IMAGE), levels: [] },
  {
    what: 'content-type: JSON labelled text/plain fails',
    check: contentType,
    exchange: exchange(show, 200, IMAGE, { 'content-type': 'text/plain' }),
    levels: ['failure'],
  },
  { what: 'content-type: an undocumented status has nothing to judge', check: contentType, exchange: exchange(show, 422, ERROR), levels: ['not-applicable'] },
  {
    what: 'content-type: a 204 without body has nothing to judge',
    check: contentType,
    exchange: exchange(del, 204, undefined, {}, 'DELETE'),
    levels: ['not-applicable'],
  },
  { what: 'response-schema: the documented image holds', check: responseSchema, exchange: exchange(show, 200, IMAGE), levels: [] },
  {
    what: 'response-schema: an image without status fails',
    check: responseSchema,
    exchange: exchange(show, 200, { ...IMAGE, status: undefined }),
    levels: ['failure'],
  },
  {
    what: 'response-schema: a text body where JSON is documented fails',
    check: responseSchema,
    exchange: exchange(show, 404, 'Not Found'),
    levels: ['failure'],
  },
  {
    what: 'response-schema: an undocumented status has nothing to judge',
    check: responseSchema,
    exchange: exchange(show, 422, ERROR),
    levels: ['not-applicable'],
  },
  {
    what: 'response-schema: a 204 documents no body: nothing to judge',
    check: responseSchema,
    exchange: exchange(del, 204, undefined, {}, 'DELETE'),
    levels: ['not-applicable'],
  },
  { what: 'response-headers: absent optional headers hold', check: responseHeaders, exchange: exchange(show, 200, IMAGE), levels: [] },
  {
    what: 'response-headers: every required header present holds',
    check: responseHeaders,
    exchange: exchange(() => headImageV1, 200, undefined, V1_HEADERS, 'HEAD'),
    levels: [],
  },
  {
    what: 'response-headers: a required header missing fails',
    check: responseHeaders,
    exchange: exchange(
      () => headImageV1,
      200,
      undefined,
      Object.fromEntries(Object.entries(V1_HEADERS).filter(([name]) => name !== 'x-image-meta-id')),
      'HEAD',
    ),
    levels: ['failure'],
  },
  {
    what: 'response-headers: a header outside its documented form fails',
    check: responseHeaders,
    exchange: exchange(() => headImageV1, 200, undefined, { ...V1_HEADERS, 'x-image-meta-deleted': 'maybe' }, 'HEAD'),
    levels: ['failure'],
  },
  { what: 'response-headers: an undocumented status has nothing to judge', check: responseHeaders, exchange: exchange(show, 302), levels: ['not-applicable'] },
  { what: 'no-server-error: 404 holds', check: scenario.noServerError, exchange: exchange(show, 404, ERROR), levels: [] },
  { what: 'no-server-error: 500 fails', check: scenario.noServerError, exchange: exchange(show, 500, ERROR), levels: ['failure'] },
  { what: 'status-expected: 200 where 200 is expected', check: scenario.statusExpected([200]), exchange: exchange(show, 200, IMAGE), levels: [] },
  { what: 'status-expected: 201 where 200 is expected', check: scenario.statusExpected([200]), exchange: exchange(show, 201, IMAGE), levels: ['failure'] },
  { what: 'auth-missing: 401 holds', check: scenario.authMissing, exchange: exchange(show, 401, ERROR), levels: [] },
  { what: 'auth-missing: served with 200 fails', check: scenario.authMissing, exchange: exchange(show, 200, IMAGE), levels: ['failure'] },
  { what: 'auth-invalid: 401 holds', check: scenario.authInvalid, exchange: exchange(show, 401, ERROR), levels: [] },
  { what: 'auth-invalid: 403 fails', check: scenario.authInvalid, exchange: exchange(show, 403, ERROR), levels: ['failure'] },
  { what: 'iam-denied: 403 with an error body holds', check: situation.iamDenied(situations), exchange: exchange(show, 403, ERROR), levels: [] },
  { what: 'iam-denied: 200 fails', check: situation.iamDenied(situations), exchange: exchange(show, 200, IMAGE), levels: ['failure'] },
  { what: 'unknown-id-404: 404 holds', check: situation.unknownIdStatus(situations), exchange: exchange(show, 404, ERROR), levels: [] },
  { what: 'unknown-id-404: 403 fails', check: situation.unknownIdStatus(situations), exchange: exchange(show, 403, ERROR), levels: ['failure'] },
  { what: 'tenant-isolation: 404 holds', check: situation.tenantIsolation(situations), exchange: exchange(show, 404, ERROR), levels: [] },
  { what: 'tenant-isolation: 200 fails', check: situation.tenantIsolation(situations), exchange: exchange(show, 200, IMAGE), levels: ['failure'] },
  { what: 'ep-isolation: 404 holds', check: situation.epIsolation(situations), exchange: exchange(show, 404, ERROR), levels: [] },
  { what: 'ep-isolation: 200 fails', check: situation.epIsolation(situations), exchange: exchange(show, 200, IMAGE), levels: ['failure'] },
  { what: 'invalid-input-rejected: 400 holds', check: scenario.invalidInputRejected, exchange: exchange(show, 400, ERROR), levels: [] },
  { what: 'invalid-input-rejected: 200 fails', check: scenario.invalidInputRejected, exchange: exchange(show, 200, IMAGE), levels: ['failure'] },
  { what: 'use-after-delete: 404 holds', check: situation.useAfterDelete(situations), exchange: exchange(show, 404, ERROR), levels: [] },
  { what: 'use-after-delete: 200 fails', check: situation.useAfterDelete(situations), exchange: exchange(show, 200, IMAGE), levels: ['failure'] },
  { what: 'created-readable: 200 holds', check: scenario.createdReadable, exchange: exchange(show, 200, IMAGE), levels: [] },
  { what: 'created-readable: 404 fails', check: scenario.createdReadable, exchange: exchange(show, 404, ERROR), levels: ['failure'] },
  {
    what: 'sharing-semantics: the rule’s status holds',
    check: scenario.sharingSemantics([403], 'only the owner adds members'),
    exchange: exchange(show, 403, ERROR),
    levels: [],
  },
  {
    what: 'sharing-semantics: another status fails',
    check: scenario.sharingSemantics([403], 'only the owner adds members'),
    exchange: exchange(show, 200, IMAGE),
    levels: ['failure'],
  },
];

describe('checks: exchange in, findings out', () => {
  it.each(ROWS)('$what', ({ check, exchange: make, levels }) => {
    const findings = check(make(), ctx);
    expect(findings.map(levelOf)).toEqual(levels);
  });

  it('every failure names the documents it rests on', () => {
    for (const row of ROWS.filter((r) => r.levels.includes('failure'))) {
      const findings = row.check(row.exchange(), ctx).filter((f) => levelOf(f) === 'failure');
      for (const f of findings) expect(f.documentedBy?.length ?? 0, row.what).toBeGreaterThan(0);
    }
  });
});
