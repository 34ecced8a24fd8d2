import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunReport } from './run-report.js';

export interface WrittenReports {
  dir: string;
  files: string[];
}

/** Writes the report directory. Every writer reads the same RunReport; none sees a secret. */
export function writeReports(report: RunReport, dir: string): WrittenReports {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string): void => {
    writeFileSync(join(out, name), text);
    files.push(name);
  };
  write('summary.json', `${JSON.stringify(report, null, 2)}\n`);
  return { dir: out, files };
}
