import { curlOf } from '../../reports/build-report.js';
import type { ReportExchange } from '../../reports/report-model.js';
import { scrub } from '../config/redact.js';
import type { Exchange } from '../model/exchange.js';
import { redactHeaders } from '../engine/run-context.js';
import type { CheckOutcome } from '../model/outcome.js';
import type { Scenario } from '../engine/scenario.js';
import { checkEntry, GENERIC_CHECK_IDS, isCheckId } from '../checks/catalogue.js';

/**
 * What one suite test tells Allure, computed from its scenario and outcomes alone (no vitest, no Allure), so the
 * rules are testable and define-suite only hands the result to the Allure runtime.
 */
export interface AllureEvidence {
  epic: string;
  feature: string;
  story: string;
  tags: string[];
  severity: 'critical' | 'normal';
  /** Markdown: each failing check's findings (documented vs received, what to fix, where in the spec) and its re-run. */
  description: string | undefined;
  attachments: { name: string; content: string; contentType: 'application/json' | 'text/plain' }[];
}

/**
 * Checks whose failure is a security or availability defect: the caller is not who the target thinks (auth), gets
 * what it was not granted or is refused what it was (iam), sees another tenant's or enterprise project's images
 * (isolation), or the target breaks (5xx). Everything else is a contract deviation a client can work around.
 */
export const severityOf = (checkId: string): 'critical' | 'normal' => (isCheckId(checkId) && checkEntry(checkId).critical ? 'critical' : 'normal');

const MAX_EXCHANGES = 5;
const MAX_BODY = 2_000;

const failing = (o: CheckOutcome): boolean => o.status === 'failed' || o.status === 'error';

/** Text from the wire, as markdown that stays text: no HTML of the target's gets into the report page. */
const mdText = (s: string): string => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
/** A fenced block no backtick run in the text can close early. */
const mdFence = (s: string): string[] => {
  const fence = '`'.repeat(Math.max(3, ...[...s.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return [fence, s, fence];
};

/** Checks every exchange gets, whatever the scenario is about; they name a scenario only when they fail. */
const GENERIC_CHECKS: ReadonlySet<string> = new Set(GENERIC_CHECK_IDS);

/**
 * The scenario's story: its first failing check (else first erroring one), else the check the scenario is about —
 * its first check that is not one of the generic conformance checks (`status-expected` for the documented request,
 * `use-after-delete` for the lifecycle), else its first.
 */
export function storyOf(scenario: Pick<Scenario, 'checks'>, outcomes: readonly CheckOutcome[]): string {
  const primary = scenario.checks.find((c) => !GENERIC_CHECKS.has(c)) ?? scenario.checks[0];
  return outcomes.find((o) => o.status === 'failed')?.checkId ?? outcomes.find(failing)?.checkId ?? primary ?? outcomes[0]?.checkId ?? 'unknown';
}

/**
 * An exchange as the reports show it: credential headers replaced (again: the transport already did), every
 * secret of the config scrubbed from URL, headers and bodies, bodies cut to a readable size.
 */
export function redactedExchange(e: Exchange, secrets: readonly string[]): ReportExchange {
  const clean = (s: string): string => scrub(s, secrets);
  const cleanJson = <T>(v: T): T => JSON.parse(clean(JSON.stringify(v))) as T;
  const body = e.request.body;
  const requestBody =
    body === undefined ? undefined : Buffer.isBuffer(body) ? `<${body.length} bytes>` : typeof body === 'string' ? clean(body) : cleanJson(body);
  return {
    request: {
      method: e.request.method,
      url: clean(e.request.url),
      headers: cleanJson(redactHeaders(e.request.headers)),
      ...(requestBody !== undefined ? { body: requestBody } : {}),
    },
    response: { status: e.response.status, headers: cleanJson(redactHeaders(e.response.headers)), body: clean(e.response.text.slice(0, MAX_BODY)) },
    ...(e.durationMs !== undefined ? { durationMs: e.durationMs } : {}),
  };
}

/** Labels, severity and the failing exchanges (JSON and curl) of one scenario's outcomes; nothing secret. */
export function allureEvidence(
  scenario: Pick<Scenario, 'checks' | 'operation'>,
  outcomes: readonly CheckOutcome[],
  secrets: readonly string[],
  seed: number,
): AllureEvidence {
  const story = storyOf(scenario, outcomes);
  const attachments: AllureEvidence['attachments'] = [];
  const notes: string[] = [];
  for (const outcome of outcomes.filter(failing)) {
    const id = `${scenario.operation.operationId}/${outcome.checkId}`;
    notes.push(`### ${id} — ${outcome.status}`, '', ...mdFence(outcome.message), '');
    const seen = new Set<string>();
    for (const f of outcome.findings) {
      const key = `${f.title}\n${f.message}\n${f.specRef}`;
      if (seen.has(key) || seen.size >= 5) continue;
      seen.add(key);
      notes.push(`- **${mdText(f.title)}**: ${mdText(f.message)}`, `  - fix: ${mdText(f.hint)}`, `  - spec: \`${f.specRef}\``);
    }
    const documents = [...new Set(outcome.findings.flatMap((f) => f.documentedBy ?? []))];
    if (documents.length > 0) notes.push(`- documented by: ${documents.map((d) => `\`${d}\``).join(', ')}`);
    notes.push('', `re-run: \`ims-conformance run --seed ${seed} --only ${id}\` (with the run's --target and --config, if it had them)`, '');
    const exchanges = outcome.exchanges.slice(0, MAX_EXCHANGES).map((e) => redactedExchange(e, secrets));
    if (exchanges.length === 0) continue;
    // Scrubbed once more as whole texts: cheap insurance on top of the per-field scrubbing.
    attachments.push({ name: `${outcome.checkId}: exchanges`, content: scrub(JSON.stringify(exchanges, null, 2), secrets), contentType: 'application/json' });
    attachments.push({ name: `${outcome.checkId}: curl`, content: scrub(exchanges.map(curlOf).join('\n'), secrets), contentType: 'text/plain' });
  }
  // Never silent: what did not fail but was not a plain pass either reads in the description.
  for (const o of outcomes.filter((x) => x.status === 'advisory'))
    notes.push(`### ${scenario.operation.operationId}/${o.checkId} — advisory (not a failure; --strict fails it)`, '', ...mdFence(o.message), '');
  for (const o of outcomes.filter((x) => x.status === 'not-applicable')) notes.push(`- ${o.checkId}: nothing to judge — ${mdText(o.message)}`);
  for (const o of outcomes.filter((x) => x.status !== 'skipped' && x.skipReasons?.length))
    notes.push(`- ${o.checkId}: ${o.status}, partly skipped — ${mdText((o.skipReasons ?? []).join(' | '))}`);
  const marks = [
    ...(outcomes.some((o) => o.status === 'advisory') ? ['advisory'] : []),
    ...(outcomes.some((o) => o.status !== 'skipped' && o.skipReasons?.length) ? ['partly-skipped'] : []),
  ];
  return {
    epic: scenario.operation.area,
    feature: scenario.operation.operationId,
    story,
    tags: [...new Set([...scenario.checks, ...outcomes.map((o) => o.checkId), ...marks])],
    severity: severityOf(story),
    description: notes.length > 0 ? scrub(notes.join('\n'), secrets) : undefined,
    attachments,
  };
}
