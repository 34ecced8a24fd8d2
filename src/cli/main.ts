import { listCommand } from './list-command.js';
import { stopOnSignals } from './signals.js';

const USAGE = `usage: ims-conformance <command> [options]

commands:
  run      run every operation × check against --target (default: the embedded mock); \`run --help\` for options
  list     the operations the spec defines, by area: IAM facts and the checks a run makes (--json for machines)
  mock     start the reference IMS endpoint and print a suite config for it (\`mock --help\` for options)
  report   regenerate summary.md and junit.xml from a saved summary.json: report <dir> [--report-dir <out>]
  merge    join the report directories of \`run --shard i/n\` into one report set: merge <dir>... --report-dir <out>
  init     write a commented run contract with every principal and fixture the suite can use: init [--profile ims|openstack] [--out FILE]
  policies the IAM custom policy (or Keystone role) of each principal of a config, and where to attach it:
           policies --config FILE [--format huawei-iam|json]
  doctor   check a config against its target in seconds, changing nothing: doctor --config FILE (exit 0 = ready to run)
  help     this text
`;

const RUN_USAGE = `usage: ims-conformance run [--target <url>] [--config <file>] [--profile ims|openstack] [--report-dir <dir>]
                           [--seed <int>] [--runs <n>] [--only <prefix>]... [--read-only] [--concurrency <n>] [--max-resources <n>]
                           [--rate <req/s>] [--timeout <ms>] [--poll-timeout <ms>] [--project-id <id>]
                           [--insecure | --ca-file <pem>] [--os-cloud <name>] [--sweep] [--mock-fault <name>]... [--mock-appear-delay <ms>]
                           [--mock-variant default|alternative] [--verbose | --quiet]
                           [--waivers <file>] [--baseline <summary.json>] [--fail-on any|regressions] [--shard <i>/<n>] [--strict]
                           [--preflight]
--preflight: first the doctor's checks (\`ims-conformance doctor\`); when one fails, its lines are printed and the run stops (exit 2).
--waivers: YAML/JSON list of {id: operationId/check (or operationId/), reason, match?: regexp, expires?: YYYY-MM-DD}; covered failures
are reported as waived. --baseline: a previous summary.json; the report lists new, fixed and unchanged failures, and
--fail-on regressions exits 1 only for new ones. --shard i/n: run part i of n (merge the parts with \`merge\`).
--strict: advisories (departures from the spec's own reading where the documents are silent) fail like failures.
exit 0 = all passed, advisory or skipped with a reason · 1 = a check failed · 2 = usage/config error, target
unreachable, or nothing judged (every selected check skipped, or --only selects nothing)
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
    case 'init': {
      const { initCommand } = await import('./init-command.js');
      return initCommand(rest, { out: print, err: (line) => process.stderr.write(`${line}\n`) });
    }
    case 'policies': {
      const { policiesCommand } = await import('./policies-command.js');
      return policiesCommand(rest, { out: print, err: (line) => process.stderr.write(`${line}\n`), env: process.env });
    }
    case 'doctor': {
      const { doctorCommand } = await import('./doctor-command.js');
      return doctorCommand(rest, { out: print, err: (line) => process.stderr.write(`${line}\n`), env: process.env });
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
