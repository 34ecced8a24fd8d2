import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The rules of .dependency-cruiser.cjs, run on small planted trees: `npm run lint:layers` holds the real tree to
// them, these show each rule can fail (and that a tree keeping the layers passes).
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** A tree that keeps every rule: each layer importing the one below it, up to the CLI. */
const LAYERED: Record<string, string> = {
  'src/model/exchange.ts': 'export interface Exchange { status: number }\n',
  'src/spec/load.ts': "import type { Exchange } from '../model/exchange.js';\nexport const spec = (e: Exchange): number => e.status;\n",
  'src/checks/check.ts': "import { spec } from '../spec/load.js';\nexport const check = spec;\n",
  'src/engine/run.ts': "import { check } from '../checks/check.js';\nexport const run = check;\n",
  'src/run/vitest-run.ts': "import { run } from '../engine/run.js';\nexport const start = run;\n",
  'mock/start.ts': "import { spec } from '../src/spec/load.js';\nexport const mock = spec;\n",
  'src/cli/main.ts': "import { start } from '../run/vitest-run.js';\nimport { mock } from '../../mock/start.js';\nexport const main = [start, mock];\n",
  // A package the tree declares for its tests only.
  'package.json': JSON.stringify({ name: 'planted', type: 'module', devDependencies: { 'dev-only': '1.0.0' } }),
  'node_modules/dev-only/package.json': JSON.stringify({ name: 'dev-only', version: '1.0.0', main: 'index.js' }),
  'node_modules/dev-only/index.js': 'exports.dev = 1;\n',
  // A package the tree never declares, whose entry file sits under a dist/ folder (as ajv's, vitest's and yaml's do):
  // the lint must still see it, so only the project's own build output may be excluded.
  'node_modules/undeclared-dist/package.json': JSON.stringify({ name: 'undeclared-dist', version: '1.0.0', main: 'dist/index.js' }),
  'node_modules/undeclared-dist/dist/index.js': 'exports.hidden = 1;\n',
};

/** Runs the project's depcruise rules on the layered tree plus `planted` files; returns the exit code and report. */
function cruise(planted: Record<string, string>): { status: number | null; report: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ims-layers-'));
  const files: Record<string, string> = {
    ...LAYERED,
    ...planted,
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const args = [
    depcruise,
    'src',
    'mock',
    ...(existsSync(join(dir, 'reports')) ? ['reports'] : []),
    '--config',
    join(root, '.dependency-cruiser.cjs'),
    '--output-type',
    'err',
  ];
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  return { status: result.status, report: `${result.stdout}${result.stderr}` };
}

describe('the layer rules', () => {
  it('pass a tree where each layer imports only the ones below it', () => {
    const { status, report } = cruise({});
    expect(report).toContain('no dependency violations');
    expect(status).toBe(0);
  });

  // All planted at once (one cruise: each takes seconds), each breaking one rule from its own file.
  const PLANTED: [what: string, rule: string, file: string, text: string][] = [
    ['a check importing the engine', 'parts-stand-on-the-contract', 'src/checks/bad.ts', "import { run } from '../engine/run.js';\nexport const bad = run;\n"],
    [
      'the transport importing a check',
      'parts-are-independent',
      'src/transport/bad.ts',
      "import { check } from '../checks/check.js';\nexport const bad = check;\n",
    ],
    [
      'the engine starting the mock',
      'only-the-cli-starts-the-mock',
      'src/engine/starts-mock.ts',
      "import { mock } from '../../mock/start.js';\nexport const bad = mock;\n",
    ],
    [
      'a report reading the engine',
      'reports-read-results-not-the-engine',
      'reports/bad.ts',
      "import { run } from '../src/engine/run.js';\nexport const bad = run;\n",
    ],
    [
      'the engine writing reports',
      'engine-never-reaches-up',
      'src/engine/reports.ts',
      "import { start } from '../run/vitest-run.js';\nexport const bad = start;\n",
    ],
    ['the mock importing the engine', 'mock-stands-apart', 'mock/bad.ts', "import { run } from '../src/engine/run.js';\nexport const bad = run;\n"],
    ['the spec importing config', 'spec-knows-no-config', 'src/spec/bad.ts', "import { config } from '../config/config.js';\nexport const bad = config;\n"],
    [
      'the model importing the spec, a type being enough',
      'model-is-the-floor',
      'src/model/bad.ts',
      "import type { spec } from '../spec/load.js';\nexport type Bad = typeof spec;\n",
    ],
    ['two engine modules importing each other', 'no-circular', 'src/engine/a.ts', "import { b } from './b.js';\nexport const a = (): number => b();\n"],
    ['a module of src nothing uses', 'no-orphans', 'src/engine/dead.ts', 'export const dead = 1;\n'],
    [
      'shipped code importing a devDependency',
      'runtime-code-uses-no-dev-dependencies',
      'src/auth/sign.ts',
      "import { dev } from 'dev-only';\nexport const bad = dev;\n",
    ],
    [
      'shipped code importing a package it does not declare, whose entry is under dist/',
      'no-undeclared-dependencies',
      'src/checks/undeclared.ts',
      "import { hidden } from 'undeclared-dist';\nexport const bad = hidden;\n",
    ],
    ['an import that resolves to nothing', 'imports-resolve', 'src/checks/missing.ts', "import { gone } from './gone.js';\nexport const bad = gone;\n"],
  ];
  const SUPPORT = {
    'src/config/config.ts': "import { spec } from '../spec/load.js';\nexport const config = spec;\n",
    'src/engine/b.ts': "import { a } from './a.js';\nexport const b = (): number => a();\n",
  };

  it.each(PLANTED)('fail %s (%s)', (_what, rule, file) => {
    planted ??= cruise({ ...SUPPORT, ...Object.fromEntries(PLANTED.map(([, , f, text]) => [f, text])) });
    expect(planted.status).not.toBe(0);
    expect(planted.report).toMatch(new RegExp(`error ${rule}: ${file.replace(/[.]/g, '\\.')}`));
  });
});

let planted: { status: number | null; report: string } | undefined;
