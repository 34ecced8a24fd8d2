import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mock/start-mock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { UNKNOWN_ID } from '../../src/engine/scenarios/unknown-id.js';
import { randomUuid, withScenarioRandom } from '../../src/engine/scenario-random.js';
import { fillTemplate } from '../../src/engine/bindings.js';

const dir = mkdtempSync(join(tmpdir(), 'ims-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{32}\b/gi;
const TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;

/** Every string leaf of a JSON value. */
function strings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, into);
}

/**
 * One run with the given seed against a fresh mock, as the requests the mock received: `METHOD url body`, with
 * what the target itself chose replaced by its order of first appearance. Those are the target's state, not the
 * run's choice: the contract the mock printed (project ids, passwords, fixtures) and the ids its 2xx answers
 * issued (images, jobs), and the times its clock wrote into 2xx answers (a list filtered by an image's own created_at
 * sends it back), as `<time>`: the clock is not the run's, and two times one second apart in one run may be one in
 * the next, so they are not numbered. The run id is replaced too: it names what one run owns, so it stays unique per run (two
 * runs with one seed must never delete each other's images); `--seed` repeats everything else. Polls repeat as
 * often as the target is slow, so consecutive identical requests count once. Auth and date headers are not part of
 * the line.
 */
async function recordedRun(seed: string): Promise<string[]> {
  const seen: { method: string; url: string; body: string }[] = [];
  const issued = new Set<string>();
  const times = new Set<string>();
  const mock = await startMock({
    jobDelayMs: 20,
    observe: (request, response) => {
      seen.push({ method: request.method, url: request.url, body: request.rawBody.toString('utf8') });
      if (response.status >= 300) return;
      for (const id of `${response.payload?.toString('utf8') ?? ''} ${response.headers.location ?? ''}`.match(ID) ?? []) issued.add(id);
      for (const time of response.payload?.toString('utf8').match(TIME) ?? []) times.add(time);
    },
  });
  try {
    strings({ ...mock.config, target: undefined, endpoints: undefined }, issued);
    const file = join(dir, `contract-${seed}-${Math.random()}.json`);
    writeFileSync(file, JSON.stringify(mock.config));
    const config = loadConfig({ config: file, seed, runs: '3', concurrency: '1', 'poll-timeout': '5000' }, {});
    const outcome = await runSuite(config);
    expect(outcome.results.filter((r) => r.status === 'failed' || r.status === 'error').map((r) => `${r.id}: ${r.message.slice(0, 200)}`)).toEqual([]);
    const names = new Map<string, string>();
    // Longest first, so a value that contains another is replaced whole.
    const targetValues = [...issued].filter((v) => v.length >= 8).sort((a, b) => b.length - a.length);
    const normal = (text: string): string => {
      let out = text.replaceAll(config.runId, '<run-id>');
      for (const time of times) out = out.replaceAll(time, '<time>').replaceAll(encodeURIComponent(time), '<time>');
      for (const v of targetValues)
        if (out.includes(v)) {
          if (!names.has(v)) names.set(v, `<target#${names.size}>`);
          out = out.replaceAll(v, names.get(v)!);
        }
      return out;
    };
    const lines = seen.map((r) => normal(`${r.method} ${r.url} ${r.body}`));
    return lines.filter((line, i) => line !== lines[i - 1]);
  } finally {
    await mock.close();
  }
}

describe('replays are deterministic', () => {
  it('two runs with the same seed send the same request sequence to a fresh mock', async () => {
    const first = await recordedRun('424242');
    const second = await recordedRun('424242');
    expect(first.length).toBeGreaterThan(500);
    const firstDiff = first.findIndex((line, i) => line !== second[i]);
    expect(firstDiff === -1 ? 'identical' : `request ${firstDiff}: ${first[firstDiff]} ≠ ${second[firstDiff]}`).toBe('identical');
    expect(second.length).toBe(first.length);
    process.stdout.write(`same seed: ${first.length} requests (polls counted once), identical\n`);
  }, 240_000);

  it('a different seed sends different unknown ids and unique names', async () => {
    const draw = (seed: number) =>
      withScenarioRandom(seed, 'unknown-id/showImage/t', async () => [
        UNKNOWN_ID.image_id!.make(),
        UNKNOWN_ID.job_id!.make(),
        fillTemplate('{runId}-{unique}', { runId: 'r', fixtures: {}, project: {} }),
      ]);
    const a = await draw(1);
    expect(await draw(1)).toEqual(a);
    expect(await draw(2)).not.toEqual(a);
    expect(a[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a[1]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('each scenario draws from its own stream: what another scenario drew does not shift it (so --only replays it)', async () => {
    const alone = await withScenarioRandom(5, 'unknown-id/deleteImage/t', async () => randomUuid());
    const [, after] = await Promise.all([
      withScenarioRandom(5, 'unknown-id/showImage/t', async () => [randomUuid(), randomUuid()]),
      withScenarioRandom(5, 'unknown-id/deleteImage/t', async () => randomUuid()),
    ]);
    expect(after).toBe(alone);
  });
});
