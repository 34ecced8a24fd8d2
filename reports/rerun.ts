import type { RerunSettings, RunReport } from './report-model.js';

export type { RerunSettings };

/** Shell-quotes what needs it, for a POSIX shell. */
const sh = (s: string): string => (/^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The `run` arguments that re-run `only` (a result id or prefix) with the same settings. */
export function rerunArgs(s: RerunSettings, only: string): string[] {
  return [
    ...(s.target ? ['--target', s.target] : []),
    ...(s.config ? ['--config', s.config] : []),
    ...(s.mock?.faults ?? []).flatMap((f) => ['--mock-fault', f]),
    ...(s.mock?.variant ? ['--mock-variant', s.mock.variant] : []),
    ...(s.mock?.appearDelayMs !== undefined ? ['--mock-appear-delay', String(s.mock.appearDelayMs)] : []),
    '--profile',
    s.profile,
    '--seed',
    String(s.seed),
    '--runs',
    String(s.runs),
    ...(s.readOnly ? ['--read-only'] : []),
    '--only',
    only,
  ];
}

/** `ims-conformance run` with these arguments, as a shell line. */
export const runLine = (args: readonly string[]): string => ['ims-conformance run', ...args.map(sh)].join(' ');

/** The command line that re-runs `only` as the run ran it. */
export const rerunLine = (s: RerunSettings, only: string): string => runLine(rerunArgs(s, only));

/** The settings of a saved report: its own record, or (summaries of older versions) what its fields say. */
export function rerunOf(report: Pick<RunReport, 'rerun' | 'target' | 'embedded' | 'profile' | 'seed' | 'runs'>): RerunSettings {
  return report.rerun ?? { ...(report.embedded ? {} : { target: report.target }), profile: report.profile, seed: report.seed, runs: report.runs };
}

/**
 * Why the curl line of a result may not answer as it did in the run: the images it names were the run's own and
 * deleted when it ended, and an embedded mock ended with the run. Undefined when neither applies.
 */
export function curlCaveat(report: Pick<RunReport, 'embedded'>, curl: string): string | undefined {
  if (report.embedded) return 'the embedded mock it was sent to ended with the run: replay the result instead';
  if (/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i.test(curl))
    return 'an image id in it was the run’s own, deleted when the run ended (or, for an unknown-id check, never existed): replay the result to make it again';
  return undefined;
}
