import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { fmt } from './results-table.js';
import { CONCURRENCY, WORKLOADS, cellKey, unexpected, type CellResult, type Operation, type Results, type Target } from './workloads.js';

/** Each measured cell stops at whichever comes first. */
export const CELL_MAX_MS = 2_000;
export const CELL_MAX_OPS = 20_000;
/** Unmeasured warm-up per cell: opens the connections and warms the JIT. */
export const WARMUP_MS = 250;
export const WARMUP_OPS = 500;

/** Runs `concurrency` loops of `op` until `maxOps` operations were started or `maxMs` passed. */
async function drive(pool: Pool, target: Target, op: Operation, concurrency: number, maxOps: number, maxMs: number): Promise<CellResult> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  const begin = performance.now();
  const deadline = begin + maxMs;
  const loop = async (): Promise<void> => {
    while (started < maxOps && performance.now() < deadline) {
      started++;
      const t0 = performance.now();
      let ok = false;
      try {
        ok = await op(pool, target);
      } catch (error) {
        unexpected.last = `request failed: ${(error as Error).message}`;
      }
      latencies.push(performance.now() - t0);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  return { ops: latencies.length, errors, opsPerSec: latencies.length / elapsed, p50: pct(50), p99: pct(99) };
}

async function measure(target: Target, op: Operation, concurrency: number): Promise<CellResult> {
  // One keep-alive pool per cell with as many connections as concurrent loops.
  const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  try {
    await drive(pool, target, op, concurrency, WARMUP_OPS, WARMUP_MS);
    return await drive(pool, target, op, concurrency, CELL_MAX_OPS, CELL_MAX_MS);
  } finally {
    await pool.close();
  }
}

/** Every workload at every concurrency against one target, a line logged per cell as it finishes. */
export async function measureAll(target: Target, log: (line: string) => void): Promise<Results> {
  const results: Results = new Map();
  for (const w of WORKLOADS) {
    for (const c of CONCURRENCY) {
      unexpected.last = '';
      const r = await measure(target, w.op, c);
      results.set(cellKey(w.name, c), r);
      log(
        `  ${target.name.padEnd(5)} ${w.name.padEnd(13)} c=${String(c).padEnd(2)}  ${fmt(r.opsPerSec, 0).padStart(7)} ops/s${r.errors > 0 ? `  (${r.errors} unexpected; last: ${unexpected.last})` : ''}`,
      );
    }
  }
  return results;
}
