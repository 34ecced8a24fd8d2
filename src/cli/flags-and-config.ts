import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../config/config.js';
import { ConfigError, loadConfig } from '../config/load-config.js';

type Options = NonNullable<ParseArgsConfig['options']>;
/** The values `parseArgs` gives for `options`, typed per flag. */
export type FlagValues<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>['values'];

/**
 * A command's flags and the run contract they select (flags > IMS_* > config file > defaults). A bad flag or
 * config is one line on stderr, prefixed with the command, and exit code 2: the result is then that code.
 */
export function flagsAndConfig<T extends Options>(
  command: string,
  argv: string[],
  options: T,
  io: { err: (line: string) => void; env: Record<string, string | undefined> },
): { flags: FlagValues<T>; config: Config } | number {
  let flags: FlagValues<T>;
  try {
    flags = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.err(`ims-conformance ${command}: ${(error as Error).message}`);
    return 2;
  }
  try {
    return { flags, config: loadConfig(flags as Record<string, string | boolean | string[] | undefined>, io.env) };
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`ims-conformance ${command}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
