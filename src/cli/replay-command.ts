import { dirname, join } from 'node:path';
import { rerunArgs, rerunOf, runLine } from '../../reports/rerun.js';
import { commandArgs } from './command-args.js';
import { readReportOf } from './report-command.js';
import { runCommand, type Io } from './run-command.js';

export const REPLAY_USAGE = `usage: ims-conformance replay <dir | dir/summary.json> <operationId/checkId> [--report-dir <out>] [--config FILE]
Re-runs one result of a saved run with the settings it was run with (target, config file, every --mock-fault,
--mock-variant, profile, seed, runs — summary.json's "rerun"), as \`run ... --only <operationId/checkId>\`, and
writes its reports to <out> (default: <dir>/replay). --config names the run contract when the saved run's is
elsewhere now (or a summary of an older version recorded none). Credentials come from the environment as they did.
exit codes as run's: 0 passed · 1 failed · 2 usage error, no such result, or the run could not start
`;

/** `ims-conformance replay <dir> <operationId/checkId>`: one result again, as it was run. */
export async function replayCommand(argv: string[], io: Io): Promise<number> {
  const parsed = commandArgs(
    'replay',
    argv,
    { options: { 'report-dir': { type: 'string' }, config: { type: 'string' } }, usage: REPLAY_USAGE, positionals: true },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const [source, id, ...more] = parsed.positionals;
  if (!source || !id || more.length > 0) {
    io.err('ims-conformance replay: give a report directory (or its summary.json) and one result id, e.g. `replay ims-report deleteImage/iam-denied`');
    return 2;
  }
  const loaded = readReportOf('replay', source, io);
  if (!loaded) return 2;
  const { report } = loaded;
  const result = report.results.find((r) => r.id === id);
  if (!result) {
    const failing = report.results.filter((r) => r.status === 'failed' || r.status === 'error').map((r) => r.id);
    io.err(`ims-conformance replay: ${loaded.file} has no result ${id}${failing.length > 0 ? `; its failing ones: ${failing.join(', ')}` : ''}`);
    return 2;
  }
  const settings = rerunOf(report);
  const config = parsed.values.config ?? settings.config;
  const args = [
    ...rerunArgs({ ...settings, ...(config ? { config } : {}) }, id),
    '--report-dir',
    parsed.values['report-dir'] ?? join(dirname(loaded.file), 'replay'),
  ];
  io.out(`replay of ${id} (${result.status} in run ${report.runId}): ${runLine(args)}`);
  return runCommand(args, io);
}
