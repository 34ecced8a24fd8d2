import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunReport } from './run-report.js';
import { HTML_REPORT, writeHtmlReport } from './write-html.js';
import { renderJunit } from './write-junit.js';
import { renderMarkdown } from './write-markdown.js';

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
  write('summary.md', renderMarkdown(report));
  write('junit.xml', renderJunit(report));
  // Last, from the run's allure-results: when it fails the other reports are there and the verdict stands.
  const html = writeHtmlReport(out);
  if (html.ok) files.push(HTML_REPORT);
  else process.stderr.write(`warning: ${HTML_REPORT} not written: ${html.error}\n`);
  return { dir: out, files };
}
