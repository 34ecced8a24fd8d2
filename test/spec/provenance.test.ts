import type { OpenAPIV3_1 } from 'openapi-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';
import { loadPermissionTable } from '../../src/spec/permissions-table.js';
import { auditProvenance } from '../../src/spec/provenance-audit.js';
import { describeDocs, documentedStandIn, errorCodeStatuses, loadDocuments, provenanceAt, type DocumentEntry } from '../../src/spec/provenance.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

let ims: LoadedSpec;
let openstack: LoadedSpec;
let documents: Map<string, DocumentEntry>;
beforeAll(async () => {
  ims = await loadSpec();
  openstack = await loadSpec(undefined, 'openstack');
  documents = loadDocuments();
});

/** A copy of the document with `change` applied: the loaded spec is shared and must stay as it is. */
const mutated = (document: OpenAPIV3_1.Document, change: (doc: any) => void): OpenAPIV3_1.Document => {
  const copy = structuredClone(document);
  change(copy);
  return copy;
};

describe('the document registry (spec/sources/documents.yaml)', () => {
  it('gives every document a title, an address and a kind', () => {
    expect(documents.size).toBeGreaterThan(40);
    for (const [id, doc] of documents) {
      expect(doc.title, id).toMatch(/\S/);
      expect(doc.url, id).toMatch(/^(https:\/\/|shared\/)/);
      expect(['seed-table', 'seed-page', 'vendor-page', 'upstream', 'sdk', 'rfc', 'observed'], id).toContain(doc.kind);
    }
  });

  it('names every seed document as the transcription of the permission tables does (spec/sources/permissions.yaml)', () => {
    for (const source of loadPermissionTable().sources) expect(documents.get(`seed-${source.id}`)?.url, source.id).toBe(`shared/${source.file}`);
  });
});

