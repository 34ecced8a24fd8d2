import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckedMock, type CheckedMock } from './checked-mock.js';
import { call } from './mock-client.js';

let mock: CheckedMock;
beforeAll(async () => {
  mock = await startCheckedMock();
});
afterAll(() => mock.close());

const principal = (name: string) => {
  const p = mock.state.identity.principals.find((x) => x.name === name);
  if (!p) throw new Error(`no principal ${name}`);
  return p;
};

const passwordAuth = (name: string, password: string, project: Record<string, string>) => ({
  auth: {
    identity: { methods: ['password'], password: { user: { name, password, domain: { name: mock.state.identity.domainName } } } },
    scope: { project },
  },
});

describe('POST /v3/auth/tokens on the mock', () => {
  it('issues a project-scoped token in X-Subject-Token that then works as X-Auth-Token', async () => {
    const reader = principal('reader');
    const reply = await call(mock, 'POST', '/v3/auth/tokens', { body: passwordAuth('reader', reader.user.password, { name: reader.project.name }) });
    expect(reply.status).toBe(201);
    const token = reply.headers['x-subject-token'];
    expect(token).toMatch(/^MII/);
    expect(reply.body.token.project.id).toBe(reader.project.id);
    expect(Date.parse(reply.body.token.expires_at)).toBeGreaterThan(Date.now());
    expect((await call(mock, 'GET', '/v2/images', { token })).status).toBe(200);
  });

  it('advertises image, compute and identity endpoints that point at the mock, unless nocatalog is given', async () => {
    const owner = principal('owner');
    const reply = await call(mock, 'POST', '/v3/auth/tokens', { body: passwordAuth('owner', owner.user.password, { id: owner.project.id }) });
    const urls = Object.fromEntries(reply.body.token.catalog.map((s: { type: string; endpoints: { url: string }[] }) => [s.type, s.endpoints[0]?.url]));
    expect(urls).toEqual({ image: mock.url, compute: `${mock.url}/v2.1/${owner.project.id}`, identity: `${mock.url}/v3` });
    const bare = await call(mock, 'POST', '/v3/auth/tokens?nocatalog=1', { body: passwordAuth('owner', owner.user.password, { id: owner.project.id }) });
    expect(bare.body.token.catalog).toBeUndefined();
  });

  it('answers 401 for a wrong password, an unknown user, or a project the user is not in', async () => {
    const owner = principal('owner');
    expect((await call(mock, 'POST', '/v3/auth/tokens', { body: passwordAuth('owner', 'wrong', { id: owner.project.id }) })).status).toBe(401);
    expect((await call(mock, 'POST', '/v3/auth/tokens', { body: passwordAuth('nobody', 'x', { id: owner.project.id }) })).status).toBe(401);
    const foreign = mock.state.identity.projects.secondary.id;
    expect((await call(mock, 'POST', '/v3/auth/tokens', { body: passwordAuth('owner', owner.user.password, { id: foreign }) })).status).toBe(401);
  });

  it('answers 400 for a body that is not a password authentication', async () => {
    expect((await call(mock, 'POST', '/v3/auth/tokens', { body: { auth: {} } })).status).toBe(400);
  });
});

describe('authentication of image calls', () => {
  it('answers 401 with the gateway error body for a missing, malformed, unknown or expired token', async () => {
    const owner = principal('owner');
    const expired = mock.state.directory.issueToken(owner.user, owner.project.id, -1).value;
    for (const token of [undefined, 'not-a-token', `MII${'A'.repeat(60)}`, expired]) {
      const reply = await call(mock, 'GET', '/v2/images', token === undefined ? {} : { token });
      expect(reply.status, String(token)).toBe(401);
      expect(reply.body).toMatchObject({ error_code: 'APIGW.0301', error_msg: expect.any(String) });
    }
  });

  it('lets GET / through without credentials but still rejects a bogus token elsewhere', async () => {
    expect((await call(mock, 'GET', '/')).status).toBe(300);
    expect((await call(mock, 'GET', '/v1.1/images/detail', { token: 'bogus' })).status).toBe(401);
  });
});

describe('GET /v3/auth/tokens on the mock (the doctor’s token.validate probe)', () => {
  const validate = (as: string | undefined, subject: string | undefined) =>
    call(mock, 'GET', '/v3/auth/tokens?nocatalog=1', { as, headers: subject === undefined ? {} : { 'x-subject-token': subject } });

  it('tells a caller the project its own token acts in, echoing the token in X-Subject-Token', async () => {
    const token = mock.config.principals.stranger!.token!;
    const reply = await validate('stranger', token);
    expect(reply.status).toBe(200);
    expect(reply.body.token.project.id).toBe(principal('stranger').project.id);
    expect(reply.headers['x-subject-token']).toBe(token);
    expect(reply.body.token.catalog).toBeUndefined();
  });

  it('is refused for another user’s token (403), not found for an unknown one (404), and needs a caller (401) and a subject (400)', async () => {
    expect((await validate('reader', mock.config.principals.owner!.token!)).status).toBe(403);
    expect((await validate('reader', `MII${'x'.repeat(64)}`)).status).toBe(404);
    expect((await validate(undefined, mock.config.principals.owner!.token!)).status).toBe(401);
    expect((await validate('reader', undefined)).status).toBe(400);
  });
});

describe('every response of this file', () => {
  it('conforms to the spec', () => {
    expect(mock.violations()).toEqual([]);
  });
});
