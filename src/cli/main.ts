import { listCommand } from './list-command.js';

const USAGE = `usage: ims-conformance <command> [options]

commands:
  run      run every operation × check against --target (default: the embedded mock); \`run --help\` for options
  list     the operations the spec defines, by area, with their documented statuses and IAM facts
  mock     start the reference IMS endpoint and print a suite config for it (\`mock --help\` for options)
  help     this text
`;

const RUN_USAGE = `usage: ims-conformance run [--target <url>] [--config <file>] [--profile ims|openstack] [--report-dir <dir>]
                           [--seed <int>] [--runs <n>] [--only <prefix>]... [--read-only] [--concurrency <n>]
                           [--rate <req/s>] [--timeout <ms>] [--poll-timeout <ms>] [--project-id <id>]
                           [--mock-fault <name>]... [--verbose | --quiet]
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
      });
    }
    case 'list':
      return listCommand(print);
    case 'mock': {
      // Loaded on demand: the other commands need none of the mock.
      const { mockCommand, stopOnSignals } = await import('./mock-command.js');
      const stop = stopOnSignals();
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
