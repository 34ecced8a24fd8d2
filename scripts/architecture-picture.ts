import { cruise } from 'dependency-cruiser';
import ts from 'typescript';
import { packageRoot } from '../src/spec/package-root.js';

/** The folders the picture shows: one per layer part (a folder of src/, or a top-level folder). */
const ROOTS = ['src', 'mock', 'generators', 'reports', 'suites', 'scripts'];

const folderOf = (module: string): string => {
  const [top, second] = module.split('/');
  return top === 'src' && second && !second.includes('.') ? `src/${second}` : (top ?? module);
};

export interface FolderImports {
  folder: string;
  /** How many modules the folder holds. */
  modules: number;
  /** Each other folder it imports, with how many import statements do. */
  imports: Map<string, number>;
  /** Its height: 0 imports nothing of ours, else one more than the highest folder it imports. */
  level: number;
}

/** The project's folders and who imports whom, read from the code by dependency-cruiser (as `npm run lint:layers`). */
export async function folderImports(): Promise<FolderImports[]> {
  const cwd = process.cwd();
  process.chdir(packageRoot());
  try {
    const tsConfig = ts.readConfigFile('tsconfig.json', ts.sys.readFile).config as object;
    const result = await cruise(
      ROOTS,
      { tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' }, exclude: { path: '^dist/' }, tsConfig: { fileName: 'tsconfig.json' } },
      undefined,
      { tsConfig },
    );
    if (typeof result.output === 'string') throw new Error('dependency-cruiser gave text, not a result');
    const folders = new Map<string, FolderImports>();
    for (const module of result.output.modules) {
      if (!ROOTS.some((root) => module.source.startsWith(`${root}/`))) continue;
      const folder = folderOf(module.source);
      const entry = folders.get(folder) ?? { folder, modules: 0, imports: new Map(), level: 0 };
      entry.modules++;
      for (const dependency of module.dependencies) {
        if (!ROOTS.some((root) => dependency.resolved.startsWith(`${root}/`))) continue;
        const target = folderOf(dependency.resolved);
        if (target !== folder) entry.imports.set(target, (entry.imports.get(target) ?? 0) + 1);
      }
      folders.set(folder, entry);
    }
    const levelOf = (folder: string, seen: string[] = []): number => {
      const entry = folders.get(folder);
      if (!entry || seen.includes(folder)) return 0;
      return entry.imports.size === 0 ? 0 : 1 + Math.max(...[...entry.imports.keys()].map((f) => levelOf(f, [...seen, folder])));
    };
    for (const entry of folders.values()) entry.level = levelOf(entry.folder);
    return [...folders.values()].sort((a, b) => b.level - a.level || a.folder.localeCompare(b.folder));
  } finally {
    process.chdir(cwd);
  }
}

/** The picture ARCHITECTURE.md shows: the folders from the top of the house down, each with what it imports. */
export function architecturePicture(folders: readonly FolderImports[]): string {
  const width = Math.max(...folders.map((f) => f.folder.length));
  const lines = folders.map((f) => {
    const imports = [...f.imports.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([folder, count]) => `${folder} ${count}`)
      .join(' · ');
    return ` ${String(f.level).padStart(2)}  ${f.folder.padEnd(width)}  ${String(f.modules).padStart(3)}  ${imports || '(nothing of ours)'}`;
  });
  return ['```', ` lvl  ${'folder'.padEnd(width)}  mod  imports (folder, import statements)`, ...lines, '```'].join('\n');
}
