import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O & { help: { type: 'boolean'; short: 'h' } }; strict: true; allowPositionals: true }>>;

/**
 * The flags of a command that is not `run` or `doctor` (those come from the flag table): an unknown flag or a
 * missing value is one line naming the command, exit 2; `--help` prints the command's usage, exit 0. Returns the
 * parsed flags, or the exit code when the command is already over.
 */
export function commandArgs<const O extends Options>(
  command: string,
  argv: string[],
  spec: { options: O; usage: string; positionals?: boolean },
  io: CommandIo,
): Parsed<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true }) as Parsed<O>;
  } catch (error) {
    io.err(`ims-conformance ${command}: ${(error as Error).message}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(spec.usage.trimEnd());
    return 0;
  }
  if (!spec.positionals && parsed.positionals.length > 0) {
    io.err(`ims-conformance ${command}: unexpected argument "${parsed.positionals[0]}" (\`ims-conformance ${command} --help\` lists what it takes)`);
    return 2;
  }
  return parsed;
}

/** A flag with a fixed set of values: the value, or (after one line listing the choices) undefined. */
export function choice<const C extends string>(command: string, flag: string, value: string, choices: readonly C[], io: CommandIo): C | undefined {
  if ((choices as readonly string[]).includes(value)) return value as C;
  io.err(`ims-conformance ${command}: --${flag} "${value}" is not one of ${choices.join(', ')}`);
  return undefined;
}