describe('provenance audit: nothing that can fail a target is unsourced', () => {
  it('finds every constraint and every response status of the ims contract sourced, by ids the registry lists', () => {
    expect(auditProvenance(ims.document, documents)).toEqual({ unsourced: [], unknown: [] });
  });

  it('finds the openstack profile’s patched contract sourced too', () => {
    expect(auditProvenance(openstack.document, documents)).toEqual({ unsourced: [], unknown: [] });
  });

  it('sees every kind of constraint and every status: without any x-doc, each of them is named', () => {
    const bare = JSON.parse(
      JSON.stringify(ims.document, (key, value: unknown) => (key === 'x-doc' || key === 'x-advisory' ? undefined : value)),
    ) as OpenAPIV3_1.Document;
    const { unsourced } = auditProvenance(bare, documents);
    const kinds = new Set(
      unsourced.map((line) => /\/([A-Za-z]+)$/.exec(line)?.[1] ?? (line.includes('(status ') ? 'status' : line.includes('(operation ') ? 'operation' : '?')),
    );
    for (const kind of [
      'type',
      'enum',
      'const',
      'pattern',
      'format',
      'minLength',
      'maxLength',
      'minimum',
      'maximum',
      'maxItems',
      'required',
      'additionalProperties',
      'if',
      'oneOf',
      'anyOf',
      'not',
      'minProperties',
      'maxProperties',
      'status',
      'operation',
    ])
      expect(kinds, kind).toContain(kind);
    // The doctor's probes (x-probe) are held to the same provenance as the operations under test.
    const every = [...ims.operations, ...ims.probes];
    expect(unsourced.filter((line) => line.includes('(status ')).length).toBe(every.reduce((n, op) => n + Object.keys(op.responses).length, 0));
    expect(unsourced.filter((line) => line.includes('(operation ')).length).toBe(every.length);
  });

  it('names the constraints an x-doc stops covering when it is stripped from a shared schema', () => {
    // The dereferenced `Image` is one object wherever it is used, so every operation returning it loses the source.
    const stripped = mutated(ims.document, (doc) => {
      const image = doc.paths['/v2/images/{image_id}'].get.responses['200'].content['application/json'].schema;
      delete image['x-doc'];
      delete image.allOf[1]['x-doc'];
    });
    const { unsourced } = auditProvenance(stripped, documents);
    const showImage = '#/paths/~1v2~1images~1{image_id}/get/responses/200/content/application~1json/schema';
    expect(unsourced).toEqual(expect.arrayContaining([`${showImage}/type`, `${showImage}/required`, `${showImage}/allOf/1/properties/__imagetype/enum`]));
    // What keeps its own x-doc (the Glance part, the shared enums) stays sourced.
    expect(unsourced.filter((line) => line.includes('/allOf/0/') || line.includes('/properties/status/'))).toEqual([]);
  });

  it('names a response status whose x-doc is stripped', () => {
    const stripped = mutated(ims.document, (doc) => {
      delete doc.paths['/v1/{project_id}/jobs/{job_id}'].get.responses['404']['x-doc'];
    });
    expect(auditProvenance(stripped, documents).unsourced).toEqual(['#/paths/~1v1~1{project_id}~1jobs~1{job_id}/get/responses/404 (status 404 of showJob)']);
  });

  it('names a required response header whose schema loses its x-doc', () => {
    const stripped = mutated(ims.document, (doc) => {
      delete doc.paths['/v1/images/{image_id}'].head.responses['200'].headers['X-Image-Meta-Status'].schema['x-doc'];
    });
    const at = '#/paths/~1v1~1images~1{image_id}/head/responses/200/headers/X-Image-Meta-Status';
    expect(auditProvenance(stripped, documents).unsourced).toEqual([`${at}/schema/type`, `${at}/schema/enum`, `${at}/required`]);
  });

  it('does not let the operation’s x-doc stand in for a schema constraint', () => {
    const stripped = mutated(ims.document, (doc) => {
      const op = doc.paths['/v2/cloudimages/{image_id}'].patch;
      expect(op['x-doc']).toBeDefined();
      delete op.requestBody.content['application/json'].schema['x-doc'];
    });
    const { unsourced } = auditProvenance(stripped, documents);
    expect(unsourced).toContain('#/paths/~1v2~1cloudimages~1{image_id}/patch/requestBody/content/application~1json/schema/type');
    expect(unsourced).toContain('#/paths/~1v2~1cloudimages~1{image_id}/patch/requestBody/content/application~1json/schema/items/required');
  });

  it('counts an x-advisory as the reasoning behind a constraint, and wants the reasoning written', () => {
    const advised = mutated(ims.document, (doc) => {
      const schema = doc.paths['/v2/cloudimages/{image_id}'].patch.requestBody.content['application/json'].schema;
      delete schema['x-doc'];
      schema['x-advisory'] = 'the spec’s own reading';
      schema.items.properties.op['x-advisory'] = ' ';
    });
    const audit = auditProvenance(advised, documents);
    expect(audit.unsourced).toEqual([]);
    expect(audit.unknown).toEqual([
      '#/paths/~1v2~1cloudimages~1{image_id}/patch/requestBody/content/application~1json/schema/items/properties/op: x-advisory must give its reasoning',
    ]);
  });

  it('fails on an x-doc id the registry lacks, on an operation without its pages, and on an unlisted prerequisite source', () => {
    const wrong = mutated(ims.document, (doc) => {
      doc.paths['/v2/images'].get.responses['200']['x-doc'] = ['otc-no-such-page'];
      delete doc.paths['/v1/{project_id}/jobs/{job_id}'].get['x-doc'];
      doc.paths['/v1/cloudimages/{image_id}/file'].post['x-iam-prerequisites'][0].source = 'seed-T999';
    });
    const audit = auditProvenance(wrong, documents);
    expect(audit.unknown.sort()).toEqual([
      '#/paths/~1v1~1cloudimages~1{image_id}~1file/post/x-iam-prerequisites: source seed-T999 is not in spec/sources/documents.yaml',
      '#/paths/~1v2~1images/get/responses/200: x-doc otc-no-such-page is not in spec/sources/documents.yaml',
    ]);
    expect(audit.unsourced).toEqual(['#/paths/~1v1~1{project_id}~1jobs~1{job_id}/get (operation showJob carries no x-doc)']);
  });
});

