import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueTable } from '../src/checks/catalogue.js';
import { readmeFlagTable } from '../src/config/flag-table.js';
import { packageRoot } from '../src/spec/package-root.js';
import { architecturePicture, folderImports } from './architecture-picture.js';

/**
 * Rewrites README's generated tables: the checks (from the check catalogue, between `checks:begin`/`checks:end`)
 * and the flags (from the flag table, between `flags:begin`/`flags:end`); and ARCHITECTURE.md's picture of the
 * folders and their imports (between `imports:begin`/`imports:end`). Tests hold both files to what they show.
 */
const readme = join(packageRoot(), 'README.md');
let text = readFileSync(readme, 'utf8');
for (const [name, table, source] of [
  ['checks', catalogueTable(), 'src/checks/catalogue.ts'],
  ['flags', readmeFlagTable(), 'src/config/flag-table.ts'],
] as const) {
  const block = new RegExp(`(<!-- ${name}:begin[^>]*-->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`);
  if (!block.test(text)) throw new Error(`README.md has no <!-- ${name}:begin --> … <!-- ${name}:end --> block`);
  text = text.replace(block, (_m, open: string, close: string) => `${open}${table}${close}`);
  console.log(`README.md: ${name} table rewritten from ${source}`);
}
writeFileSync(readme, text);

// ARCHITECTURE.md's picture of the house: the folders and their imports, read from the code.
const architecture = join(packageRoot(), 'ARCHITECTURE.md');
const picture = architecturePicture(await folderImports());
const before = readFileSync(architecture, 'utf8');
const block = /(<!-- imports:begin[^>]*-->\n)[\s\S]*?(\n<!-- imports:end -->)/;
if (!block.test(before)) throw new Error('ARCHITECTURE.md has no <!-- imports:begin --> … <!-- imports:end --> block');
writeFileSync(
  architecture,
  before.replace(block, (_m, open: string, close: string) => `${open}${picture}${close}`),
);
console.log('ARCHITECTURE.md: the picture of the folders and their imports redrawn from the code (dependency-cruiser)');
