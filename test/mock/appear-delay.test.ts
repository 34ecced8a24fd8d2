import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { call, type Reply } from './mock-client.js';

/**
 * The mock's delayed-appearance mode (`appearDelayMs`, `ims-conformance mock --appear-delay MS`): images a Nova
 * snapshot or an asynchronous job makes exist before the API shows them, as on clouds that build them in the
 * background. The suite's cleanup is tested against it (test/engine/leftover-images.test.ts).
 */

// Long enough for the checks before it passes to run on a loaded machine.
const APPEAR_MS = 1_500;
/** After appearing, a snapshot stays `saving` this long. */
const JOB_MS = 400;
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ jobDelayMs: JOB_MS, appearDelayMs: APPEAR_MS });
});
afterAll(() => mock.close());

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const owner = (): string => mock.config.projectId;

function snapshot(): Promise<Reply> {
  const body = { createImage: { name: 'imsc-0000abcd-late-snapshot' } };
  return call(mock, 'POST', `/v2.1/${owner()}/servers/${mock.config.fixtures.serverId}/action`, {
    as: 'owner',
    body,
    headers: { 'OpenStack-API-Version': 'compute 2.45' },
  });
}

const listedIds = async (): Promise<string[]> =>
  ((await call(mock, 'GET', '/v2/images?limit=1000', { as: 'owner' })).body.images as { id: string }[]).map((i) => i.id);

describe('a mock whose created images appear late', () => {
  it('hides a Nova snapshot until the delay passes (404 on show and delete, not listed), then shows it saving, then active', async () => {
    const started = Date.now();
    const reply = await snapshot();
    expect(reply.status).toBe(202);
    const id = reply.body.image_id as string;
    expect(mock.state.images.get(id), 'it exists in the store from the start').toBeDefined();
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).status).toBe(404);
    expect((await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'owner' })).status).toBe(404);
    expect(await listedIds()).not.toContain(id);
    expect(Date.now() - started, 'the checks above ran within the delay').toBeLessThan(APPEAR_MS);

    await sleep((mock.state.images.get(id)?.appearsAt ?? 0) - Date.now() + 50);
    const shown = await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' });
    expect(shown.status).toBe(200);
    expect(await listedIds()).toContain(id);
    expect(shown.body.status).toBe('saving');
    {
      const refused = await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'owner' });
      expect(refused.status, 'a snapshot still being made refuses deletion').toBe(409);
      expect(refused.text).toContain('IMG.0090');
    }
    await sleep(JOB_MS + 50);
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).body.status).toBe('active');
    expect((await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'owner' })).status).toBe(204);
  });

  it('hides an image an asynchronous job made after the job reports it', async () => {
    const body = { name: 'imsc-0000abcd-late-quick', image_url: mock.config.fixtures.imageUrl, os_version: 'CentOS 7.0 64bit', min_disk: 40 };
    const accepted = await call(mock, 'POST', '/v2/cloudimages/quickimport/action', { as: 'owner', body });
    expect(accepted.status).toBe(200);
    let job: Reply;
    do {
      await sleep(10);
      job = await call(mock, 'GET', `/v1/${owner()}/jobs/${accepted.body.job_id as string}`, { as: 'owner' });
    } while (job.body.status !== 'SUCCESS' && job.body.status !== 'FAIL');
    expect(job.body.status).toBe('SUCCESS');
    const id = job.body.entities.image_id as string;
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).status).toBe(404);
    expect(await listedIds()).not.toContain(id);
    await sleep((mock.state.images.get(id)?.appearsAt ?? 0) - Date.now() + 50);
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).status).toBe(200);
    expect((await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'owner' })).status).toBe(204);
  });

  it('is off by default: a snapshot is visible at once', async () => {
    const plain = await startMock({ jobDelayMs: 20 });
    try {
      const reply = await call(plain, 'POST', `/v2.1/${plain.config.projectId}/servers/${plain.config.fixtures.serverId}/action`, {
        as: 'owner',
        body: { createImage: { name: 'at-once' } },
        headers: { 'OpenStack-API-Version': 'compute 2.45' },
      });
      expect((await call(plain, 'GET', `/v2/images/${reply.body.image_id as string}`, { as: 'owner' })).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
