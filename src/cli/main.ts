import { listCommand } from './list-command.js';

const USAGE = `usage: ims-conformance <command> [options]

commands:
  list     the operations the spec defines, by area, with their documented statuses and IAM facts
  help     this text
`;

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Runs one CLI invocation; resolves to the process exit code (0 ok, 1 checks failed, 2 usage/config error). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'list':
      return listCommand(print);
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