describe('judgement calls in the spec accept every documented reading', () => {
  const op = (spec: LoadedSpec, id: string) => spec.operations.find((o) => o.operationId === id)!;
  const body = (spec: LoadedSpec, id: string, media = 'application/json'): object => op(spec, id).requestBody!.content![media]!.schema as object;
  const validator = new SchemaValidator();

  it('lets an empty JSON patch through and ignores a value on remove (RFC 6902)', () => {
    const patch = body(ims, 'updateImage', 'application/openstack-images-v2.1-json-patch');
    expect(validator.validate(patch, []).valid).toBe(true);
    expect(validator.validate(patch, [{ op: 'remove', path: '/foo', value: 'ignored' }]).valid).toBe(true);
    expect(validator.validate(patch, [{ op: 'replace', path: '/name' }]).valid).toBe(false);
  });

  it('does not reject unknown body fields where only Nova documents that', () => {
    expect(validator.validate(body(ims, 'deleteImage'), { delete_backup: false, unexpected_field: 'x' }).valid).toBe(true);
    expect(validator.validate(body(ims, 'addImageMember'), { member: 'p2', unexpected_field: 'x' }).valid).toBe(true);
    expect(validator.validate(body(ims, 'createServerImage'), { createImage: { name: 'n' }, unexpected_field: 'x' }).valid).toBe(false);
  });

  it('accepts a nameless image and boolean extension attributes in responses', () => {
    const image = op(ims, 'showImage').responses['200']!.content!['application/json']!.schema as object;
    const example = (image as { examples: Record<string, unknown>[] }).examples[0]!;
    expect(validator.validate(image, { ...example, name: null, __system_support_market: true }).valid).toBe(true);
  });

  it('lists the IMS error codes whose status the documents disagree on, with every status they give', () => {
    expect(errorCodeStatuses(ims.document)).toEqual(
      new Map([
        ['IMG.0026', [400, 403]],
        ['IMG.0027', [400, 404]],
        ['IMG.0086', [400, 404]],
        ['IMG.0144', [400, 404]],
      ]),
    );
    // A check holds only the operation: its dereferenced responses carry the table too.
    expect(errorCodeStatuses(op(ims, 'updateCloudImage').responses).get('IMG.0027')).toEqual([400, 404]);
    const notFound = op(ims, 'showImage').responses['404']!.content!['application/json']!.examples!;
    expect(JSON.stringify(notFound)).not.toContain('IMG.0027');
  });

  it('lets a 400 not-found code (IMG.0027, IMG.0086, IMG.0144) stand in for a 404 and a 400 IMG.0026 for a 403, nothing else', () => {
    const table = errorCodeStatuses(ims.document);
    const imsError = (code: string) => ({ error: { code, message: 'm' } });
    expect(documentedStandIn(table, imsError('IMG.0027'), 404, 400)).toBe(true);
    expect(documentedStandIn(table, imsError('IMG.0086'), 404, 400)).toBe(true);
    expect(documentedStandIn(table, imsError('IMG.0144'), 404, 400)).toBe(true);
    expect(documentedStandIn(table, imsError('IMG.0144'), 403, 400)).toBe(false);
    expect(documentedStandIn(table, imsError('IMG.0026'), 403, 400)).toBe(true);
    expect(documentedStandIn(table, imsError('IMG.0027'), 403, 400)).toBe(false);
    expect(documentedStandIn(table, imsError('IMG.0001'), 404, 400)).toBe(false);
    expect(documentedStandIn(table, { code: '404 Not Found', title: 'Not Found', message: 'm' }, 404, 400)).toBe(false);
    expect(documentedStandIn(table, undefined, 404, 400)).toBe(false);
  });

  it('states 400 and 404 as the documented answers to an unknown id on the job and /cloudimages calls', () => {
    for (const id of ['showJob', 'updateCloudImage', 'registerImage', 'exportImage']) expect(op(ims, id).unknownIdStatuses, id).toEqual([400, 404]);
    expect(op(ims, 'showImage').unknownIdStatuses).toEqual([404]);
  });
});

