import { listCommand } from './list-command.js';
import { stopOnSignals } from './signals.js';

const USAGE = `usage: ims-conformance <command> [options]

commands:
  run      run every operation × check against --target (default: the embedded mock); \`run --help\` for options
  list     the operations the spec defines, by area: IAM facts and the checks a run makes (--json for machines)
  mock     start the reference IMS endpoint and print a suite config for it (\`mock --help\` for options)
  report   regenerate summary.md and junit.xml from a saved summary.json: report <dir> [--report-dir <out>]
  merge    join the report directories of \`run --shard i/n\` into one report set: merge <dir>... --report-dir <out>
  help     this text
`;

const RUN_USAGE = `usage: ims-conformance run [--target <url>] [--config <file>] [--profile ims|openstack] [--report-dir <dir>]
                           [--seed <int>] [--runs <n>] [--only <prefix>]... [--read-only] [--concurrency <n>] [--max-resources <n>]
                           [--rate <req/s>] [--timeout <ms>] [--poll-timeout <ms>] [--project-id <id>]
                           [--insecure | --ca-file <pem>] [--os-cloud <name>] [--sweep] [--mock-fault <name>]... [--verbose | --quiet]
                           [--waivers <file>] [--baseline <summary.json>] [--fail-on any|regressions] [--shard <i>/<n>]
--waivers: YAML/JSON list of {id: operationId/check (or operationId/), reason, match?: regexp, expires?: YYYY-MM-DD}; covered failures
are reported as waived. --baseline: a previous summary.json; the report lists new, fixed and unchanged failures, and
--fail-on regressions exits 1 only for new ones. --shard i/n: run part i of n (merge the parts with \`merge\`).
exit 0 = all passed or skipped with a reason · 1 = a check failed · 2 = usage/config error or target unreachable
Every flag has an IMS_* environment variable (IMS_TARGET, IMS_SEED, …); see README.md.
`;

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Runs one CLI invocation; resolves to the process exit code (0 ok, 1 checks failed, 2 usage/config error). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run': {
      if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(RUN_USAGE);
        return 0;
      }
      const { runCommand } = await import('./run-command.js');
      return runCommand(rest, {
        out: print,
        err: (line) => process.stderr.write(`${line}\n`),
        color: process.stdout.isTTY === true && !process.env.NO_COLOR,
        env: process.env,
        tty: process.stdout.isTTY ? { write: (text) => process.stdout.write(text), columns: () => process.stdout.columns || 80 } : undefined,
        signals: process,
      });
    }
    case 'list':
      return listCommand(print, rest);
    case 'report': {
      const { reportCommand } = await import('./report-command.js');
      return reportCommand(rest, { out: print, err: (line) => process.stderr.write(`${line}\n`) });
    }
    case 'merge': {
      const { mergeCommand } = await import('./merge-command.js');
      return mergeCommand(rest, { out: print, err: (line) => process.stderr.write(`${line}\n`) });
    }
    case 'mock': {
      // Loaded on demand: the other commands need none of the mock.
      const { mockCommand } = await import('./mock-command.js');
      const stop = stopOnSignals(process, undefined, undefined, 'ims-conformance mock:');
      try {
        return await mockCommand(rest, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }, stop.signal);
      } finally {
        stop.dispose();
      }
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`ims-conformance: unknown command "${command}" (${rest.length} more arguments)\n${USAGE}`);
      return 2;
  }
}
