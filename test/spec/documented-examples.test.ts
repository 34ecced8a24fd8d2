import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';
import { packageRoot } from '../../src/spec/package-root.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';
import { coveragePage, judgeCorpus, type JudgedExample, PROFILES } from '../../scripts/doc-examples/coverage-page.js';
import type { DocExample } from '../../scripts/doc-examples/corpus.js';
import { requestParameters } from '../../scripts/doc-examples/judge-parameters.js';
import { UNDECLARED_QUERY_PARAMETERS } from '../../scripts/doc-examples/judgements.js';
import { parseRstPage } from '../../scripts/doc-examples/rst-examples.js';

/*
 * The vendor's own examples (spec/sources/doc-examples.yaml, read from the OTC docs by `npm run docs:examples`)
 * hold the spec: a constraint that rejects a documented example — its body, its request line's query and path
 * parameters, the headers it shows — fails here, unless the example is a recorded documentation error, an IMS-only
 * example a profile departs from on purpose, or an undeclared query parameter a judgement accepts
 * (scripts/doc-examples/judgements.ts).
 */

/** The same corpus judged against a copy of the spec in which `plant` changed one operation. */
function rejudgeWith(spec: LoadedSpec, operationId: string, plant: (op: LoadedSpec['operations'][number]) => void, examples: DocExample[]): JudgedExample[] {
  const copy = structuredClone(spec);
  const op = copy.operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no ${operationId}`);
  plant(op);
  return judgeCorpus(examples, { ims: copy, openstack: copy }, new SchemaValidator());
}

const example = (id: string): DocExample => {
  const found = corpus.find((e) => e.id === id);
  if (!found) throw new Error(`no example ${id}`);
  return found;
};
const CLOUDIMAGES_QUERY = 'ims:ims_apis/image/querying_images.rst:203';
const HEAD_V1 = 'ims:native_openstack_apis/image_native_openstack_apis/querying_image_metadata_native_openstack_api_v1_deprecated.rst:103';
const TOKEN = 'iam:apis/token_management/obtaining_a_user_token_through_password_authentication.rst:428';

const root = packageRoot();
const corpus = (parse(readFileSync(join(root, 'spec/sources/doc-examples.yaml'), 'utf8')) as { examples: DocExample[] }).examples;
let judged: JudgedExample[];
let ims: LoadedSpec;
beforeAll(async () => {
  ims = await loadSpec();
  judged = judgeCorpus(corpus, { ims, openstack: await loadSpec(undefined, 'openstack') }, new SchemaValidator());
});

describe('the documented examples', () => {
  it('cover every API page the contract rests on, each with its provenance', () => {
    expect(corpus.length).toBeGreaterThan(100);
    for (const e of corpus) {
      expect(e.source.commit, e.id).toMatch(/^[0-9a-f]{40}$/);
      expect(e.source.line, e.id).toBeGreaterThan(0);
      expect(e.operationId !== undefined || (e.outside ?? '') !== '', `${e.id}: an operation or the reason it is outside`).toBe(true);
    }
    const documented = new Set(corpus.map((e) => e.operationId));
    const withoutExample = ims.operations.map((op) => op.operationId).filter((id) => !documented.has(id));
    // GET /versions has no OTC page (the spec rests it on Glance's api-ref): the only operation without an example.
    expect(withoutExample).toEqual(['listApiVersions']);
  });

  it('name only operations the contract has', () => {
    const known = new Set(ims.operations.map((op) => op.operationId));
    expect(corpus.filter((e) => e.operationId !== undefined && !known.has(e.operationId)).map((e) => e.id)).toEqual([]);
  });

  it('are accepted by the spec under every profile where their operation applies (requests, and responses at their status)', () => {
    const rejected = judged.flatMap(({ example, verdicts }) =>
      example.docError !== undefined
        ? []
        : Object.entries(verdicts).flatMap(([profile, v]) => (v.verdict === 'rejected' ? [`${example.id} (${profile}): ${v.errors.join('; ')}`] : [])),
    );
    expect(rejected).toEqual([]);
    const validated = judged.filter((j) => Object.values(j.verdicts).some((v) => v.verdict === 'valid'));
    expect(validated.length).toBeGreaterThan(70);
  });

  it('list documentation errors only where the example really cannot be held to its page', () => {
    const errors = judged.filter((j) => j.example.docError !== undefined);
    expect(errors.map((j) => j.example.id)).toEqual(['iam:apis/token_management/obtaining_a_user_token_through_password_authentication.rst:428']);
    // A recorded error whose body now parses and validates is stale: it must leave the list.
    for (const { example, verdicts } of errors)
      expect(example.json === undefined || Object.values(verdicts).some((v) => v.verdict === 'rejected'), example.id).toBe(true);
  });

  it('hold each profile departure to an example that profile really rejects, and that ims accepts', () => {
    const departing = judged.filter((j) => Object.values(j.verdicts).some((v) => v.verdict === 'departs'));
    expect(departing.map((j) => j.example.id)).toEqual(['ims:native_openstack_apis/image_native_openstack_apis/deleting_an_image_native_openstack_api.rst:51']);
    for (const j of departing) expect(j.verdicts.ims?.verdict, j.example.id).toBe('valid');
  });

  it('fail the build when a constraint rejects a documented example (here: __image_size required again)', async () => {
    const listed = judged.find((j) => j.example.operationId === 'listImages' && j.example.kind === 'response');
    const strict = structuredClone(ims);
    const op = strict.operations.find((o) => o.operationId === 'listImages');
    const listSchema = op?.responses['200']?.content?.['application/json']?.schema as { properties: { images: { items: { required: string[] } } } } | undefined;
    if (!listSchema) throw new Error('listImages documents no 200 body');
    const itemSchema = listSchema.properties.images.items;
    expect(itemSchema.required).not.toContain('__image_size');
    itemSchema.required = [...itemSchema.required, '__image_size'];
    const rejudged = judgeCorpus([listed?.example as DocExample], { ims: strict, openstack: strict }, new SchemaValidator());
    expect(rejudged[0]?.verdicts.ims).toMatchObject({ verdict: 'rejected' });
  });

  it('send only query parameters their operation declares, each valid against its full schema, and valid path values', () => {
    const rejected = judged.flatMap(({ example, parameters }) =>
      Object.entries(parameters).flatMap(([profile, v]) => (v.verdict === 'rejected' ? [`${example.id} (${profile}): ${v.errors.join('; ')}`] : [])),
    );
    expect(rejected).toEqual([]);
    const withQuery = judged.filter((j) => j.example.operationId !== undefined && (j.example.url ?? '').includes('?'));
    // The example request of GET /v2/cloudimages, GET /v1.1/images/detail, and the "Common Query Methods" of both list pages.
    expect(withQuery.map((j) => j.example.operationId).sort()).toEqual([...Array(6).fill('listCloudImages'), ...Array(5).fill('listImages'), 'listImagesV11']);
    for (const j of withQuery) expect(j.parameters.ims, j.example.id).toMatchObject({ verdict: 'valid' });
    // `limit=1` is held to `type: integer`: the value is read as a server reads it, not as the string it is in the URL.
    expect(judged.find((j) => j.example.id === CLOUDIMAGES_QUERY)?.parameters.ims).toEqual({
      verdict: 'valid',
      judged: ['query __imagetype=gold', 'query sort_key=name', 'query limit=1'],
      excused: [],
    });
    const paths = judged.filter((j) => Object.values(j.parameters).some((v) => v.judged.some((p) => p.startsWith('path ') && !p.endsWith('(a placeholder)'))));
    expect(paths.length).toBeGreaterThan(15);
  });

  it('accept an undeclared query parameter only by a reasoned judgement that an example really needs', () => {
    const excused = judged.flatMap((j) =>
      Object.entries(j.parameters).flatMap(([profile, v]) =>
        v.verdict === 'valid' ? v.excused.map((x) => `${profile} ${j.example.operationId} ${x.name}`) : [],
      ),
    );
    for (const u of UNDECLARED_QUERY_PARAMETERS)
      for (const name of u.names)
        expect(excused, `${u.profile} ${u.operationId} ${name} excuses nothing: remove it`).toContain(`${u.profile} ${u.operationId} ${name}`);
    // Under `ims` every parameter the pages send is declared: nothing there is excused.
    expect(excused.filter((x) => x.startsWith('ims '))).toEqual([]);
  });

  it('show the response headers their operation documents: the required ones, each value of its documented form', () => {
    const rejected = judged.flatMap(({ example, headers }) =>
      Object.entries(headers).flatMap(([profile, v]) => (v.verdict === 'rejected' ? [`${example.id} (${profile}): ${v.errors.join('; ')}`] : [])),
    );
    expect(rejected).toEqual([]);
    const head = judged.find((j) => j.example.id === HEAD_V1)?.headers.ims;
    expect(head?.verdict).toBe('valid');
    expect(head?.judged).toHaveLength(17);
    expect(judged.find((j) => j.example.id === TOKEN)?.headers.ims?.judged).toEqual([expect.stringMatching(/^X-Subject-Token: MII/)]);
  });

  it('fail the build when a query parameter constraint rejects a documented example (a narrower enum), but not on x-valid-subset', () => {
    const query = [example(CLOUDIMAGES_QUERY)];
    const narrowed = (schema: unknown, extra: object): object => ({ ...(schema as object), ...extra });
    const plantOn = (name: string, extra: object) => (op: LoadedSpec['operations'][number]) => {
      const param = op.parameters.find((p) => p.in === 'query' && p.name === name);
      if (!param) throw new Error(`listCloudImages has no ${name}`);
      param.schema = narrowed(param.schema, extra);
    };
    expect(rejudgeWith(ims, 'listCloudImages', plantOn('__imagetype', { enum: ['private', 'shared'] }), query)[0]?.parameters.ims).toMatchObject({
      verdict: 'rejected',
      errors: ['query __imagetype=gold: must be equal to one of the allowed values'],
    });
    expect(rejudgeWith(ims, 'listCloudImages', plantOn('limit', { maximum: 0 }), query)[0]?.parameters.ims).toMatchObject({ verdict: 'rejected' });
    // What the suite only sends as valid narrows nothing the suite accepts.
    expect(rejudgeWith(ims, 'listCloudImages', plantOn('__imagetype', { 'x-valid-subset': { enum: ['private'] } }), query)[0]?.parameters.ims).toMatchObject({
      verdict: 'valid',
    });
    const undeclared = rejudgeWith(
      ims,
      'listCloudImages',
      (op) => {
        op.parameters = op.parameters.filter((p) => p.name !== 'sort_key');
      },
      query,
    );
    expect(undeclared[0]?.parameters.ims).toMatchObject({ verdict: 'rejected', errors: ['query parameter sort_key is not declared by listCloudImages'] });
  });

  it('fail the build when a path parameter constraint rejects a documented example', () => {
    const job = [example('ims:ims_apis/image_jobs/querying_the_status_of_an_asynchronous_job.rst:45')];
    const rejudged = rejudgeWith(
      ims,
      'showJob',
      (op) => {
        const param = op.parameters.find((p) => p.name === 'job_id');
        if (param) param.schema = { type: 'string', format: 'uuid' };
      },
      job,
    );
    expect(rejudged[0]?.parameters.ims).toMatchObject({
      verdict: 'rejected',
      errors: [expect.stringMatching(/^path job_id=ff8080814dbd65d7014dbe0d84db0013: must match format "uuid"/)],
    });
  });

  it('fail the build when a header constraint rejects a documented example (a narrower enum, a header made required)', () => {
    const head = [example(HEAD_V1)];
    const headers = (op: LoadedSpec['operations'][number]) => op.responses['200']?.headers as Record<string, { required?: boolean; schema?: object }>;
    const narrower = rejudgeWith(
      ims,
      'showImageMetadataV1',
      (op) => {
        headers(op)['X-Image-Meta-Status'] = { required: true, schema: { type: 'string', enum: ['queued'] } };
      },
      head,
    );
    expect(narrower[0]?.headers.ims).toMatchObject({
      verdict: 'rejected',
      errors: ['X-Image-Meta-Status: active: must be equal to one of the allowed values'],
    });
    const required = rejudgeWith(
      ims,
      'showImageMetadataV1',
      (op) => {
        headers(op)['X-Image-Meta-Virtual_size'] = { required: true, schema: { type: 'string' } };
      },
      head,
    );
    expect(required[0]?.headers.ims).toMatchObject({ verdict: 'rejected', errors: ['X-Image-Meta-Virtual_size is required but the example does not show it'] });
  });

  it('are shown in docs/documented-examples.md as the script writes it (npm run docs:examples)', () => {
    expect(readFileSync(join(root, 'docs/documented-examples.md'), 'utf8')).toBe(coveragePage(judged));
  });

  it('judge under both profiles', () => {
    expect(PROFILES).toEqual(['ims', 'openstack']);
    expect(judged.some((j) => j.verdicts.openstack?.verdict === 'valid')).toBe(true);
  });
});

describe('the page reader (scripts/doc-examples/rst-examples.ts)', () => {
  const page = [
    'Querying Things',
    '===============',
    '',
    'URI',
    '---',
    '',
    'POST /v2/things/{thing_id}',
    '',
    'Example Request',
    '---------------',
    '',
    '-  Making a thing (first case)',
    '',
    '   .. code-block:: text',
    '',
    '      POST https://{Endpoint}/v2/things/abc',
    '      POST https://{Endpoint}/v2.1/things/abc',
    '',
    '      {"name": "t"}',
    '',
    'Response',
    '--------',
    '',
    '-  Example response',
    '',
    '   .. code-block:: text',
    '',
    '      STATUS CODE 201',
    '',
    '   ::',
    '',
    '      Content-Type: application/json',
    '      {',
    '        "id": "abc",',
    '      }',
    '',
    '-  Example response (bare)',
    '',
    '   .. code-block::',
    '',
    '      {"id": "def"}',
    '',
    'Returned Values',
    '---------------',
    '',
    '-  Normal',
    '',
    '   202',
  ].join('\n');

  it('reads the URI, the request lines and body, a status block with the literal block after it, and a bare body', () => {
    const read = parseRstPage(page);
    expect(read.title).toBe('Querying Things');
    expect(read.apis).toEqual([{ method: 'POST', path: '/v2/things/{thing_id}' }]);
    expect(read.normalStatus).toBe(202);
    expect(read.examples).toEqual([
      {
        kind: 'request',
        line: 16,
        method: 'POST',
        url: 'https://{Endpoint}/v2/things/abc',
        alsoUrls: ['https://{Endpoint}/v2.1/things/abc'],
        headers: {},
        bodyText: '{"name": "t"}',
        caption: 'Making a thing (first case)',
      },
      {
        kind: 'response',
        line: 32,
        status: 201,
        headers: { 'Content-Type': 'application/json' },
        bodyText: '{\n  "id": "abc",\n}',
        caption: 'Example response',
      },
      { kind: 'response', line: 41, status: 202, headers: {}, bodyText: '{"id": "def"}', caption: 'Example response (bare)' },
    ]);
  });

  it('reads a query shown in running text (the list pages\' "Common Query Methods") as a request example with no body', () => {
    const read = parseRstPage(
      [
        'Listing Things',
        '==============',
        '',
        'GET /v2/things',
        '',
        'Common Query Methods',
        '--------------------',
        '',
        '-  Public things',
        '',
        '   GET /v2/things?visibility=public&limit=2',
        '',
      ].join('\n'),
    );
    expect(read.apis).toEqual([{ method: 'GET', path: '/v2/things' }]);
    expect(read.examples).toEqual([
      { kind: 'request', line: 11, method: 'GET', url: '/v2/things?visibility=public&limit=2', headers: {}, bodyText: '', caption: 'Public things' },
    ]);
  });
});

describe('the request line reader (scripts/doc-examples/judge-parameters.ts)', () => {
  it('reads path values where the template has a variable, and every query parameter', () => {
    expect(requestParameters('/v1/{project_id}/jobs/{job_id}', 'GET https://{Endpoint}/v1/p1/jobs/j%2F1?a=1&b=x%20y')).toEqual([
      { in: 'path', name: 'project_id', value: 'p1' },
      { in: 'path', name: 'job_id', value: 'j/1' },
      { in: 'query', name: 'a', value: '1' },
      { in: 'query', name: 'b', value: 'x y' },
    ]);
    // Another version's path (Nova's v2 beside the contract's v2.1) carries no path value of this template.
    expect(requestParameters('/v2.1/{project_id}/servers/{server_id}/action', 'POST /v2/{project_id}/servers/{server_id}/action')).toEqual([]);
  });
});
