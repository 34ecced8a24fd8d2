import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRINCIPALS } from '../../src/model/principals.js';
import { startCheckedMock, type CheckedMock } from './checked-mock.js';
import { call, type Reply } from './mock-client.js';

let mock: CheckedMock;
beforeAll(async () => {
  mock = await startCheckedMock({
    jobDelayMs: 20,
    // A second project with the ECS rights createImage needs, to try the primary project's server from outside.
    principals: { ...DEFAULT_PRINCIPALS, otherOwner: { actions: ['ims:*:*', 'ecs:*:*', 'evs:*:*'], project: 'secondary' } },
  });
});
afterAll(() => mock.close());

const serverId = (): string => mock.config.fixtures.serverId ?? '';
const projectOf = (as: string): string => mock.config.principals[as]?.projectId ?? mock.config.projectId;

function snapshot(server: string, options: { as?: string; project?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const as = options.as ?? 'owner';
  const body = options.body ?? { createImage: { name: 'nova-snap', metadata: { ImageType: 'Gold', ImageVersion: '2.0' } } };
  return call(mock, 'POST', `/v2.1/${options.project ?? projectOf(as)}/servers/${server}/action`, { as, body, headers: options.headers ?? {} });
}

/** The image id a 202 names, from the body (≥ 2.45) or the Location header (older). */
function imageIdOf(reply: Reply): string {
  return (reply.body?.image_id as string | undefined) ?? reply.headers.location?.split('/').at(-1) ?? '';
}

async function waitForStatus(id: string, status: string, timeoutMs = 2_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' });
    if (reply.body.status === status || Date.now() > deadline) return reply.body;
    await new Promise((r) => setTimeout(r, 15));
  }
}

describe('POST /v2.1/{project_id}/servers/{server_id}/action createImage', () => {
  it('answers 202 with a Location header and no body below microversion 2.45', async () => {
    const variants: Record<string, string>[] = [{}, { 'X-OpenStack-Nova-API-Version': '2.44' }, { 'OpenStack-API-Version': 'compute 2.1' }];
    for (const headers of variants) {
      const reply = await snapshot(serverId(), { headers });
      expect(reply.status, JSON.stringify(headers)).toBe(202);
      expect(reply.text).toBe('');
      expect(reply.headers.location).toMatch(new RegExp(`^${mock.url}/v2/images/[0-9a-f-]{36}$`));
    }
  });

  it('answers 202 with {"image_id"} and no Location from 2.45, compared numerically, and for latest', async () => {
    const variants: Record<string, string>[] = [
      { 'X-OpenStack-Nova-API-Version': '2.45' },
      { 'X-OpenStack-Nova-API-Version': '2.100' },
      { 'X-OpenStack-Nova-API-Version': 'latest' },
      { 'OpenStack-API-Version': 'compute 2.45' },
      { 'OpenStack-API-Version': 'compute latest' },
      // The newer header wins over the legacy one.
      { 'X-OpenStack-Nova-API-Version': '2.1', 'OpenStack-API-Version': 'compute 2.60' },
    ];
    for (const headers of variants) {
      const reply = await snapshot(serverId(), { headers });
      expect(reply.status, JSON.stringify(headers)).toBe(202);
      expect(reply.body.image_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(reply.headers.location, JSON.stringify(headers)).toBeUndefined();
    }
  });

  it('creates a saving image of the caller’s project with the name and metadata, active after the delay', async () => {
    mock.state.options.jobDelayMs = 250;
    let id: string;
    try {
      const reply = await snapshot(serverId(), { body: { createImage: { name: 'nova-meta', metadata: { ImageType: 'Gold', 'app:tier': 'web' } } } });
      id = imageIdOf(reply);
      const early = await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' });
      expect(early.body).toMatchObject({ name: 'nova-meta', status: 'saving', owner: mock.config.projectId, ImageType: 'Gold', 'app:tier': 'web' });
    } finally {
      mock.state.options.jobDelayMs = 20;
    }
    const done = await waitForStatus(id, 'active');
    expect(done).toMatchObject({ status: 'active', image_type: 'snapshot', instance_uuid: serverId() });
    expect(done.size).toBeGreaterThan(0);
  });

  it('snapshots a running (ACTIVE) server too', async () => {
    const reply = await snapshot(mock.config.fixtures.runningServerId ?? '');
    expect(reply.status).toBe(202);
  });

  it('answers 404 itemNotFound for an unknown server and for another project’s server', async () => {
    const unknown = await snapshot('no-such-server');
    expect(unknown.status).toBe(404);
    expect(unknown.body.itemNotFound).toMatchObject({ code: 404 });
    const foreign = await snapshot(serverId(), { as: 'otherOwner' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.itemNotFound.message).toContain(serverId());
  });

  it('answers 400 badRequest when the URL’s project is not the token’s (as upstream Nova does)', async () => {
    const reply = await snapshot(serverId(), { as: 'otherOwner', project: mock.config.projectId });
    expect(reply.status).toBe(400);
    expect(reply.body.badRequest.message).toContain('Malformed request URL');
  });

  it('answers 409 conflictingRequest for a server in ERROR', async () => {
    const broken = { id: 'e1a3c0de-0000-4000-8000-00000000e440', projectId: mock.config.projectId, name: 'broken', status: 'ERROR' as const };
    mock.state.fixtures.servers.set(broken.id, broken);
    const reply = await snapshot(broken.id);
    expect(reply.status).toBe(409);
    expect(reply.body.conflictingRequest).toMatchObject({ code: 409 });
  });

  it('refuses reserved image attributes in metadata and an invalid body with Nova faults', async () => {
    const reserved = await snapshot(serverId(), { body: { createImage: { name: 'x', metadata: { __imagetype: 'gold' } } } });
    expect(reserved.status).toBe(403);
    expect(reserved.body.forbidden).toMatchObject({ code: 403 });
    const invalid = await snapshot(serverId(), { body: { createImage: { metadata: {} } } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.badRequest).toMatchObject({ code: 400 });
  });

  it('is refused to enterprise-project-scoped principals (the row supports project scope only)', async () => {
    const reply = await snapshot(serverId(), { as: 'epAdmin' });
    expect(reply.status).toBe(403);
  });
});

describe('GET /v2.1/{project_id}/servers/{server_id} (the doctor’s server.show probe)', () => {
  const show = (server: string, as = 'owner', project = projectOf(as)): Promise<Reply> => call(mock, 'GET', `/v2.1/${project}/servers/${server}`, { as });

  it('shows the owner’s stopped server as SHUTOFF and the running one as ACTIVE, with its project', async () => {
    const stopped = await show(serverId());
    expect(stopped.status).toBe(200);
    expect(stopped.body.server).toMatchObject({ id: serverId(), status: 'SHUTOFF', tenant_id: mock.config.projectId });
    expect((await show(mock.config.fixtures.runningServerId ?? '')).body.server.status).toBe('ACTIVE');
  });

  it('answers 404 for an unknown server and for another project’s, and 400 for a URL naming another project', async () => {
    expect((await show('6f1c1f57-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await show(serverId(), 'otherOwner')).status).toBe(404);
    expect((await show(serverId(), 'owner', projectOf('otherOwner'))).status).toBe(400);
  });
});

describe('every response of this file', () => {
  it('conforms to the spec (status documented, content type, body schema, headers)', () => {
    expect(mock.checked()).toBeGreaterThan(15);
    // The body-less 202 below microversion 2.45 conforms: the spec marks that body `x-body-optional`.
    expect(mock.violations()).toEqual([]);
  });
});
