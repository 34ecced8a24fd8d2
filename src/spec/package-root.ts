import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding this package's package.json. Code runs both from `src/` (vitest) and from `dist/src/`
 * (the built CLI), so assets such as `spec/` are located by walking up rather than by a fixed relative path.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === 'ims-conformance') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`ims-conformance package root not found above ${from}`);
    dir = parent;
  }
}

export const defaultSpecPath = (): string => join(packageRoot(), 'spec', 'openapi.yaml');
