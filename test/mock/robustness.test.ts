import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { call } from './mock-client.js';

let mock: RunningMock;
let operations: SpecOperation[];
beforeAll(async () => {
  mock = await startMock({ jobDelayMs: 5 });
  operations = (await loadSpec()).operations;
});
afterAll(() => mock.close());

const segment = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constantFrom('..', '%', '%zz', '0', ' '));
const contentType = fc.constantFrom(
  'application/json',
  'application/openstack-images-v2.1-json-patch',
  'application/octet-stream',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-8',
);
const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.constant('{"name": '),
);
const credential = fc.constantFrom<'owner' | 'member' | 'reader' | 'none' | 'epAdmin' | undefined | 'bogus'>(
  'owner',
  'member',
  'reader',
  'none',
  'epAdmin',
  undefined,
  'bogus',
);
const query = fc.dictionary(
  fc.constantFrom('limit', 'marker', 'sort_key', 'sort_dir', 'visibility', 'status', 'name', 'member_status', 'created_at', 'nocatalog', 'x'),
  fc.string({ maxLength: 20 }),
  { maxKeys: 4 },
);

describe('the mock under malformed input', () => {
  it('never answers 5xx and keeps serving, whatever path parameters, query, content type and body arrive', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(segment, { minLength: 3, maxLength: 3 }),
        query,
        fc.option(contentType, { nil: undefined }),
        fc.option(body, { nil: undefined }),
        credential,
        async (pick, segments, q, type, payload, who) => {
          const op = operations[pick % operations.length] as SpecOperation;
          let i = 0;
          const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(segments[i++] ?? 'x'));
          const search = new URLSearchParams(q).toString();
          const reply = await call(mock, op.method.toUpperCase(), `${path}${search ? `?${search}` : ''}`, {
            ...(who === 'bogus' ? { token: 'bogus' } : { as: who }),
            ...(payload !== undefined && op.method !== 'get' && op.method !== 'head' ? { raw: payload, contentType: type ?? 'application/json' } : {}),
          });
          expect(reply.status, `${op.operationId} ${path} → ${reply.status} ${reply.text.slice(0, 200)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 400, seed: 20261122 },
    );
    expect((await call(mock, 'GET', '/')).status).toBe(300);
  });

  it('answers 413 to a body over the limit and keeps the connection usable', async () => {
    const big = await call(mock, 'POST', '/v2/images', { as: 'owner', raw: Buffer.alloc(mock.state.options.maxBodyBytes + 10, 0x20) });
    expect(big.status).toBe(413);
    expect((await call(mock, 'GET', '/v2/images', { as: 'owner' })).status).toBe(200);
  });

  it('answers malformed JSON with 400 IMG.0001 and a wrong PATCH media type with 415', async () => {
    const malformed = await call(mock, 'POST', '/v2/images', { as: 'owner', raw: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('IMG.0001');
    const created = await call(mock, 'POST', '/v2/images', { as: 'owner', body: { name: 'x' } });
    const wrong = await call(mock, 'PATCH', `/v2/images/${created.body.id}`, { as: 'owner', body: [], contentType: 'text/plain' });
    expect(wrong.status).toBe(415);
  });

  it('names the IMS codes for a too long and a malformed image name', async () => {
    const long = await call(mock, 'POST', '/v2/cloudimages/quickimport/action', {
      as: 'owner',
      body: { name: 'a'.repeat(129), image_url: 'b:c', min_disk: 40, type: 'DataImage' },
    });
    expect(long.body.error.code).toBe('IMG.0002');
    const bad = await call(mock, 'POST', '/v2/cloudimages/quickimport/action', {
      as: 'owner',
      body: { name: '<bad>', image_url: 'b:c', min_disk: 40, type: 'DataImage' },
    });
    expect(bad.body.error.code).toBe('IMG.0003');
  });
});
