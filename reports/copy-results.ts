import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALLURE_RESULTS } from './write-html.js';

/**
 * Gathers the raw Allure results of report directories into `out/allure-results`, so the HTML report of a merge
 * (or of a report regenerated elsewhere) shows every test. Allure result files have unique names, so the
 * folders are simply joined; stale results of an earlier merge into `out` are dropped first, unless `out` is one
 * of the sources.
 */
export function gatherAllureResults(sourceDirs: readonly string[], out: string): number {
  const target = join(resolve(out), ALLURE_RESULTS);
  const sources = sourceDirs.map((d) => resolve(d)).filter((d) => d !== resolve(out) && existsSync(join(d, ALLURE_RESULTS)));
  if (!sourceDirs.some((d) => resolve(d) === resolve(out))) rmSync(target, { recursive: true, force: true });
  for (const dir of sources) cpSync(join(dir, ALLURE_RESULTS), target, { recursive: true, force: true });
  return sources.length;
}
