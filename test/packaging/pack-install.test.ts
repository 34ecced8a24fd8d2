import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/report-model.js';
import { packageRoot } from '../../src/spec/package-root.js';

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** The environment minus what a parent `npm test` sets (npm_package_*, npm_config_local_prefix, …): a clean shell. */
const cleanEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

describe('the npm package', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ims-pack-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it(
    'packs, installs into an empty folder and runs `npx ims-conformance run` from there with no dev-only tool',
    async () => {
      const env = cleanEnv();
      const t0 = Date.now();
      // `npm pack` runs `prepare` (the build) first, as publishing would.
      const packed = await exec(npm, ['pack', '--json', '--pack-destination', tmp], { cwd: packageRoot(), env, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
      const json = packed.stdout.slice(packed.stdout.lastIndexOf('\n[') + 1 || packed.stdout.indexOf('['));
      const [pack] = JSON.parse(json) as PackResult[];
      if (!pack) throw new Error(`npm pack printed no result: ${packed.stdout}`);
      const files = pack.files.map((f) => f.path);
      // The suites are TypeScript that vitest compiles at run time; they import src/, mock/, generators/, reports/.
      for (const needed of [
        'bin/ims-conformance.js',
        'dist/src/cli/main.js',
        'spec/openapi.yaml',
        'suites/images.test.ts',
        'src/suite/define-suite.ts',
        'mock/start-mock.ts',
        'generators/schema-arbitrary.ts',
        'reports/build-report.ts',
      ])
        expect(files, needed).toContain(needed);
      expect(files.some((f) => f.startsWith('test/') || f.startsWith('node_modules/'))).toBe(false);
      const packMs = Date.now() - t0;

      const project = join(tmp, 'consumer');
      mkdirSync(project);
      const t1 = Date.now();
      await exec(npm, ['init', '-y'], { cwd: project, env, timeout: 60_000 });
      await exec(npm, ['install', '--no-audit', '--no-fund', join(tmp, pack.filename)], { cwd: project, env, timeout: 900_000, maxBuffer: 64 * 1024 * 1024 });
      const installMs = Date.now() - t1;
      expect(existsSync(join(project, 'node_modules', 'typescript')), 'typescript is a dev dependency and must not be needed').toBe(false);

      const t2 = Date.now();
      const reportDir = join(project, 'ims-report');
      let run: { code: number; stdout: string; stderr: string };
      try {
        const r = await exec(npx, ['--no', 'ims-conformance', 'run', '--runs', '2', '--report-dir', reportDir], {
          cwd: project,
          env: { ...env, NO_COLOR: '1' },
          timeout: 300_000,
          maxBuffer: 64 * 1024 * 1024,
        });
        run = { code: 0, stdout: r.stdout, stderr: r.stderr };
      } catch (error) {
        const e = error as { code?: number; stdout?: string; stderr?: string };
        run = { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
      }
      const runMs = Date.now() - t2;
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/^PASSED: \d+ passed, 0 failed/m);
      expect(existsSync(reportDir)).toBe(true);
      const report = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8')) as RunReport;
      expect(report.verdict).toBe('passed');
      // The suites ran from the installed copy, not from this checkout.
      expect(run.stdout).not.toContain(packageRoot());
      console.info(
        `package ${pack.filename}: ${(pack.size / 1024).toFixed(1)} kB packed, ${(pack.unpackedSize / 1024).toFixed(1)} kB unpacked, ${files.length} files; ` +
          `pack ${(packMs / 1000).toFixed(1)} s, install ${(installMs / 1000).toFixed(1)} s, run ${(runMs / 1000).toFixed(1)} s`,
      );
    },
    20 * 60_000,
  );
});
