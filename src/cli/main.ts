import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpLines } from '../config/flag-table.js';
import { listCommand } from './list-command.js';
import { packageRoot } from '../spec/package-root.js';
import { stopOnSignals } from './signals.js';

const USAGE = `usage: ims-conformance <command> [options]

commands:
  run      run every operation × check against --target (default: the embedded mock); \`run --help\` for options
  list     the operations the spec defines, by area: IAM facts and the checks a run makes (--json for machines)
  mock     start the reference IMS endpoint and print a suite config for it (\`mock --help\` for options)
  report   regenerate summary.md and junit.xml from a saved summary.json: report <dir> [--report-dir <out>]
  replay   re-run one result of a saved run with its settings: replay <dir> <operationId/checkId> [--report-dir <out>]
  merge    join the report directories of \`run --shard i/n\` into one report set: merge <dir>... --report-dir <out>
  init     write a commented run contract with every principal and fixture the suite can use:
           init [--profile ims|openstack] [--region REGION] [--out FILE]
  policies the IAM custom policy (or Keystone role) of each principal of a config, and where to attach it:
           policies --config FILE [--format huawei-iam|json]
  doctor   check a config against its target in seconds, changing nothing: doctor --config FILE (exit 0 = ready to run;
           \`doctor --help\` for options)
  help     this text

every command takes --help; --version prints the tool's version; --no-color (or NO_COLOR) turns colour off
`;

/** `run --help` and `doctor --help`: the options come from the flag table (src/config/flag-table.ts), like README's. */
function commandUsage(command: 'run' | 'doctor'): string {
  const footer =
    command === 'run'
      ? [
          '--waivers: YAML/JSON list of {id: operationId/check (or operationId/), reason, match?: regexp, expires?: YYYY-MM-DD};',
          'covered failures are reported as waived. --fail-on regressions exits 1 only for failures the --baseline lacks.',
          'exit 0 = all passed, advisory or skipped with a reason · 1 = a check failed · 2 = usage/config error, target',
          'unreachable, or nothing judged (every selected check skipped, or --only selects nothing)',
        ]
      : ['exit 0 = ready (a run will not skip for setup reasons) · 1 = a line failed · 2 = usage/config error'];
  return [
    `usage: ims-conformance ${command} [options]`,
    '',
    'options (flag, IMS_* variable, meaning with the default in brackets; flags beat IMS_*, which beat --config):',
    ...helpLines(command),
    '',
    ...footer,
    '',
  ].join('\n');
}

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const printErr = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const wantsHelp = (args: string[]): boolean => args.includes('--help') || args.includes('-h');

/** One question on the terminal (init's region): only ever asked when stdin is one. */
async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/** The version of the installed package (package.json), as \`--version\` prints it. */
function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The console a run (or a replay of one) writes to: the terminal's colour and width when stdout is one. */
function runIo() {
  return {
    out: print,
    err: printErr,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    env: process.env,
    tty: process.stdout.isTTY ? { write: (text: string) => process.stdout.write(text), columns: () => process.stdout.columns || 80 } : undefined,
    signals: process,
  };
}

/** Each command, loaded on demand: a command needs none of the others' modules (the mock's above all). */
const COMMANDS: Record<string, (rest: string[]) => Promise<number>> = {
  run: async (rest) => (await import('./run-command.js')).runCommand(rest, runIo()),
  replay: async (rest) => (await import('./replay-command.js')).replayCommand(rest, runIo()),
  list: async (rest) => listCommand({ out: print, err: printErr }, rest),
  report: async (rest) => (await import('./report-command.js')).reportCommand(rest, { out: print, err: printErr }),
  merge: async (rest) => (await import('./merge-command.js')).mergeCommand(rest, { out: print, err: printErr }),
  init: async (rest) =>
    (await import('./init-command.js')).initCommand(rest, { out: print, err: printErr, ...(process.stdin.isTTY ? { ask: askOnTerminal } : {}) }),
  policies: async (rest) => (await import('./policies-command.js')).policiesCommand(rest, { out: print, err: printErr, env: process.env }),
  doctor: async (rest) => (await import('./doctor-command.js')).doctorCommand(rest, { out: print, err: printErr, env: process.env }),
  mock: async (rest) => {
    const { mockCommand } = await import('./mock-command.js');
    const stop = stopOnSignals(process, undefined, undefined, 'ims-conformance mock:');
    try {
      return await mockCommand(rest, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }, stop.signal);
    } finally {
      stop.dispose();
    }
  },
};

/** Runs one CLI invocation; resolves to the process exit code (0 ok, 1 checks failed, 2 usage/config error). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...given] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    process.stdout.write(`ims-conformance ${version()}\n`);
    return 0;
  }
  // Only run prints colour (its --no-color comes from the flag table, as doctor's); the other commands accept the
  // switch so a wrapper may pass it to every command.
  const rest = command === 'run' || command === 'doctor' ? given : given.filter((a) => a !== '--no-color');
  if ((command === 'run' || command === 'doctor') && wantsHelp(rest)) {
    process.stdout.write(commandUsage(command));
    return 0;
  }
  const handler = command === undefined ? undefined : COMMANDS[command];
  if (handler && Object.hasOwn(COMMANDS, command as string)) return handler(rest);
  if (command === undefined || command === 'help' || wantsHelp([command])) {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  process.stderr.write(`ims-conformance: unknown command "${command}" (${rest.length} more arguments)\n${USAGE}`);
  return 2;
}
