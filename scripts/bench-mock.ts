/**
 * `npm run bench:mock`: throughput and latency of the embedded mock, measured next to Prism's mock serving the
 * same spec. Three workloads (show, list of 100, create+delete) at concurrency 1, 16 and 64 on loopback.
 *
 * The mock runs in a worker thread (its own event loop, like Prism in its own process), so the load generator
 * does not share a thread with the server it measures. Both servers and the load generator share this machine's
 * CPUs; the numbers compare the two servers under the same conditions, they are not capacity figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { Pool } from 'undici';

const PRISM_PACKAGE = '@stoplight/prism-cli@5.14.2';
const CONCURRENCY = [1, 16, 64] as const;
/** Each measured cell stops at whichever comes first. */
const CELL_MAX_MS = 2_000;
const CELL_MAX_OPS = 20_000;
/** Unmeasured warm-up per cell: opens the connections and warms the JIT. */
const WARMUP_MS = 250;
const WARMUP_OPS = 500;
const LIST_SIZE = 100;
/** npx may have to download Prism first. */
const PRISM_READY_TIMEOUT_MS = 90_000;

// ---------------------------------------------------------------------------------------------------------------
// The mock, in a worker thread.

interface MockReady {
  url: string;
  token: string;
}

async function mockWorker(): Promise<void> {
  const { startMock } = await import('../mock/start-mock.js');
  const mock = await startMock({ host: '127.0.0.1', port: 0 });
  const port = parentPort!;
  port.on('message', (message: unknown) => {
    if (message === 'close') void mock.close().then(() => port.postMessage('closed'));
  });
  const token = mock.config.principals.owner?.token;
  if (!token) throw new Error('the mock config has no token for owner');
  const ready: MockReady = { url: mock.url, token };
  port.postMessage(ready);
}

interface MockHandle extends MockReady {
  close(): Promise<void>;
}

