import { flagsAndConfig } from './flags-and-config.js';
import { resolveTarget } from './embedded-target.js';
import { doctorPasses, runDoctor, type DoctorRow, type DoctorStatus } from '../preflight/doctor.js';
import { loadSpec } from '../spec/load-spec.js';

export interface DoctorIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

/** The doctor's one table: item, status, what was seen or what to do — failures first, the rest in check order. */
export function doctorTable(rows: readonly DoctorRow[]): string[] {
  const sorted = [...rows.filter((r) => r.status === 'fail'), ...rows.filter((r) => r.status !== 'fail')];
  const width = Math.min(54, Math.max(4, ...rows.map((r) => r.item.length)));
  const statusWidth = 'cannot-check'.length;
  return [
    `${'item'.padEnd(width)}  ${'status'.padEnd(statusWidth)}  what was seen / what to do`,
    `${'-'.repeat(width)}  ${'-'.repeat(statusWidth)}  ${'-'.repeat(26)}`,
    ...sorted.map((r) => `${r.item.padEnd(width)}  ${r.status.padEnd(statusWidth)}  ${r.detail}`),
  ];
}

export function doctorTotals(rows: readonly DoctorRow[]): string {
  const count = (s: DoctorStatus): number => rows.filter((r) => r.status === s).length;
  return `${count('ok')} ok, ${count('warn')} warn, ${count('cannot-check')} cannot-check, ${count('fail')} fail`;
}

/**
 * `ims-conformance doctor --config FILE`: is this config ready for a run against its target? Exit 0 when nothing
 * fails (the run will not skip for setup reasons), 1 when something does, 2 for a usage or config error.
 */
export async function doctorCommand(argv: string[], io: DoctorIo): Promise<number> {
  const parsed = flagsAndConfig('doctor', argv, io);
  if (typeof parsed === 'number') return parsed;
  const { config } = parsed;
  const target = await resolveTarget(config);
  try {
    const spec = await loadSpec(undefined, config.profile);
    const started = Date.now();
    const rows = await runDoctor(target.config, spec);
    io.out(`ims-conformance doctor — target ${target.config.target}${target.embedded ? ' (embedded mock)' : ''}, profile ${config.profile}`);
    for (const line of doctorTable(rows)) io.out(line);
    const ready = doctorPasses(rows);
    io.out(
      `${doctorTotals(rows)} (${((Date.now() - started) / 1000).toFixed(1)} s) — ${ready ? 'ready: a run will not skip for setup reasons' : 'NOT ready: fix the fail lines above'}`,
    );
    return ready ? 0 : 1;
  } finally {
    await target.stop();
  }
}
