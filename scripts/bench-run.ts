/**
 * `npm run bench:run`: the whole suite (the built CLI's `run`) against the mock at three settings of round-trip
 * latency and job duration, and how close each run came to its critical path: the longest chain of dependent
 * requests and waits inside any one scenario, lifecycle or final cleanup, from the run's own timeline
 * (summary.json `timings`). No schedule can finish a run sooner, so wall ÷ critical path says how much of the wall
 * time scheduling could still win. A benchmark that prints numbers; nothing here passes or fails.
 *
 *   npm run bench:run -- [--settings 0,1,2] [--repeat N] [--concurrency N] [--cli PATH]
 *
 * `--cli` runs another build's `bin/ims-conformance.js` against the same mock, to set two builds side by side on one
 * machine (a build that records no timings shows its critical path as —).
 *
 * The mock runs in this process (its own event loop: the CLI is a child process), and counts every request it
 * answers, sign-in and sweep included.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startMock } from '../mock/start-mock.js';
import type { RunReport } from '../reports/report-model.js';
import { configYaml } from '../src/cli/mock-command.js';
import { packageRoot } from '../src/spec/package-root.js';

interface Setting {
  latencyMs: number;
  jobDelayMs: number;
}

const SETTINGS: Setting[] = [
  { latencyMs: 0, jobDelayMs: 200 },
  { latencyMs: 100, jobDelayMs: 3_000 },
  { latencyMs: 50, jobDelayMs: 30_000 },
];

interface Measured {
  wallMs: number;
  requests: number;
  criticalMs: number;
  criticalScenario: string;
  waitMs: number;
  verdict: string;
  exitCode: number;
}

/** Runs the built CLI once against a fresh mock with the setting; the mock counts the requests it answered. */
async function measure(setting: Setting, concurrency: number | undefined, cli: string): Promise<Measured> {
  let requests = 0;
  const mock = await startMock({ ...setting, observe: () => void requests++ });
  const dir = mkdtempSync(join(tmpdir(), 'ims-bench-run-'));
  try {
    const configFile = join(dir, 'mock.yaml');
    writeFileSync(configFile, configYaml(mock.config));
    const args = [cli, 'run', '--config', configFile, '--report-dir', join(dir, 'reports'), '--quiet'];
    if (concurrency !== undefined) args.push('--concurrency', String(concurrency));
    const began = performance.now();
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) => resolve(code ?? 1));
    });
    const wallMs = performance.now() - began;
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'summary.json'), 'utf8')) as RunReport;
    const chain = report.timings?.criticalPath;
    return {
      wallMs,
      requests,
      criticalMs: chain?.ms ?? Number.NaN,
      criticalScenario: chain?.scenario ?? 'no timings in summary.json',
      waitMs: report.timings?.waitMs ?? Number.NaN,
      verdict: report.verdict,
      exitCode,
    };
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const s = (ms: number): string => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(1)} s`);
const label = (setting: Setting): string =>
  `${setting.latencyMs} ms, ${setting.jobDelayMs >= 1000 ? `${setting.jobDelayMs / 1000} s` : `${setting.jobDelayMs} ms`} jobs`;

/** One table row: the medians of the runs (the run nearest the median wall time names the critical scenario). */
function row(setting: Setting, runs: Measured[]): string[] {
  const wall = median(runs.map((r) => r.wallMs));
  const requests = median(runs.map((r) => r.requests));
  const critical = median(runs.map((r) => r.criticalMs));
  const typical = [...runs].sort((a, b) => Math.abs(a.wallMs - wall) - Math.abs(b.wallMs - wall))[0] as Measured;
  const verdicts = [...new Set(runs.map((r) => `${r.verdict} (exit ${r.exitCode})`))].join(', ');
  return [
    label(setting),
    s(wall),
    String(Math.round(requests)),
    (requests / (wall / 1000)).toFixed(0),
    s(critical),
    Number.isNaN(critical) ? '—' : `${(wall / critical).toFixed(2)}×`,
    s(median(runs.map((r) => r.waitMs))),
    verdicts,
    typical.criticalScenario,
  ];
}

function table(rows: string[][]): string[] {
  const head = ['setting (latency, jobs)', 'wall', 'requests', 'req/s', 'critical path', 'wall ÷ critical', 'waits (Σ)', 'verdict', 'critical path in'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 || i >= 7 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { settings: { type: 'string' }, repeat: { type: 'string' }, concurrency: { type: 'string' }, cli: { type: 'string' } },
  });
  const picked = (values.settings ?? '0,1,2').split(',').map((i) => SETTINGS[Number(i)]);
  if (picked.some((p) => p === undefined)) throw new Error(`--settings takes indexes 0-${SETTINGS.length - 1}, comma-separated`);
  const repeat = Math.max(1, Number(values.repeat ?? 1));
  const concurrency = values.concurrency !== undefined ? Number(values.concurrency) : undefined;
  const cli = resolve(values.cli ?? join(packageRoot(), 'bin', 'ims-conformance.js'));
  if (!existsSync(cli)) throw new Error(`--cli ${cli}: no such file (give a build's bin/ims-conformance.js)`);
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  out(
    `bench:run — node ${process.version}, ${availableParallelism()} CPUs; ${repeat} run(s) per setting (medians), concurrency ${concurrency ?? 'default'}; ${cli}`,
  );
  const rows: string[][] = [];
  for (const setting of picked as Setting[]) {
    const runs: Measured[] = [];
    for (let i = 0; i < repeat; i++) {
      const m = await measure(setting, concurrency, cli);
      out(`  ${label(setting)} #${i + 1}: ${s(m.wallMs)}, ${m.requests} requests, critical path ${s(m.criticalMs)} (${m.criticalScenario}), ${m.verdict}`);
      runs.push(m);
    }
    rows.push(row(setting, runs));
  }
  out('');
  for (const line of table(rows)) out(line);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench:run: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
}
