import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startMock, type StartMockOptions } from '../../mock/start-mock.js';
import { MOCK_VARIANTS } from '../../mock/variant.js';
import { loadConfig } from '../../src/config/load-config.js';
import { deleteVerdict } from '../../src/engine/cleanup.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { runIdOf } from '../../src/engine/sweep.js';

/**
 * "It deletes what it created": every image a run caused to exist is gone when the run ends, on every
 * personality of the mock and also when the target shows created images only some time after announcing them
 * (a Nova snapshot's 202, a job's `entities.image_id`) and refuses to delete a snapshot still being made.
 */

const tmp = mkdtempSync(join(tmpdir(), 'ims-leftovers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every operation that makes images besides Glance's own create: the Nova snapshot and the asynchronous jobs. */
const CREATORS = ['createServerImage/', 'createCloudImage/', 'quickImportCloudImage/', 'createDataImage/', 'createWholeImage/'];

/** The mock modes the suite must clean up after; a new personality or mode is one more line. */
const MODES: { name: string; mock: StartMockOptions }[] = MOCK_VARIANTS.flatMap((variant) => [
  { name: `${variant}, images visible at once`, mock: { variant, jobDelayMs: 20 } },
  { name: `${variant}, images appearing 300 ms late`, mock: { variant, jobDelayMs: 20, appearDelayMs: 300 } },
]);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('images a run caused to exist', () => {
  it.each(MODES)(
    'are all deleted by the end of the run ($name)',
    async ({ name, mock: options }) => {
      const mock = await startMock(options);
      try {
        const configFile = join(tmp, `${name.replace(/\W+/g, '-')}.yaml`);
        writeFileSync(configFile, stringify(mock.config));
        const config = loadConfig({ target: mock.url, config: configFile, seed: '4', runs: '2', only: CREATORS, 'poll-timeout': '5000' }, {});
        const outcome = await runSuite(config);
        expect(outcome.leftovers).toEqual([]);
        // Images still to appear, or jobs still to finish, would show only later: look once they could have.
        await sleep((options.appearDelayMs ?? 0) + (options.jobDelayMs ?? 0) + 100);
        const created = mock.state.images.list().filter((i) => i.createdBy !== null);
        expect(created.map((i) => `${i.id} ${i.name} ${i.status}`)).toEqual([]);
        // The run did make some: the mock's store saw snapshots and job images of this run, since deleted.
        const made = mock.state.images.listIncludingDeleted().filter((i) => runIdOf(i) === config.runId);
        expect(made.filter((i) => i.extra.image_type === 'snapshot').length).toBeGreaterThan(0);
        expect(made.length).toBeGreaterThan(3);
      } finally {
        await mock.close();
      }
    },
    120_000,
  );

  it('are tagged with the run id where the API takes tags, and named after it always', async () => {
    const mock = await startMock({ jobDelayMs: 20 });
    try {
      const configFile = join(tmp, 'tags.yaml');
      writeFileSync(configFile, stringify(mock.config));
      const config = loadConfig({ target: mock.url, config: configFile, seed: '4', runs: '1', only: CREATORS.map((c) => `${c}status-expected`) }, {});
      await runSuite(config);
      const made = mock.state.images.listIncludingDeleted().filter((i) => i.createdBy !== null);
      expect(made.length).toBeGreaterThan(3);
      for (const image of made) expect(image.name, image.name).toMatch(new RegExp(`^${config.runId}-`));
      const jobImages = made.filter((i) => i.extra.image_type !== 'snapshot');
      for (const image of jobImages) expect(image.tags, image.name).toContain(`${config.runId}.run`);
      expect(jobImages.every((i) => runIdOf({ id: i.id, tags: i.tags }) === config.runId)).toBe(true);
    } finally {
      await mock.close();
    }
  }, 120_000);
});

describe('what a delete answer proves', () => {
  it('a 404 is proof only for an image the run has seen; "still being made" and 5xx are worth another try', () => {
    expect(deleteVerdict(204, false).kind).toBe('gone');
    expect(deleteVerdict(404, true).kind).toBe('gone');
    expect(deleteVerdict(404, false).kind).toBe('later');
    expect(deleteVerdict(409, true).kind).toBe('later');
    expect(deleteVerdict(400, true).kind).toBe('later');
    expect(deleteVerdict(503, true).kind).toBe('later');
    expect(deleteVerdict(undefined, true, 'socket hang up').kind).toBe('later');
    expect(deleteVerdict(403, true).kind).toBe('refused');
  });
});
