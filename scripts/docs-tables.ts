import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueTable } from '../src/checks/catalogue.js';
import { readmeFlagTable } from '../src/config/flag-table.js';
import { packageRoot } from '../src/spec/package-root.js';

/**
 * Rewrites README's generated tables: the checks (from the check catalogue, between `checks:begin`/`checks:end`)
 * and the flags (from the flag table, between `flags:begin`/`flags:end`). Tests hold README to both.
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
