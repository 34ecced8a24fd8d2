import { dirname } from 'node:path';
import { CONFIG_DEFAULTS } from '../config/config.js';
import { gatherAllureResults } from '../../reports/copy-results.js';
import { failOnNote, htmlAsked, reportFails } from '../../reports/report-options.js';
import { MergeError, mergeReports, type ShardReport } from '../../reports/merge.js';
import type { RunReport } from '../../reports/report-model.js';
import { writeReports } from '../../reports/write-reports.js';
import { printSummary } from '../run/console-output.js';
import { choice, commandArgs, type CommandIo } from './command-args.js';
import { readReportOf } from './report-command.js';

export const MERGE_USAGE = `usage: ims-conformance merge <dir>... [--report-dir <out>] [--fail-on any|regressions] [--report html]
Joins the report directories of the shards of one run (\`run --shard i/n\`, every shard with the same --seed,
target, profile and spec) into one report set in --report-dir (default ${CONFIG_DEFAULTS.reportDir}): summary.json,
summary.md, junit.xml (and report.html with --report html).
exit 0 = merged, no failure (or none new with --fail-on regressions) · 1 = merged, a check failed ·
2 = usage error, a missing or invalid summary.json, or reports that are not the shards of one run
`;

/** `ims-conformance merge <dirs…> --report-dir out`: the shards of a run as one report set. */
export async function mergeCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = commandArgs(
    'merge',
    argv,
    {
      options: { 'report-dir': { type: 'string' }, 'fail-on': { type: 'string' }, report: { type: 'string', multiple: true } },
      usage: MERGE_USAGE,
      positionals: true,
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const failOn = choice('merge', 'fail-on', parsed.values['fail-on'] ?? 'any', ['any', 'regressions'], io);
  if (!failOn) return 2;
  let html;
  try {
    html = htmlAsked(parsed.values.report);
  } catch (error) {
    io.err(`ims-conformance merge: ${(error as Error).message}`);
    return 2;
  }
  if (parsed.positionals.length === 0) {
    io.err('ims-conformance merge: give the report directories of the shards (ims-conformance merge shard-1 shard-2 … --report-dir out)');
    return 2;
  }
  const read = readAndMerge(parsed.positionals, io);
  if (!read) return 2;
  const { parts, merged } = read;
  if (failOn === 'regressions' && !merged.baseline) {
    io.err('ims-conformance merge: --fail-on regressions needs shards run with --baseline');
    return 2;
  }
  const out = parsed.values['report-dir'] ?? CONFIG_DEFAULTS.reportDir;
  gatherAllureResults(
    parts.map((p) => dirname(p.source)),
    out,
  );
  const fails = reportFails(merged, { failOn });
  const written = writeReports({ ...merged, green: !fails }, out, { html });
  io.out(`merged ${parsed.positionals.length} shards → ${written.dir}  (${written.files.join(' · ')})`);
  printSummary(merged, { out: io.out, color: false, quiet: true, verbose: false }, written.dir);
  const note = failOnNote(merged, { failOn });
  if (note) io.out(note);
  return fails ? 1 : 0;
}

/** Reads each shard's summary.json and joins them; a bad file or a set that is not one run is reported, not thrown. */
function readAndMerge(dirs: readonly string[], io: CommandIo): { parts: ShardReport[]; merged: RunReport } | undefined {
  const parts: ShardReport[] = [];
  for (const dir of dirs) {
    const read = readReportOf('merge', dir, io);
    if (!read) return undefined;
    parts.push({ source: read.file, report: read.report });
  }
  try {
    return { parts, merged: mergeReports(parts) };
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    io.err(`ims-conformance merge: ${error.message}`);
    return undefined;
  }
}