describe('provenanceAt: the nearest x-doc / x-advisory above a node', () => {
  const root = {
    'x-doc': 'otc-creating-an-image',
    type: 'object',
    properties: {
      name: { type: 'string', maxLength: 128 },
      'a/b': { 'x-doc': ['rfc6902', 'rfc9110'], type: 'string' },
      vault_id: { type: 'string', maxLength: 64, 'x-advisory': 'no document states a limit' },
      nested: { 'x-advisory': 'our reading', type: 'object', properties: { id: { 'x-doc': 'sdk-python-ims', type: 'string' }, other: { type: 'integer' } } },
    },
    allOf: [{ required: ['name'] }, { 'x-doc': 'otc-error-codes', required: ['name'] }],
  };

  it('walks an ajv schemaPath down to the keyword, inheriting from the root', () => {
    expect(provenanceAt(root, '#/properties/name/maxLength')).toEqual({ docs: ['otc-creating-an-image'] });
    expect(provenanceAt(root, '#/allOf/0/required')).toEqual({ docs: ['otc-creating-an-image'] });
    expect(provenanceAt(root, '#/allOf/1/required')).toEqual({ docs: ['otc-error-codes'] });
  });

  it('reads JSON pointers with escapes, and URI-encoded ajv paths', () => {
    expect(provenanceAt(root, '/properties/a~1b/type')).toEqual({ docs: ['rfc6902', 'rfc9110'] });
    expect(provenanceAt(root, '#/properties/a~1b')).toEqual({ docs: ['rfc6902', 'rfc9110'] });
    expect(provenanceAt({ properties: { 'x y': { 'x-doc': 'rfc9110' } } }, '#/properties/x%20y/type')).toEqual({ docs: ['rfc9110'] });
  });

  it('reports an advisory with its reasoning, below it too, unless a deeper x-doc takes over', () => {
    expect(provenanceAt(root, '#/properties/vault_id/maxLength')).toEqual({ docs: ['otc-creating-an-image'], advisory: 'no document states a limit' });
    expect(provenanceAt(root, '#/properties/nested/properties/other/type')).toEqual({ docs: ['otc-creating-an-image'], advisory: 'our reading' });
    expect(provenanceAt(root, '#/properties/nested/properties/id/type')).toEqual({ docs: ['sdk-python-ims'] });
  });

  it('gives no documents where none is written, and stops at a path that leaves the schema', () => {
    expect(provenanceAt({ type: 'string' }, '#/type')).toEqual({ docs: [] });
    expect(provenanceAt(root, '#/properties/missing/deeper/type')).toEqual({ docs: ['otc-creating-an-image'] });
    expect(provenanceAt(root, '')).toEqual({ docs: ['otc-creating-an-image'] });
  });

  it('finds the source of a real spec constraint from the schema path ajv reports', () => {
    const validator = new SchemaValidator();
    const schema = ims.operations.find((o) => o.operationId === 'updateCloudImage')!.requestBody!.content!['application/json']!.schema as object;
    const fn = validator.compile(schema);
    fn([{ op: 'replace', path: '/name', value: 7 }]);
    const typeError = fn.errors!.find((e) => e.keyword === 'type')!;
    const found = provenanceAt(schema, typeError.schemaPath);
    expect(found.docs).toEqual(['otc-updating-an-image', 'sdk-python-ims']);
    expect(found.advisory).toMatch(/gophertelekomcloud/);
  });
});

describe('describeDocs', () => {
  it('writes title and address of each document for a report', () => {
    expect(describeDocs(['rfc6902', 'otc-creating-an-image'], documents)).toBe(
      'RFC 6902: JavaScript Object Notation (JSON) Patch (https://www.rfc-editor.org/rfc/rfc6902); ' +
        'OTC IMS API reference: Creating an Image (POST /v2/cloudimages/action) (https://github.com/opentelekomcloud-docs/image-management-service/blob/main/api-ref/source/ims_apis/image/creating_an_image.rst)',
    );
  });

  it('names an unknown id instead of hiding it', () => {
    expect(describeDocs(['nope'], documents)).toBe('nope (not in spec/sources/documents.yaml)');
    expect(describeDocs([])).toBe('');
  });
});
