import type { RunReport } from '../report-model.js';
import { mdCode, mdText, plural, table } from './primitives.js';

/** Results that leave the verdict alone but must be seen: advisories, waived deviations, skipped checks by reason. */

export function advisorySection(report: RunReport, heading: string): string[] {
  const advisories = report.results.filter((r) => r.status === 'advisory');
  if (advisories.length === 0) return [];
  return [
    `## ${heading}`,
    '',
    `${plural(advisories.length, 'result')} departed from the specification’s own reading where the documents are silent or disagree. They are not failures and do not change the verdict (\`--strict\` makes them failures):`,
    '',
    ...table(
      ['Result', 'Request', 'What was seen', 'Why it is only advisory'],
      advisories.map((r) => [
        mdCode(r.id),
        mdCode(`${r.method} ${r.path}`),
        mdText(r.message.length > 300 ? `${r.message.split('\n')[0]?.slice(0, 299)}…` : r.message),
        mdText(r.hint ?? ''),
      ]),
    ),
  ];
}

export function waivedSection(report: RunReport, heading: string): string[] {
  const waived = report.results.filter((r) => r.status === 'waived');
  if (waived.length === 0) return [];
  return [
    `## ${heading}`,
    '',
    `${plural(waived.length, 'deviation')} from the specification ${waived.length === 1 ? 'was' : 'were'} found and accepted with a waiver (\`--waivers\`). They do not fail the run, and they are deviations all the same:`,
    '',
    ...table(
      ['Result', 'Request', 'Reason', 'Expires', 'Deviation found'],
      waived.map((r) => [
        mdCode(r.id),
        mdCode(`${r.method} ${r.path}`),
        mdText(r.waiver?.reason ?? '(no reason recorded)'),
        r.waiver?.expires ? mdText(r.waiver.expires) : 'never',
        mdText(r.message.length > 300 ? `${r.message.split('\n')[0]?.slice(0, 299)}…` : r.message),
      ]),
    ),
  ];
}

export function skippedSection(report: RunReport, heading: string): string[] {
  const skipped = report.results.filter((r) => r.status === 'skipped');
  if (skipped.length === 0) return [];
  const byReason = new Map<string, string[]>();
  for (const r of skipped) {
    const reason = r.message.trim() || '(no reason given)';
    byReason.set(reason, [...(byReason.get(reason) ?? []), r.id]);
  }
  const lines = [
    `## ${heading}`,
    '',
    `${plural(skipped.length, 'check')} could not run and ${skipped.length === 1 ? 'is' : 'are'} counted neither as passed nor as failed. By reason, the commonest first:`,
  ];
  for (const [reason, ids] of [...byReason].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])))
    lines.push('', `- **${mdText(reason)}** — ${plural(ids.length, 'check')}:`, `  ${ids.map(mdCode).join(', ')}`);
  return lines;
}
