import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { call } from './mock-client.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const CLIENTS = 32;
const ROUNDS = 6;

/**
 * One client: creates ROUNDS images, renames each, deletes every other one. Returns what it expects to be left.
 */
async function client(n: number): Promise<{ kept: Map<string, string>; deleted: string[] }> {
  const kept = new Map<string, string>();
  const deleted: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const created = await call(mock, 'POST', '/v2/images', { as: 'owner', body: { name: `c${n}-r${r}`, tags: ['hammer'] } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const name = `c${n}-r${r}-renamed`;
    const patched = await call(mock, 'PATCH', `/v2/images/${id}`, {
      as: 'owner',
      body: [{ op: 'replace', path: '/name', value: name }],
      contentType: 'application/openstack-images-v2.1-json-patch',
    });
    expect(patched.status).toBe(200);
    if (r % 2 === 0) {
      expect((await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'owner' })).status).toBe(204);
      deleted.push(id);
    } else kept.set(id, name);
  }
  return { kept, deleted };
}

describe('the mock under concurrent writers', () => {
  it('neither loses nor duplicates an image when many clients create, update and delete at once', async () => {
    const results = await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    const expected = new Map(results.flatMap((r) => [...r.kept]));
    const deleted = results.flatMap((r) => r.deleted);
    expect(new Set([...expected.keys(), ...deleted]).size).toBe(CLIENTS * ROUNDS);

    const listed = await call(mock, 'GET', '/v2/images?tag=hammer&limit=1000', { as: 'owner' });
    const actual = new Map<string, string>(listed.body.images.map((i: { id: string; name: string }) => [i.id, i.name]));
    expect(actual).toEqual(expected);
    for (const id of deleted.slice(0, 10)) expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).status).toBe(404);
  });
});
