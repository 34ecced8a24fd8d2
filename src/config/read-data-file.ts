import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/**
 * Reads a YAML or JSON file given with `flag` (a `.json` file must be strict JSON). A problem comes back as one
 * line naming the flag and the file, for the caller to raise as its own error type.
 */
export function readDataFile(flag: string, path: string): { ok: true; data: unknown } | { ok: false; problem: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problem: `${flag} ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const json = /\.json$/i.test(path);
  try {
    return { ok: true, data: json ? JSON.parse(text) : parseYaml(text) };
  } catch (error) {
    return { ok: false, problem: `${flag} ${path}: not valid ${json ? 'JSON' : 'YAML'} (${(error as Error).message.split('\n')[0]})` };
  }
}
