import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../../src/spec/package-root.js';

const exec = promisify(execFile);
/** The built CLI's entry point. */
export const cli = join(packageRoot(), 'bin', 'ims-conformance.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The built CLI as a user runs it (`npm test` builds first), without colour; a non-zero exit is returned, not thrown. */
export async function imsConformance(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliRun> {
  const t0 = Date.now();
  try {
    const { stdout, stderr } = await exec(process.execPath, [cli, ...args], {
      timeout: options.timeoutMs ?? 240_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...options.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr, ms: Date.now() - t0 };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '', ms: Date.now() - t0 };
  }
}
