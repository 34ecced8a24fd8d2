import type { ReportResult, RunReport } from './report-model.js';
import { usableCurl } from './write-markdown.js';

/**
 * Characters XML 1.0 cannot carry at all, not even as character references: C0 controls other than tab, LF and
 * CR, lone surrogates, U+FFFE/U+FFFF. They are written as a visible `\xNN` / `\uNNNN` instead.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const visible = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** Escapes text content; a CR is kept as a reference (a parser would otherwise fold CR LF into LF). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes an attribute value (double-quoted); tab and line breaks survive attribute normalisation as references. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

const attrs = (values: Record<string, string | number | undefined>): string =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

/** The first line of a message, short enough for a CI summary (the body has it all). */
const headline = (text: string, max = 300): string => {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
};

function failureBody(r: ReportResult): string {
  const messages = [...new Set(r.findings.map((f) => f.message).filter(Boolean))];
  const parts = [r.message];
  if (messages.length > 1) parts.push(`findings:\n${messages.map((m) => `- ${m}`).join('\n')}`);
  if (r.documentedBy?.length) parts.push(`documented by: ${r.documentedBy.join('; ')}`);
  if (r.hint) parts.push(`fix: ${r.hint}`);
  if (r.specRef) parts.push(`spec: ${r.specRef}`);
  parts.push(`operation: ${r.method} ${r.path}`);
  parts.push(`reproduce: ${r.reproduce}`);
  if (r.curl) parts.push(`curl: ${usableCurl(r.curl)}`);
  return parts.filter(Boolean).join('\n\n');
}

function testcase(r: ReportResult): string {
  const open = `    <testcase${attrs({ classname: `${r.area}.${r.operationId}`, name: r.check })}`;
  switch (r.status) {
    case 'passed':
      return `${open}/>`;
    case 'failed':
      return `${open}>\n      <failure${attrs({ message: headline(r.message), type: r.findings[0]?.title ?? r.check })}>${xmlText(failureBody(r))}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error${attrs({ message: headline(r.message), type: 'harness-error' })}>${xmlText(failureBody(r))}</error>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped${attrs({ message: r.message || 'skipped (no reason given)' })}/>\n    </testcase>`;
    case 'not-applicable':
      return `${open}>\n      <skipped${attrs({ message: `nothing to judge: ${r.message || 'no answer gave this check anything to judge'}` })}/>\n    </testcase>`;
    case 'advisory':
      // Never a failure: a passed case that carries the advisory as a property and its details as output.
      return `${open}>\n      <properties>\n        <property${attrs({ name: 'advisory', value: headline(r.message) })}/>\n      </properties>\n      <system-out>${xmlText(`advisory (not a failure: the documents do not demand it; --strict fails it)\n\n${failureBody(r)}`)}</system-out>\n    </testcase>`;
    case 'waived': {
      const reason = `waived: ${r.waiver?.reason ?? 'no reason recorded'}${r.waiver?.expires ? ` (until ${r.waiver.expires})` : ''}`;
      return `${open}>\n      <skipped${attrs({ message: reason })}>${xmlText(`${reason}\n\nthe deviation it covers:\n${failureBody(r)}`)}</skipped>\n    </testcase>`;
    }
  }
}

const counts = (results: readonly ReportResult[]): Record<string, number> => ({
  tests: results.length,
  failures: results.filter((r) => r.status === 'failed').length,
  errors: results.filter((r) => r.status === 'error').length,
  skipped: results.filter((r) => r.status === 'skipped' || r.status === 'waived' || r.status === 'not-applicable').length,
});

/**
 * junit.xml for CI: one testsuite per area, one testcase per (operation, check) with classname
 * `<area>.<operationId>` and the check as name; failures and harness errors carry the message, fix, reproduce
 * and curl lines; skips their reason; waived deviations are skipped with `waived: <reason>`.
 */
export function renderJunit(report: RunReport): string {
  const areaOrder = [...new Set([...report.operations.map((o) => o.area), ...report.results.map((r) => r.area)])];
  const byArea = new Map<string, ReportResult[]>();
  for (const area of areaOrder) {
    const mine = report.results.filter((r) => r.area === area);
    if (mine.length > 0) byArea.set(area, mine);
  }
  const properties = [
    ['target', report.target],
    ['embedded', String(report.embedded)],
    ['profile', report.profile],
    ['seed', String(report.seed)],
    ['runs', String(report.runs)],
    ['runId', report.runId],
    ['tool', `${report.tool.name} ${report.tool.version}`],
    ['spec', `${report.spec.version} ${report.spec.hash}`],
    ...(report.shard ? [['shard', `${report.shard.index}/${report.shard.count}`]] : []),
    ...(report.baseline
      ? [
          ['baseline', report.baseline.file],
          ['baseline.new', report.baseline.new.join(' ')],
        ]
      : []),
  ];
  const propertyXml = `    <properties>\n${properties.map(([name, value]) => `      <property${attrs({ name, value })}/>`).join('\n')}\n    </properties>`;
  const seconds = (report.durationMs / 1000).toFixed(3);
  const suites = [...byArea].map(([area, results]) =>
    [
      `  <testsuite${attrs({ name: area, ...counts(results), timestamp: report.startedAt.slice(0, 19), hostname: 'ims-conformance' })}>`,
      propertyXml,
      ...results.map(testcase),
      '  </testsuite>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: `ims-conformance ${report.profile} ${report.verdict}`, ...counts(report.results), time: seconds })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