function startMockWorker(): Promise<MockHandle> {
  const worker = new Worker(new URL(import.meta.url));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`mock worker exited with code ${code} before it was ready`)));
    worker.once('message', (ready: MockReady) => {
      worker.removeAllListeners('exit');
      resolve({
        ...ready,
        close: async () => {
          const closed = new Promise<void>((done) => worker.once('message', () => done()));
          worker.postMessage('close');
          await Promise.race([closed, new Promise((done) => setTimeout(done, 3_000))]);
          await worker.terminate();
        },
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Load generation.

interface Target {
  name: string;
  origin: string;
  token: string;
  /** The image GET /v2/images/{id} shows. */
  showId: string;
  /** The id to DELETE after a create: the created one, or any uuid for Prism (it keeps no state). */
  deleteIdFor(createdId: string | undefined): string;
}

/** One operation: resolves true when every answer had the expected status. */
type Operation = (pool: Pool, target: Target) => Promise<boolean>;

const headersFor = (target: Target, json = false): Record<string, string> => ({
  accept: 'application/json',
  'x-auth-token': target.token,
  ...(json ? { 'content-type': 'application/json' } : {}),
});

let lastUnexpected = '';

/** Sends one request, reads the whole body (so big list pages cost what they cost), checks the status. */
async function send(pool: Pool, method: 'GET' | 'POST' | 'DELETE', path: string, headers: Record<string, string>, expected: number, body?: string): Promise<{ ok: boolean; text: string }> {
  const res = await pool.request({ method, path, headers, ...(body !== undefined ? { body } : {}), headersTimeout: 30_000, bodyTimeout: 30_000 });
  const text = await res.body.text();
  const ok = res.statusCode === expected;
  if (!ok) lastUnexpected = `${method} ${path.replace(/[0-9a-f-]{36}/, '{id}')} → ${res.statusCode} (expected ${expected})`;
  return { ok, text };
}

const CREATE_BODY = JSON.stringify({ name: 'bench', disk_format: 'qcow2', container_format: 'bare' });

const WORKLOADS: Array<{ name: string; op: Operation }> = [
  {
    name: 'show',
    op: async (pool, t) => (await send(pool, 'GET', `/v2/images/${t.showId}`, headersFor(t), 200)).ok,
  },
  {
    name: `list (${LIST_SIZE})`,
    op: async (pool, t) => (await send(pool, 'GET', `/v2/images?limit=${LIST_SIZE}`, headersFor(t), 200)).ok,
  },
  {
    name: 'create+delete',
    op: async (pool, t) => {
      const created = await send(pool, 'POST', '/v2/images', headersFor(t, true), 201, CREATE_BODY);
      let id: string | undefined;
      try {
        id = (JSON.parse(created.text) as { id?: string }).id;
      } catch {
        id = undefined;
      }
      const deleted = await send(pool, 'DELETE', `/v2/images/${t.deleteIdFor(id)}`, headersFor(t), 204);
      return created.ok && deleted.ok;
    },
  },
];

interface CellResult {
  ops: number;
  errors: number;
  opsPerSec: number;
  p50: number;
  p99: number;
}

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
        lastUnexpected = `request failed: ${(error as Error).message}`;
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

type Results = Map<string, CellResult>;
const cellKey = (workload: string, concurrency: number): string => `${workload}@${concurrency}`;

async function measureAll(target: Target, log: (line: string) => void): Promise<Results> {
  const results: Results = new Map();
  for (const w of WORKLOADS) {
    for (const c of CONCURRENCY) {
      lastUnexpected = '';
      const r = await measure(target, w.op, c);
      results.set(cellKey(w.name, c), r);
      log(`  ${target.name.padEnd(5)} ${w.name.padEnd(13)} c=${String(c).padEnd(2)}  ${fmt(r.opsPerSec, 0).padStart(7)} ops/s${r.errors > 0 ? `  (${r.errors} unexpected; last: ${lastUnexpected})` : ''}`);
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Prism, in a child process group (npx → sh → node), killed as a group.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface PrismHandle {
  origin: string;
  command: string;
  stop(): Promise<void>;
}

class Tail {
  private text = '';
  add(chunk: Buffer): void {
    this.text = (this.text + chunk.toString('utf8')).slice(-8_000);
  }
  lastLine(): string {
    const lines = this.text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0 && !l.startsWith('npm warn'));
    return lines.at(-1) ?? '';
  }
}

let prismChild: ChildProcess | undefined;

function killPrismGroup(signal: NodeJS.Signals): void {
  const pid = prismChild?.pid;
  if (pid === undefined || prismChild?.exitCode !== null || prismChild.signalCode !== null) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function startPrism(specFile: string): Promise<PrismHandle> {
  const port = await freePort();
  const args = ['-y', PRISM_PACKAGE, 'mock', specFile, '-p', String(port), '-h', '127.0.0.1', '-v', 'silent'];
  const child = spawn('npx', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  prismChild = child;
  const tail = new Tail();
  child.stdout!.on('data', (c: Buffer) => tail.add(c));
  child.stderr!.on('data', (c: Buffer) => tail.add(c));
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not run npx: ${error.message}`));
    child.once('exit', (code, signal) => resolve(`exited (${signal ?? `code ${code}`}) before it was ready${tail.lastLine() ? `: ${tail.lastLine()}` : ''}`));
  });
  let exitReason: string | undefined;
  void exited.then((r) => {
    exitReason = r;
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killPrismGroup('SIGTERM');
    const timer = setTimeout(() => killPrismGroup('SIGKILL'), 3_000);
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    clearTimeout(timer);
    // npx may exit before its node child: make sure nothing of the group is left.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone
    }
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + PRISM_READY_TIMEOUT_MS;
  const probe = new Pool(origin, { connections: 1 });
  try {
    for (;;) {
      if (exitReason) throw new Error(exitReason);
      if (Date.now() > deadline) throw new Error(`not ready within ${PRISM_READY_TIMEOUT_MS / 1000} s${tail.lastLine() ? ` (last output: ${tail.lastLine()})` : ''}`);
      try {
        const res = await probe.request({ method: 'GET', path: '/', headersTimeout: 2_000, bodyTimeout: 2_000 });
        await res.body.text();
        break; // any HTTP answer means it listens
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await probe.close();
  }
  return { origin, command: `npx ${args.join(' ')}`, stop };
}

// ---------------------------------------------------------------------------------------------------------------
// Output.

function fmt(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

function table(mock: Results, prism: Results | undefined): string[] {
  const head = ['workload', 'conc', 'mock ops/s', 'p50 ms', 'p99 ms', 'errors'];
  if (prism) head.push('prism ops/s', 'p50 ms', 'p99 ms', 'errors', 'mock/prism ops/s');
  const rows: string[][] = [head];
  for (const w of WORKLOADS) {
    for (const c of CONCURRENCY) {
      const m = mock.get(cellKey(w.name, c))!;
      const row = [w.name, String(c), fmt(m.opsPerSec, 0), fmt(m.p50, 2), fmt(m.p99, 2), `${m.errors}/${m.ops}`];
      if (prism) {
        const p = prism.get(cellKey(w.name, c))!;
        row.push(fmt(p.opsPerSec, 0), fmt(p.p50, 2), fmt(p.p99, 2), `${p.errors}/${p.ops}`, `${fmt(m.opsPerSec / p.opsPerSec, 1)}x`);
      }
      rows.push(row);
    }
  }
  const widths = head.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i < 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

// ---------------------------------------------------------------------------------------------------------------

async function seedMock(target: Target): Promise<string> {
  const pool = new Pool(target.origin, { connections: 8 });
  try {
    const ids: string[] = [];
    for (let i = 0; i < LIST_SIZE; i++) {
      const created = await send(pool, 'POST', '/v2/images', headersFor(target, true), 201, JSON.stringify({ name: `bench-${i}`, disk_format: 'qcow2', container_format: 'bare' }));
      if (!created.ok) throw new Error(`seeding the mock failed: ${lastUnexpected}`);
      ids.push((JSON.parse(created.text) as { id: string }).id);
    }
    const listed = await send(pool, 'GET', `/v2/images?limit=${LIST_SIZE}`, headersFor(target), 200);
    const count = (JSON.parse(listed.text) as { images: unknown[] }).images.length;
    if (count !== LIST_SIZE) throw new Error(`the mock lists ${count} images, expected a full page of ${LIST_SIZE}`);
    return ids[0]!;
  } finally {
    await pool.close();
  }
}

async function main(): Promise<void> {
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const began = performance.now();
  const cpuList = cpus();
  out(`bench:mock — node ${process.version} on ${process.platform}/${process.arch}, ${availableParallelism()} CPUs (${cpuList[0]?.model.trim() ?? 'unknown model'})`);
  out(`each cell: ${WARMUP_MS} ms / ${WARMUP_OPS} ops warm-up, then at most ${CELL_MAX_MS / 1000} s or ${CELL_MAX_OPS} operations; one undici keep-alive Pool per cell, connections = concurrency`);
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

  const mock = await startMockWorker();
  let mockResults: Results;
  try {
    const target: Target = { name: 'mock', origin: mock.url, token: mock.token, showId: '', deleteIdFor: (id) => id ?? randomUUID() };
    target.showId = await seedMock(target);
    out(`mock: ${mock.url} (worker thread; ${LIST_SIZE} images of the owner present, list pages are full)`);
    mockResults = await measureAll(target, out);
  } finally {
    await mock.close();
  }
  out('');

  let prismResults: Results | undefined;
  let prismNote = '';
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
    prismResults = await measureAll(target, out);
  } catch (error) {
    prismNote = `prism: unavailable — ${(error as Error).message.split('\n')[0]}`;
    out(prismNote);
  } finally {
    await prism?.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  out('');
  for (const line of table(mockResults, prismResults)) out(line);
  if (prismNote) out(prismNote);
  out('');
  out(`total ${fmt((performance.now() - began) / 1000, 1)} s`);
}

if (isMainThread) {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`bench:mock: ${(error as Error).stack ?? String(error)}\n`);
    killPrismGroup('SIGKILL');
    process.exitCode = 1;
  }
} else {
  await mockWorker();
}
