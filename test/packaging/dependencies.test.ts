import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLURE_HTML_PACKAGES } from '../../reports/write-html.js';
import { packageRoot } from '../../src/spec/package-root.js';

// Every declared dependency earns its place: a package nothing imports or runs is weight every install carries,
// and one the shipped code needs only for types belongs among the devDependencies.
const root = packageRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
};

const SHIPPED = ['src', 'mock', 'generators', 'reports', 'suites', 'bin'];
const ALL = [...SHIPPED, 'scripts', 'test'];
const CONFIG_FILES = ['vitest.config.ts', 'vitest.openstack.config.ts', '.dependency-cruiser.cjs', 'biome.jsonc', 'tsconfig.json'];

function filesUnder(dir: string): string[] {
  const full = join(root, dir);
  return readdirSync(full).flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return filesUnder(relative(root, path));
    return /\.(ts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

interface Use {
  pkg: string;
  typeOnly: boolean;
}

/** The package an import specifier names (`@scope/name/sub` → `@scope/name`), or nothing for relative and node: ones. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function usesIn(file: string): Use[] {
  const text = readFileSync(file, 'utf8');
  const uses: Use[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) {
    const name = packageOf(m[3] ?? '');
    if (name) uses.push({ pkg: name, typeOnly: Boolean(m[2]) });
  }
  // Dynamic imports, `typeof import(...)` types, require() and side-effect imports.
  for (const m of text.matchAll(/(typeof\s+)?(?:import|require)\(\s*'([^']+)'\s*\)|^\s*import\s+'([^']+)'/gm)) {
    const name = packageOf(m[2] ?? m[3] ?? '');
    if (name) uses.push({ pkg: name, typeOnly: Boolean(m[1]) });
  }
  return uses;
}

const shippedUses = SHIPPED.flatMap(filesUnder).flatMap(usesIn);
const allUses = [...ALL.flatMap(filesUnder), ...CONFIG_FILES.map((f) => join(root, f))].flatMap((f) => {
  try {
    return usesIn(f);
  } catch {
    return [];
  }
});

/** Packages used as commands by the npm scripts (and the packages those commands come from). */
const BINARIES: Record<string, string> = {
  tsc: 'typescript',
  biome: '@biomejs/biome',
  depcruise: 'dependency-cruiser',
  vitest: 'vitest',
  redocly: '@redocly/cli',
};
const scriptText = Object.values(pkg.scripts).join('\n');
const runByScripts = Object.entries(BINARIES)
  .filter(([bin]) => new RegExp(`(^|[\\s&;(])(npx\\s+)?${bin}\\b`, 'm').test(scriptText))
  .map(([, name]) => name);
/** Type packages the compiler loads by name (tsconfig `types`). */
const typesLoaded = ['@types/node'];

describe('declared dependencies', () => {
  it('are each imported by the code, run by an npm script, or loaded by the compiler', () => {
    const used = new Set([...allUses.map((u) => u.pkg), ...runByScripts, ...typesLoaded]);
    const declared = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), ...Object.keys(pkg.optionalDependencies ?? {})];
    expect(declared.filter((name) => !used.has(name))).toEqual([]);
  });

  it('at run time are what the shipped code imports for its values, not only for types', () => {
    const valueUse = new Set(shippedUses.filter((u) => !u.typeOnly).map((u) => u.pkg));
    expect(Object.keys(pkg.dependencies).filter((name) => !valueUse.has(name))).toEqual([]);
  });

  it('of the Allure HTML report are optional, pinned where the hint names them', () => {
    const optional = Object.entries(pkg.optionalDependencies ?? {}).map(([name, version]) => `${name}@${version}`);
    expect(optional.sort()).toEqual([...ALLURE_HTML_PACKAGES].sort());
  });
});

describe('report.html without the optional Allure packages', () => {
  it('fails with the one line that installs them, not a stack trace', () => {
    // The compiled report writer, alone in a folder with no node_modules: as an install that omitted optional packages.
    const dir = mkdtempSync(join(tmpdir(), 'ims-no-allure-'));
    try {
      cpSync(join(root, 'dist', 'reports', 'write-html.js'), join(dir, 'dist', 'reports', 'write-html.js'));
      cpSync(join(root, 'dist', 'src', 'spec', 'package-root.js'), join(dir, 'dist', 'src', 'spec', 'package-root.js'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ims-conformance', type: 'module' }));
      mkdirSync(join(dir, 'report', 'allure-results'), { recursive: true });
      writeFileSync(join(dir, 'report', 'allure-results', 'a-result.json'), '{}');
      const child = spawnSync(process.execPath, [join(dir, 'dist', 'reports', 'write-html.js'), join(dir, 'report')], { encoding: 'utf8' });
      expect(child.status).toBe(1);
      expect(child.stderr.trim()).toBe(
        `report.html needs the optional Allure packages, which are not installed: npm install ${ALLURE_HTML_PACKAGES.join(' ')}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
