import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { imsConformance } from '../support/run-cli.js';

/*
 * The Huawei SDK core (and the 45 packages it brings) is a devDependency, for tests only: a run signs AK/SK
 * requests with src/auth/. Shown on the built CLI with a preload that every process of the run inherits
 * (NODE_OPTIONS reaches vitest's forks): it notes each process it starts in, and every module path under
 * `@huaweicloud/` that ESM resolution or CommonJS `require` resolves.
 */
const dir = mkdtempSync(join(tmpdir(), 'ims-sdk-trace-'));
const log = join(dir, 'sdk-modules.log');
const processes = join(dir, 'processes.log');
const hooks = join(dir, 'hooks.mjs');
const preload = join(dir, 'preload.mjs');

writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.includes('/@huaweicloud/')) appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
  return resolved;
}
`,
);
writeFileSync(
  preload,
  `import Module, { register } from 'node:module';
import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(processes)}, process.pid + '\\n');
register(${JSON.stringify(pathToFileURL(hooks).href)});
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const path = resolveFilename.apply(this, args);
  if (path.includes('/@huaweicloud/')) appendFileSync(${JSON.stringify(log)}, path + '\\n');
  return path;
};
`,
);
const NODE_OPTIONS = `--import ${pathToFileURL(preload).href}`;

const traced = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
const reset = (): void => rmSync(log, { force: true });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Huawei SDK at run time', () => {
  it.each([
    ['an ESM import', "await import('@huaweicloud/huaweicloud-sdk-core')"],
    ['a CommonJS require', "require('@huaweicloud/huaweicloud-sdk-core')"],
  ])('the trace sees the SDK load through %s (so a clean trace means something)', (_how, code) => {
    reset();
    execFileSync(process.execPath, ['--input-type=commonjs', '-e', code.startsWith('await') ? `(async () => { ${code}; })()` : code], {
      env: { ...process.env, NODE_OPTIONS },
    });
    expect(traced().some((path) => path.includes('huaweicloud-sdk-core'))).toBe(true);
  });

  it('a default run against the embedded mock loads none of it in any of its processes, signing AK/SK requests too', async () => {
    reset();
    rmSync(processes, { force: true });
    const run = await imsConformance(['run', '--only', 'showImage/', '--runs', '1', '--seed', '3', '--report-dir', join(dir, 'report')], {
      env: { NODE_OPTIONS },
    });
    expect(run.code, run.stderr).toBe(0);
    // The CLI and at least one vitest fork ran under the trace.
    expect(new Set(readFileSync(processes, 'utf8').split('\n').filter(Boolean)).size).toBeGreaterThan(1);
    expect(traced()).toEqual([]);
    // The embedded mock's AK/SK principal took part (its signed reads were allowed), so signing happened SDK-free.
    expect(readFileSync(join(dir, 'report', 'summary.json'), 'utf8')).toContain('akskReader');
  });
});
