import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { RunContext } from '../../src/engine/run-context.js';
import { sweep } from '../../src/engine/sweep.js';
import { loadSpec } from '../../src/spec/load-spec.js';

/** What a run left, as a stopped lifecycle leaves it: named and tagged with the run id, possibly still protected. */
describe('the sweep by run id', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ims-sweep-'));
  let mock: RunningMock;
  let ctx: RunContext;
  const owner = (): string => mock.config.principals.owner?.token ?? '';

  async function leftBehind(name: string, tags: string[], protect: boolean): Promise<string> {
    const created = await fetch(`${mock.url}/v2/images`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': owner() },
      body: JSON.stringify({ name, tags, disk_format: 'qcow2', container_format: 'bare' }),
    });
    const { id } = (await created.json()) as { id: string };
    if (protect) {
      const patched = await fetch(`${mock.url}/v2/images/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/openstack-images-v2.1-json-patch', 'x-auth-token': owner() },
        body: JSON.stringify([{ op: 'replace', path: '/protected', value: true }]),
      });
      expect(patched.status).toBe(200);
    }
    return id;
  }

  beforeAll(async () => {
    mock = await startMock({ jobDelayMs: 20 });
    const file = join(tmp, 'mock.yaml');
    writeFileSync(file, stringify(mock.config));
    ctx = new RunContext(loadConfig({ target: mock.url, config: file }, {}) as ReturnType<typeof loadConfig> & { target: string }, await loadSpec());
  });
  afterAll(async () => {
    await ctx?.close();
    await mock?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('unprotects what the run protected (a lifecycle stopped between protect and unprotect) and deletes it', async () => {
    const plain = await leftBehind('imsc-0a0a0a0a-lifecycle-0', ['imsc-0a0a0a0a'], false);
    const guarded = await leftBehind('imsc-0a0a0a0a-lifecycle-renamed-0', ['imsc-0a0a0a0a'], true);
    const outcome = await sweep(ctx, 'imsc-0a0a0a0a');
    expect(outcome.left).toEqual([]);
    expect(outcome.deleted.sort()).toEqual([plain, guarded].sort());
    expect(mock.state.images.list().map((i) => i.id)).not.toContain(guarded);
  });

  it('leaves every image another run or no run made, protected or not', async () => {
    const other = await leftBehind('imsc-0b0b0b0b-lifecycle-0', ['imsc-0b0b0b0b'], true);
    const foreign = await leftBehind('production-image', [], true);
    const outcome = await sweep(ctx, 'imsc-0a0a0a0a');
    expect(outcome.deleted).toEqual([]);
    const kept = mock.state.images.list().filter((i) => i.id === other || i.id === foreign);
    expect(kept.map((i) => i.protected)).toEqual([true, true]);
  });
});
