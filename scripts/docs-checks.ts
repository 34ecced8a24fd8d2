import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueTable } from '../src/checks/catalogue.js';
import { packageRoot } from '../src/spec/package-root.js';

/** Rewrites README's check table from the check catalogue (between the `checks:begin` / `checks:end` markers). */
const readme = join(packageRoot(), 'README.md');
const text = readFileSync(readme, 'utf8');
const block = /(<!-- checks:begin[^>]*-->\n)[\s\S]*?(\n<!-- checks:end -->)/;
if (!block.test(text)) throw new Error('README.md has no <!-- checks:begin --> … <!-- checks:end --> block');
writeFileSync(readme, text.replace(block, (_m, open: string, close: string) => `${open}${catalogueTable()}${close}`));
console.log('README.md: check table rewritten from src/checks/catalogue.ts');
