import { helpLines } from '../config/flag-table.js';
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

/** `run --help`: the options come from the flag table (src/config/flag-table.ts), like README's. */
function runUsage(): string {
  return [
    'usage: ims-conformance run [options]',
    '',
    'options (flag, IMS_* variable, meaning with the default in brackets; flags beat IMS_*, which beat --config):',
    ...helpLines('run'),
    '',
    '--waivers: YAML/JSON list of {id: operationId/check (or operationId/), reason, match?: regexp, expires?: YYYY-MM-DD};',
    'covered failures are reported as waived. --fail-on regressions exits 1 only for failures the --baseline lacks.',
    'exit 0 = all passed, advisory or skipped with a reason · 1 = a check failed · 2 = usage/config error, target',
    'unreachable, or nothing judged (every selected check skipped, or --only selects nothing)',
    '',
  ].join('\n');
}

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Runs one CLI invocation; resolves to the process exit code (0 ok, 1 checks failed, 2 usage/config error). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run': {
      if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(runUsage());
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
