import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { resolveTarget } from '../engine/embedded-target.js';
import type { CheckResult } from '../engine/results.js';
import { loadSpec } from '../spec/load-spec.js';
import { DEFAULT_TRANSPORT, Transport } from '../transport/transport.js';
import { renderMatrix, totals } from '../run/matrix.js';
import { runSuitesWithVitest } from '../run/vitest-run.js';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  color: boolean;
  env: Record<string, string | undefined>;
}

const OPTIONS = {
  target: { type: 'string' },
  config: { type: 'string' },
  profile: { type: 'string' },
  'report-dir': { type: 'string' },
  seed: { type: 'string' },
  runs: { type: 'string' },
  only: { type: 'string', multiple: true },
  'read-only': { type: 'boolean' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
  timeout: { type: 'string' },
  'poll-timeout': { type: 'string' },
  'project-id': { type: 'string' },
  'mock-fault': { type: 'string', multiple: true },
  verbose: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

function reproduce(r: CheckResult, seed: number): string {
  return `ims-conformance run --seed ${seed} --only ${r.id}`;
}

/**
 * `ims-conformance run`: every operation of the spec against the target (the embedded mock when none is
 * given). Exit 0 when every check passed or was skipped with a reason, 1 when one failed (or the harness
 * broke), 2 for a usage/config error or an unreachable target.
 */
export async function runCommand(argv: string[], io: Io): Promise<number> {
  let flags;
  try {
    flags = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.err(`ims-conformance run: ${(error as Error).message}`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(flags as Record<string, string | boolean | string[] | undefined>, io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`ims-conformance run: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const mockFaults = flags['mock-fault'] ?? [];
  if (mockFaults.length > 0 && config.target) {
    io.err('ims-conformance run: --mock-fault only applies to the embedded mock; drop --target to use it');
    return 2;
  }
  let target;
  try {
    target = await resolveTarget(config, { faults: mockFaults });
  } catch (error) {
    io.err(`ims-conformance run: ${(error as Error).message}`);
    return 2;
  }
  try {
    const spec = await loadSpec();
    const probe = new Transport({ ...DEFAULT_TRANSPORT, timeoutMs: Math.min(config.timeoutMs, 15_000) });
    const reached = await probe.send({ method: 'GET', url: `${target.config.target.replace(/\/+$/, '')}/`, headers: { accept: 'application/json' } });
    await probe.close();
    if (!reached.ok) {
      io.err(`ims-conformance run: target ${target.config.target} is unreachable (${reached.error.message}); check --target and the network`);
      return 2;
    }
    const quiet = flags.quiet === true;
    if (!quiet) {
      io.out(`ims-conformance — target ${target.config.target}${target.embedded ? ' (embedded mock' + (mockFaults.length ? `, faults: ${mockFaults.join(', ')}` : '') + ')' : ''}`);
      io.out(`profile ${config.profile} · seed ${config.seed} · runs ${config.runs} · run id ${config.runId} · spec ${spec.version} (${spec.hash.slice(0, 12)})`);
    }
    const started = Date.now();
    let done = 0;
    const run = await runSuitesWithVitest(target.config, spec, (test) => {
      done++;
      if (flags.verbose) io.out(`${test.state === 'passed' ? '✔' : test.state === 'failed' ? '✘' : '–'} ${test.title}`);
      else if (!quiet && test.state === 'failed') io.out(`✘ ${test.title}`);
    });
    const results = run.book.all();
    const t = totals(results);
    const failures = results.filter((r) => r.status === 'failed' || r.status === 'error');
    if (!quiet) {
      io.out('');
      for (const line of renderMatrix(results, io.color, spec.operations.map((o) => o.area))) io.out(line);
      io.out('');
      for (const r of failures) {
        io.out(`${r.status === 'failed' ? '✘' : '!'} ${r.id} (${r.method} ${r.path})`);
        io.out(`  ${r.message.slice(0, 1_000)}`);
        const hint = r.findings[0]?.hint;
        if (hint) io.out(`  fix: ${hint}`);
        io.out(`  re-run: ${reproduce(r, config.seed)}`);
      }
    }
    for (const e of run.unhandled) io.err(`harness error outside the tests: ${e}`);
    const verdict = failures.length === 0 && run.unhandled.length === 0 ? 'PASSED' : 'FAILED';
    const operations = new Set(results.map((r) => r.operationId)).size;
    io.out(
      `${verdict}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, ${t.error} errors — ${operations} operations, ${results.length} operation × check results, ${done} tests, ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${config.seed}`,
    );
    return verdict === 'PASSED' ? 0 : 1;
  } finally {
    await target.stop();
  }
}
