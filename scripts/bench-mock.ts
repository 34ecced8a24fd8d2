/**
 * `npm run bench:mock`: throughput and latency of the embedded mock, measured next to Prism's mock serving the
 * same spec. Three workloads (show, list of 100, create+delete) at concurrency 1, 16 and 64 on loopback.
 *
 * The mock runs in a worker thread (its own event loop, like Prism in its own process: scripts/bench/mock-in-worker.ts),
 * so the load generator does not share a thread with the server it measures. Both servers and the load generator share this machine's
 * CPUs; the numbers compare the two servers under the same conditions, they are not capacity figures.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CELL_MAX_MS, CELL_MAX_OPS, WARMUP_MS, WARMUP_OPS, measureAll } from './bench/measure.js';
import { startMockWorker } from './bench/mock-worker.js';
import { killPrismGroup, startPrism, type PrismHandle } from './bench/prism.js';
import { fmt, table } from './bench/results-table.js';
import { LIST_SIZE, seedMock, type Results, type Target } from './bench/workloads.js';

async function main(): Promise<void> {
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const began = performance.now();
  const cpuList = cpus();
  out(
    `bench:mock — node ${process.version} on ${process.platform}/${process.arch}, ${availableParallelism()} CPUs (${cpuList[0]?.model.trim() ?? 'unknown model'})`,
  );
  out(
    `each cell: ${WARMUP_MS} ms / ${WARMUP_OPS} ops warm-up, then at most ${CELL_MAX_MS / 1000} s or ${CELL_MAX_OPS} operations; one undici keep-alive Pool per cell, connections = concurrency`,
  );
  out('latency = one operation (create+delete: both requests); servers and load generator share the same CPUs');
  out('');

  // Ctrl-C during the run must not leave Prism behind.
  const interrupted = (signal: NodeJS.Signals): void => {
    killPrismGroup('SIGKILL');
    process.stderr.write(`bench:mock: ${signal}, Prism stopped\n`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  process.once('exit', () => killPrismGroup('SIGKILL'));

  const mockResults = await measureMock(out);
  out('');
  const prism = await measurePrism(out);

  out('');
  for (const line of table(mockResults, prism.results)) out(line);
  if (prism.note) out(prism.note);
  out('');
  out(`total ${fmt((performance.now() - began) / 1000, 1)} s`);
}

/** The embedded mock, seeded with a full list page, in its worker thread. */
async function measureMock(out: (line: string) => void): Promise<Results> {
  const mock = await startMockWorker();
  try {
    const target: Target = { name: 'mock', origin: mock.url, token: mock.token, showId: '', deleteIdFor: (id) => id ?? randomUUID() };
    target.showId = await seedMock(target);
    out(`mock: ${mock.url} (worker thread; ${LIST_SIZE} images of the owner present, list pages are full)`);
    return await measureAll(target, out);
  } finally {
    await mock.close();
  }
}

/** Prism on the bundled spec; when it cannot start, the note says why and the table has the mock's columns only. */
async function measurePrism(out: (line: string) => void): Promise<{ results?: Results; note: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ims-bench-prism-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  let prism: PrismHandle | undefined;
  try {
    const { loadSpec } = await import('../src/spec/load-spec.js');
    const specFile = join(dir, 'openapi.json');
    writeFileSync(specFile, JSON.stringify((await loadSpec()).bundled));
    const t0 = performance.now();
    prism = await startPrism(specFile);
    out(`prism: ${prism.origin} ready after ${fmt((performance.now() - t0) / 1000, 1)} s — ${prism.command.replace(specFile, '<bundled spec>')}`);
    out('prism: static examples, no state (list answers its one-image example; DELETE gets a fresh uuid)');
    const target: Target = { name: 'prism', origin: prism.origin, token: 'bench-any-token', showId: randomUUID(), deleteIdFor: () => randomUUID() };
    return { results: await measureAll(target, out), note: '' };
  } catch (error) {
    const note = `prism: unavailable — ${(error as Error).message.split('\n')[0]}`;
    out(note);
    return { note };
  } finally {
    await prism?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench:mock: ${(error as Error).stack ?? String(error)}\n`);
  killPrismGroup('SIGKILL');
  process.exitCode = 1;
}
