import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunReport } from './report-model.js';
import { HTML_REPORT, writeHtmlReport } from './write-html.js';
import { renderJunit } from './write-junit.js';
import { renderMarkdown } from './write-markdown.js';

export interface WrittenReports {
  dir: string;
  files: string[];
}

/**
 * Writes the report directory. Every writer reads the same RunReport; none sees a secret. report.html only when
 * asked: Allure takes seconds to render its ~5 MB, more than the rest of a run's reporting, and allure-results/
 * keeps what it needs (`ims-conformance report <dir>` renders it later).
 */
export function writeReports(report: RunReport, dir: string, options: { html: boolean }): WrittenReports {
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
  // A report.html of an earlier run in this folder would pass for this one's.
  if (!options.html) {
    rmSync(join(out, HTML_REPORT), { force: true });
    return { dir: out, files };
  }
  // Last, from the run's allure-results: when it fails the other reports are there and the verdict stands.
  const html = writeHtmlReport(out);
  if (html.ok) files.push(HTML_REPORT);
  else process.stderr.write(`warning: ${HTML_REPORT} not written: ${html.error}\n`);
  return { dir: out, files };
}
