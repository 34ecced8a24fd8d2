import type { Config } from '../config/config.js';
import { doctorPasses, runDoctor } from '../preflight/doctor.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import { doctorTable, doctorTotals } from './doctor-command.js';

/**
 * `run --preflight`: the doctor's checks before the run. Its failures are printed first — a run that would skip
 * for setup reasons stops here (the caller exits 2) instead of spending an hour producing skips.
 */
export async function preflight(
  config: Config & { target: string },
  spec: LoadedSpec,
  io: { out: (line: string) => void; err: (line: string) => void },
  quiet: boolean,
): Promise<boolean> {
  const rows = await runDoctor(config, spec);
  if (!doctorPasses(rows)) {
    io.err('ims-conformance run: preflight failed — the run would skip for setup reasons; fix these (`ims-conformance doctor` shows the whole table):');
    for (const line of doctorTable(rows.filter((r) => r.status === 'fail'))) io.err(line);
    return false;
  }
  if (!quiet) io.out(`preflight: ${doctorTotals(rows)}`);
  return true;
}
