import { beforeAll, describe, expect, it } from 'vitest';
import { describedBy, versionsServed } from '../../src/checks/rules/discovery.js';
import { namedImage } from '../../src/checks/rules/server-image.js';
import type { Exchange } from '../../src/model/exchange.js';
import { levelOf } from '../../src/model/finding.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

/** The discovery and Nova rules of effect are pure: exchanges in, findings (citing their pages) out. */
const ctx = { validator: new SchemaValidator() };
let op: SpecOperation;
beforeAll(async () => {
  op = (await loadSpec()).operations.find((o) => o.operationId === 'listVersions') as SpecOperation;
});

const answer = (status: number, body?: unknown, headers: Record<string, string> = {}): Exchange => ({
  operation: op,
  request: { method: 'GET', url: 'http://t/x', headers: {} },
  response: { status, headers, body, text: body === undefined ? '' : JSON.stringify(body) },
});
const version = (id: string, status: string) => ({ id, status, links: [{ href: 'http://t/v2/', rel: 'self' }] });

describe('versions-served', () => {
  it('passes a document offering v2 as CURRENT or SUPPORTED, as Glance 25 and the OTC page list them', () => {
    expect(versionsServed(answer(300, { versions: [version('v2.16', 'CURRENT'), version('v2.0', 'SUPPORTED')] }), ctx)).toEqual([]);
    expect(versionsServed(answer(200, { versions: [version('v2.2', 'SUPPORTED'), version('v3.0', 'CURRENT')] }), ctx)).toEqual([]);
  });

  it('fails a document offering v2 only as DEPRECATED, or not at all, citing the version pages', () => {
    const [f] = versionsServed(answer(300, { versions: [version('v2.0', 'DEPRECATED'), version('v1.1', 'DEPRECATED')] }), ctx);
    expect(f && levelOf(f)).toBe('failure');
    expect(f?.documentedBy).toEqual(['otc-native-versions', 'glance-api-ref-versions']);
  });

  it('leaves an error answer unjudged', () => {
    expect(versionsServed(answer(404, { error: 'x' }), ctx).map(levelOf)).toEqual(['not-applicable']);
  });
});

describe('served-schema-describes', () => {
  const schema = answer(200, {
    name: 'image',
    properties: { id: { type: 'string' }, min_disk: { type: 'integer' } },
    additionalProperties: { type: 'string' },
  });
  const eachImage = describedBy(schema, 'image', (body) => body.images as unknown[]);

  it('passes images the served schema describes, Glance keywords (links) and all', () => {
    expect(eachImage(answer(200, { images: [{ id: 'a', min_disk: 0, custom: 'x' }] }), ctx)).toEqual([]);
  });

  it('fails an image whose declared attribute breaks the served type', () => {
    const [f] = eachImage(answer(200, { images: [{ id: 'a', min_disk: '0' }] }), ctx);
    expect(f && levelOf(f)).toBe('failure');
    expect(f?.message).toContain('/min_disk must be integer');
  });

  it('gives only an advisory where the one breach is an extension attribute the attribute pages type otherwise', () => {
    const [f] = eachImage(answer(200, { images: [{ id: 'a', min_disk: 0, __system_support_market: false }] }), ctx);
    expect(f && levelOf(f)).toBe('advisory');
  });

  it('leaves an empty list unjudged, never passed', () => {
    expect(eachImage(answer(200, { images: [] }), ctx).map(levelOf)).toEqual(['not-applicable']);
  });
});

describe('server-image-named', () => {
  const id = '0b7d5cf4-9b0e-4d43-8c2b-1f6ad24e1a19';

  it('reads the snapshot from Location at the base microversion and from image_id at 2.45', () => {
    expect(namedImage(answer(202, undefined, { location: `http://glance/v2/images/${id}` }), 'location')).toEqual({ id });
    expect(namedImage(answer(202, { image_id: id }), 'image_id')).toEqual({ id });
  });

  it('fails a 202 that names no image where its microversion puts it, citing the Nova and ECS pages', () => {
    const missing = namedImage(answer(202, { image_id: id }), 'location');
    expect('finding' in missing && missing.finding.documentedBy).toEqual(['nova-api-ref-servers-actions', 'otc-ecs-nova-create-image']);
    expect('finding' in namedImage(answer(202, undefined, { location: `http://glance/v2/images/${id}` }), 'image_id')).toBe(true);
  });
});
