import { dirname } from 'node:path';
import { commandArgs, type CommandIo } from './command-args.js';
import { gatherAllureResults } from '../../reports/copy-results.js';
import { ReportFileError, readReport, summaryPath } from '../../reports/read-report.js';
import { interruptedNote } from '../../reports/report-dir.js';
import { writeReports } from '../../reports/write-reports.js';
import { printSummary } from '../run/console-output.js';

/** A saved report (a directory or its summary.json), or undefined after one line saying what is wrong with it. */
export function readReportOf(command: string, dir: string, io: CommandIo): ReturnType<typeof readReport> | undefined {
  try {
    return readReport(dir);
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    io.err(`ims-conformance ${command}: ${error.message}`);
    return undefined;
  }
}

export const REPORT_USAGE = `usage: ims-conformance report <dir | dir/summary.json> [--report-dir <out>] [--force]
Regenerates the reports (summary.md, junit.xml, …) from a saved summary.json, after checking it against the
shipped schema (reports/summary.schema.json). Writes next to the summary.json unless --report-dir names another
folder (which then gets a copy of summary.json too). A directory of an interrupted run (Ctrl-C) holds partial
results: it is refused unless --force.
exit 0 = written · 2 = usage error, the file is missing or not a valid summary.json, or the run was interrupted
`;

/** `ims-conformance report <dir>`: the report set of a saved summary.json, rendered again. */
export async function reportCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = commandArgs(
    'report',
    argv,
    { options: { 'report-dir': { type: 'string' }, force: { type: 'boolean' } }, usage: REPORT_USAGE, positionals: true },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1) {
    io.err(`ims-conformance report: give one report directory (or its summary.json); got ${parsed.positionals.length}`);
    return 2;
  }
  const source = parsed.positionals[0] as string;
  const interrupted = interruptedNote(dirname(summaryPath(source)));
  if (interrupted && parsed.values.force !== true) {
    io.err(`ims-conformance report: ${dirname(summaryPath(source))}: ${interrupted}`);
    return 2;
  }
  const loaded = readReportOf('report', source, io);
  if (!loaded) return 2;
  const out = parsed.values['report-dir'] ?? dirname(loaded.file);
  gatherAllureResults([dirname(loaded.file)], out);
  // Here report.html is always built: this is how a run made without `--report html` gets it afterwards.
  const written = writeReports(loaded.report, out, { html: true });
  io.out(`reports: ${written.dir}  (${written.files.join(' · ')})`);
  printSummary(loaded.report, { out: io.out, color: false, quiet: true, verbose: false }, written.dir);
  return 0;
}
