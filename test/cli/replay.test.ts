import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { curlCaveat, rerunLine } from '../../reports/rerun.js';
import type { RunReport } from '../../reports/report-model.js';
import { imsConformance } from '../support/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'ims-replay-'));
const summaryOf = (dir: string): RunReport => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunReport;

describe('re-run lines and curl lines say what ran', () => {
  it('the re-run line carries the target, the config, every mock flag, profile, seed, runs and --only, shell-quoted where needed', () => {
    expect(
      rerunLine({ target: 'https://ims.example.com', config: '/etc/ims conf.yaml', profile: 'openstack', seed: 9, runs: 3, readOnly: true }, 'showImage/'),
    ).toBe(
      "ims-conformance run --target https://ims.example.com --config '/etc/ims conf.yaml' --profile openstack --seed 9 --runs 3 --read-only --only showImage/",
    );
    expect(rerunLine({ profile: 'ims', seed: 1, runs: 10, mock: { faults: ['a', 'b'], variant: 'ims-errors', appearDelayMs: 300 } }, 'x/y')).toBe(
      'ims-conformance run --mock-fault a --mock-fault b --mock-variant ims-errors --mock-appear-delay 300 --profile ims --seed 1 --runs 10 --only x/y',
    );
  });

  it('a curl line naming an image id, or sent to the embedded mock, says it will not answer as it did', () => {
    const uuid = '0986b400-74bf-416d-8118-5b01a04e2ac3';
    expect(curlCaveat({ embedded: false }, `curl -i -X GET 'https://ims.example.com/v2/images/${uuid}'`)).toMatch(/the run’s own, deleted when the run ended/);
    expect(curlCaveat({ embedded: true }, "curl -i -X GET 'http://127.0.0.1:4000/v2/images'")).toMatch(/embedded mock .* ended with the run/);
    expect(curlCaveat({ embedded: false }, "curl -i -X GET 'https://ims.example.com/v2/images?limit=1'")).toBeUndefined();
  });
});

describe('ims-conformance replay <dir> <operationId/checkId> (built CLI)', () => {
  let mock: RunningMock;
  const faulty = join(tmp, 'faulty');
  const remote = join(tmp, 'remote');
  let configFile: string;

  beforeAll(async () => {
    mock = await startMock({ jobDelayMs: 20 });
    configFile = join(tmp, 'mock.yaml');
    writeFileSync(configFile, stringify(mock.config));
    const [a, b] = await Promise.all([
      imsConformance([
        'run',
        '--seed',
        '5',
        '--runs',
        '2',
        '--mock-fault',
        'create-image-returns-200',
        '--mock-variant',
        'alternative',
        '--only',
        'createImage/status-expected',
        '--report-dir',
        faulty,
      ]),
      // The config by a relative path: the saved line must work from anywhere.
      imsConformance([
        'run',
        '--target',
        mock.url,
        '--config',
        relative(process.cwd(), configFile),
        '--seed',
        '5',
        '--runs',
        '2',
        '--only',
        'showImage/status-expected',
        '--report-dir',
        remote,
      ]),
    ]);
    expect(a.code, a.stderr).toBe(1);
    expect(b.code, b.stderr).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await mock?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('summary.json records the settings; each result’s re-run line is built from them', () => {
    expect(summaryOf(faulty).rerun).toEqual({ profile: 'ims', seed: 5, runs: 2, mock: { faults: ['create-image-returns-200'], variant: 'alternative' } });
    const saved = summaryOf(remote);
    expect(saved.rerun).toEqual({ target: mock.url, config: configFile, profile: 'ims', seed: 5, runs: 2 });
    expect(saved.results.find((r) => r.id === 'showImage/status-expected')?.reproduce).toBe(
      `ims-conformance run --target ${mock.url} --config ${configFile} --profile ims --seed 5 --runs 2 --only showImage/status-expected`,
    );
  });

  it('replays a failing result with the mock faults and variant it failed under: it fails again, exit 1, its reports in <dir>/replay', async () => {
    const replay = await imsConformance(['replay', faulty, 'createImage/status-expected']);
    expect(replay.code, replay.stderr).toBe(1);
    expect(replay.stdout.split('\n')[0]).toBe(
      `replay of createImage/status-expected (failed in run ${summaryOf(faulty).runId}): ims-conformance run --mock-fault create-image-returns-200 --mock-variant alternative --profile ims --seed 5 --runs 2 --only createImage/status-expected --report-dir ${join(faulty, 'replay')}`,
    );
    const again = summaryOf(join(faulty, 'replay'));
    expect(again.results.find((r) => r.id === 'createImage/status-expected')?.status).toBe('failed');
    expect(again.rerun).toEqual(summaryOf(faulty).rerun);
  }, 300_000);

  it('replays against the saved target with the saved config', async () => {
    const replay = await imsConformance(['replay', remote, 'showImage/status-expected', '--report-dir', join(tmp, 'remote-replay')]);
    expect(replay.code, replay.stderr).toBe(0);
    const again = summaryOf(join(tmp, 'remote-replay'));
    expect({ target: again.target, embedded: again.embedded, rerun: again.rerun }).toEqual({
      target: mock.url,
      embedded: false,
      rerun: summaryOf(remote).rerun,
    });
  }, 300_000);

  it('an id the report does not hold is one line naming its failing results, exit 2', async () => {
    const replay = await imsConformance(['replay', faulty, 'createImage/no-such-check']);
    expect(replay.code).toBe(2);
    expect(replay.stderr.trim().split('\n')).toEqual([
      `ims-conformance replay: ${join(faulty, 'summary.json')} has no result createImage/no-such-check; its failing ones: ${summaryOf(faulty)
        .results.filter((r) => r.status === 'failed')
        .map((r) => r.id)
        .join(', ')}`,
    ]);
  });
});
