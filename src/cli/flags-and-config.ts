import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { type FlagCommand, parseOptions } from '../config/flag-table.js';
import { ConfigError, loadConfig } from '../config/load-config.js';

/** The values `parseArgs` gives: a string, a switch, or the strings of a repeatable flag (src/config/flag-table.ts). */
export type ParsedFlags = Readonly<Record<string, string | boolean | string[] | undefined>>;

/**
 * A command's flags (from the one flag table) and the run contract they select (flags > IMS_* > config file >
 * defaults). A bad flag or config is one line on stderr, prefixed with the command, and exit code 2: the result
 * is then that code.
 */
export function flagsAndConfig(
  command: FlagCommand,
  argv: string[],
  io: { err: (line: string) => void; env: Record<string, string | undefined> },
): { flags: ParsedFlags; config: Config } | number {
  let flags: ParsedFlags;
  try {
    flags = parseArgs({ args: argv, options: parseOptions(command), strict: true, allowPositionals: false }).values as ParsedFlags;
  } catch (error) {
    io.err(`ims-conformance ${command}: ${(error as Error).message}`);
    return 2;
  }
  try {
    return { flags, config: loadConfig(flags, io.env) };
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`ims-conformance ${command}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

/** A string flag's value (a switch or a list given where a string is expected reads as absent). */
export const textFlag = (flags: ParsedFlags, name: string): string | undefined => {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
};

/** A repeatable flag's values, in the order given. */
export const listFlag = (flags: ParsedFlags, name: string): string[] => {
  const v = flags[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};
