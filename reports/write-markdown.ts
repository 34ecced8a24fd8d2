import { coverageMarkdown } from './status-coverage.js';
import type { RunReport } from './report-model.js';
import { MARK } from './statuses.js';
import { baselineSection, failuresSection } from './markdown/failures.js';
import { factsSection, totalsSection, verdictLine } from './markdown/head.js';
import { matrixSection } from './markdown/matrix.js';
import { advisorySection, skippedSection, waivedSection } from './markdown/non-failing.js';
import { anchor, mdText } from './markdown/primitives.js';

// Other writers and the tests import these from here, as before summary.md's sections got their own modules.
export { MARK };
export { usableCurl } from './markdown/failures.js';
export { mdCode, mdFence, mdText } from './markdown/primitives.js';

/**
 * summary.md, the vendor acceptance report: what was tested against which contract and how it went, readable by
 * someone who has never seen the tool. Every string that came from the endpoint is shown as code or escaped
 * text; credentials were replaced by buildReport and nothing of the config is added here.
 */
export function renderMarkdown(report: RunReport): string {
  const headings = {
    matrix: 'Results by area and operation',
    failures: 'Failures',
    advisories: 'Advisories',
    waived: 'Waived deviations',
    skipped: 'Skipped checks',
    baseline: 'Compared with the baseline',
    coverage: 'Status coverage',
  };
  const advisories = advisorySection(report, headings.advisories);
  const waived = waivedSection(report, headings.waived);
  const skipped = skippedSection(report, headings.skipped);
  const baseline = baselineSection(report, headings.baseline);
  const coverage = report.statusCoverage ? coverageMarkdown(report.statusCoverage, headings.coverage) : [];
  const contents = [
    headings.matrix,
    headings.failures,
    ...(advisories.length ? [headings.advisories] : []),
    ...(waived.length ? [headings.waived] : []),
    ...(skipped.length ? [headings.skipped] : []),
    ...(baseline.length ? [headings.baseline] : []),
    ...(coverage.length ? [headings.coverage] : []),
  ];
  const lines = [
    `# IMS API conformance report — ${report.verdict === 'passed' ? 'PASSED' : report.verdict === 'failed' ? 'FAILED' : 'NOTHING JUDGED'}`,
    '',
    verdictLine(report),
    '',
    ...factsSection(report),
    '',
    ...totalsSection(report),
    '',
    `Contents: ${contents.map((h) => `[${h}](${anchor(h)})`).join(' · ')}`,
    '',
    'How this was tested: every operation of the specification (an OpenAPI 3.1 contract of the IMS API with the IAM',
    'permission tables) was called with documented requests, generated valid and invalid inputs, and principals',
    'granted or denied each IAM action; every answer was checked against the documented statuses, media types,',
    'schemas and headers. A result is one (operation, check) pair; its id `operationId/check` stays the same across',
    'versions of the tool.',
    '',
    `## ${headings.matrix}`,
    '',
    ...matrixSection(report),
    '',
    ...failuresSection(report, headings.failures),
    ...(advisories.length ? ['', ...advisories] : []),
    ...(waived.length ? ['', ...waived] : []),
    ...(skipped.length ? ['', ...skipped] : []),
    ...(baseline.length ? ['', ...baseline] : []),
    ...(coverage.length ? ['', ...coverage] : []),
    '',
    '---',
    `Written by ${report.tool.name} ${mdText(report.tool.version)} from summary.json (machine-readable, all exchanges in full); junit.xml holds the same results for CI.`,
    '',
  ];
  return lines.join('\n');
}
