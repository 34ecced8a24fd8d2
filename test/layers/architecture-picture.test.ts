import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { architecturePicture, folderImports } from '../../scripts/architecture-picture.js';
import { packageRoot } from '../../src/spec/package-root.js';

describe('ARCHITECTURE.md', () => {
  it('draws the folders and their imports as the code has them (npm run docs:tables redraws it)', async () => {
    const text = readFileSync(join(packageRoot(), 'ARCHITECTURE.md'), 'utf8');
    const shown = /<!-- imports:begin[^>]*-->\n([\s\S]*?)\n<!-- imports:end -->/.exec(text)?.[1];
    expect(shown).toBe(architecturePicture(await folderImports()));
  });

  it('puts a folder above every folder it imports', async () => {
    const folders = await folderImports();
    const level = new Map(folders.map((f) => [f.folder, f.level]));
    for (const f of folders) for (const imported of f.imports.keys()) expect(level.get(imported), `${f.folder} → ${imported}`).toBeLessThan(f.level);
  });
});
