#!/usr/bin/env node
// The CLI is compiled TypeScript (`npm run build`, run by `npm ci`/`npm install` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('ims-conformance: the compiled CLI is missing (dist/). Run `npm run build` in the package folder.\n');
  process.exit(2);
}
// A closed pipe (`ims-conformance list | head`) is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
