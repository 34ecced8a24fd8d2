import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { call, createImage } from './mock-client.js';

// What the OpenStack clients read before their first image call, as they parse it. The clients themselves run
// in test/openstack/clients.openstack.test.ts, where Debian installs them.

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

/** glanceclient validates the images it creates and updates with warlock (jsonschema) against the served schema. */
const validatorFor = (schema: object) => new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);

describe('discovery calls the clients make first', () => {
  it('GET /versions answers 200 with a v2 entry, without credentials (glanceclient picks v2 from it)', async () => {
    const reply = await call(mock, 'GET', '/versions');
    expect(reply.status).toBe(200);
    expect(reply.body.versions.map((v: { id: string }) => v.id)).toEqual(expect.arrayContaining(['v2.2']));
  });

  it('GET /v3 answers Keystone’s version document with its self link, without credentials (keystoneauth discovery)', async () => {
    const reply = await call(mock, 'GET', '/v3');
    expect(reply.status).toBe(200);
    expect(reply.body.version).toMatchObject({ id: expect.stringMatching(/^v3\./), status: 'stable', links: [{ rel: 'self', href: `${mock.url}/v3/` }] });
  });

  it('the schema documents need a credential, as the other Glance v2 calls do', async () => {
    for (const name of ['image', 'images', 'member', 'members']) expect((await call(mock, 'GET', `/v2/schemas/${name}`)).status, name).toBe(401);
  });
});

describe('the image schema describes the images the mock returns', () => {
  it('lists every attribute of a created image, IMS extension attributes included, with the type it has', async () => {
    const schema = (await call(mock, 'GET', '/v2/schemas/image', { as: 'owner' })).body;
    expect(schema.name).toBe('image');
    const id = await createImage(mock, { name: 'schema-probe' });
    const image = (await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).body;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(image)));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['__imagetype', '__isregistered', '__os_type', 'virtual_env_type', 'enterprise_project_id']),
    );
    const validate = validatorFor(schema);
    expect(validate(image), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what the images cannot hold, so glanceclient refuses a bad value before sending it', () => {
    return call(mock, 'GET', '/v2/schemas/image', { as: 'owner' }).then(({ body: schema }) => {
      const validate = validatorFor(schema);
      expect(validate({ disk_format: 'floppy' })).toBe(false);
      expect(validate({ min_disk: 'forty' })).toBe(false);
      expect(validate({ custom_property: 'a string, as Glance keeps them' })).toBe(true);
    });
  });

  it('carries no annotations of the contract (x-doc, judgement descriptions) into what clients print', async () => {
    const text = (await call(mock, 'GET', '/v2/schemas/image', { as: 'owner' })).text;
    expect(text).not.toMatch(/x-doc|Judgement/);
  });

  it('GET /v2/schemas/images holds image entities under `images`, and validates a listed image', async () => {
    const schema = (await call(mock, 'GET', '/v2/schemas/images', { as: 'reader' })).body;
    expect(schema.name).toBe('images');
    const listed = (await call(mock, 'GET', '/v2/images', { as: 'reader' })).body;
    const validate = validatorFor(schema);
    expect(validate(listed), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('the member schemas describe the members the mock returns', () => {
  it('GET /v2/schemas/member and /members validate a member and a member list (glanceclient builds member models from them)', async () => {
    const id = await createImage(mock, { name: 'member-schema-probe' });
    const memberProject = mock.config.principals.member!.projectId!;
    const member = (await call(mock, 'POST', `/v2/images/${id}/members`, { as: 'owner', body: { member: memberProject } })).body;
    const list = (await call(mock, 'GET', `/v2/images/${id}/members`, { as: 'owner' })).body;
    const memberSchema = (await call(mock, 'GET', '/v2/schemas/member', { as: 'owner' })).body;
    const membersSchema = (await call(mock, 'GET', '/v2/schemas/members', { as: 'owner' })).body;
    expect([memberSchema.name, membersSchema.name]).toEqual(['member', 'members']);
    for (const [schema, body] of [
      [memberSchema, member],
      [membersSchema, list],
    ] as const) {
      const validate = validatorFor(schema);
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});

describe('Glance routes the mock does not serve', () => {
  it('answer Glance’s plain-text 404/405, which glanceclient prints (a flat JSON gateway body crashes it)', async () => {
    const id = await createImage(mock, { name: 'route-probe' });
    const tag = await call(mock, 'PUT', `/v2/images/${id}/tags/t1`, { as: 'owner' });
    expect([tag.status, tag.headers['content-type']]).toEqual([404, 'text/plain; charset=UTF-8']);
    expect(tag.text).toMatch(/^404 Not Found/);
    const post = await call(mock, 'POST', `/v2/images/${id}/file`, { as: 'owner' });
    expect([post.status, post.headers.allow]).toEqual([405, 'PUT, GET']);
    expect(post.text).toMatch(/^405 Method Not Allowed/);
  });

  it('leave the gateway’s APIGW error on IMS paths', async () => {
    const reply = await call(mock, 'GET', '/v2/cloudimages/no/such/route', { as: 'owner' });
    expect(reply.status).toBe(404);
    expect(reply.body.error_code).toBe('APIGW.0101');
  });
});
