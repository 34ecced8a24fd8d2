import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../src/config/config.js';
import { redactConfig, scrub, secretsOf } from '../src/config/redact.js';
import type { Exchange } from '../src/model/exchange.js';
import type { CheckResult } from '../src/model/outcome.js';
import type { LoadedSpec } from '../src/spec/load-spec.js';
import type { SpecOperation } from '../src/model/operation.js';
import { packageRoot } from '../src/spec/package-root.js';
import { checkEntry, isCheckId } from '../src/checks/catalogue.js';
import { describeDocuments } from './documents.js';
import { rerunLine, type RerunSettings } from './rerun.js';
import type { ReportExchange, ReportOperation, ReportResult, RunReport } from './report-model.js';
import type { RunTimings } from './timings.js';
import { emptyTotals, FAILING } from './statuses.js';
import { statusCoverage, type StatusTally } from './status-coverage.js';

const MAX_BODY = 2_000;

export const toolVersion = (): string => (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/** Shell-quotes for a POSIX shell. */
const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function reportExchange(e: Exchange, clean: (s: string) => string): ReportExchange {
  const body = e.request.body;
  const requestBody =
    body === undefined
      ? undefined
      : Buffer.isBuffer(body)
        ? `<${body.length} bytes>`
        : typeof body === 'string'
          ? clean(body)
          : JSON.parse(clean(JSON.stringify(body)));
  return {
    request: {
      method: e.request.method,
      url: clean(e.request.url),
      headers: JSON.parse(clean(JSON.stringify(e.request.headers))),
      ...(requestBody !== undefined ? { body: requestBody } : {}),
    },
    response: { status: e.response.status, headers: JSON.parse(clean(JSON.stringify(e.response.headers))), body: clean(e.response.text.slice(0, MAX_BODY)) },
    ...(e.durationMs !== undefined ? { durationMs: e.durationMs } : {}),
  };
}

/** The exchange as a curl command; credentials were already replaced, so the header shows a placeholder. */
export function curlOf(e: ReportExchange): string {
  const parts = ['curl', '-i', '-X', e.request.method, q(e.request.url)];
  // A redacted credential becomes a shell variable in double quotes, so `X_AUTH_TOKEN=… curl …` just works.
  for (const [name, value] of Object.entries(e.request.headers))
    parts.push('-H', value === '***' ? `"${name}: $${name.toUpperCase().replace(/-/g, '_')}"` : q(`${name}: ${value}`));
  if (e.request.body !== undefined) parts.push('--data-binary', q(typeof e.request.body === 'string' ? e.request.body : JSON.stringify(e.request.body)));
  return parts.join(' ');
}

export interface ReportInput {
  config: Config & { target: string };
  embedded: boolean;
  spec: LoadedSpec;
  results: readonly CheckResult[];
  startedAt: Date;
  durationMs: number;
  /** Every answer of the run by operation and status; gives the report its status coverage. */
  statuses?: StatusTally;
  /** Where the run's time went, from the scenarios' timelines. */
  timings?: RunTimings;
  /** The config file and embedded-mock flags the run was started with (the rest is in `config`). */
  started?: { configFile?: string | undefined; mock?: RerunSettings['mock'] };
}

/**
 * Turns a run's results into the report every writer reads. Secrets of the config are scrubbed from every
 * string that came from the wire, on top of the header redaction the transport already did.
 */
export function buildReport(input: ReportInput): RunReport {
  const { config, spec } = input;
  const secrets = secretsOf(config);
  const clean = (s: string): string => scrub(s, secrets);
  const rerun: RerunSettings = {
    ...(input.embedded ? {} : { target: clean(config.target) }),
    ...(input.started?.configFile ? { config: input.started.configFile } : {}),
    profile: config.profile,
    seed: config.seed,
    runs: config.runs,
    ...(config.readOnly ? { readOnly: true } : {}),
    ...(input.embedded && input.started?.mock ? { mock: input.started.mock } : {}),
  };
  const results = input.results.map((r) => reportResult(r, clean, (id) => rerunLine(rerun, id)));
  const totals = emptyTotals();
  for (const r of results) totals[r.status]++;
  return {
    tool: { name: 'ims-conformance', version: toolVersion() },
    target: config.target,
    embedded: input.embedded,
    profile: config.profile,
    seed: config.seed,
    runs: config.runs,
    runId: config.runId,
    startedAt: input.startedAt.toISOString(),
    durationMs: input.durationMs,
    verdict: verdictOf(totals),
    spec: { version: spec.version, hash: spec.hash },
    totals,
    operations: spec.operations.map(reportOperation),
    results,
    ...(input.timings ? { timings: input.timings } : {}),
    config: redactConfig(config),
    rerun,
    ...(input.statuses
      ? {
          statusCoverage: statusCoverage(
            spec.operations.filter((op) => results.some((r) => r.operationId === op.operationId)),
            input.statuses,
          ),
        }
      : {}),
  };
}

/** One check's result as reported: failing ones keep every exchange and a curl line, the others their first exchange. */
function reportResult(r: CheckResult, clean: (s: string) => string, reproduce: (id: string) => string): ReportResult {
  const exchanges = r.exchanges.map((e) => reportExchange(e, clean));
  const failing = r.status === 'failed' || r.status === 'error' || r.status === 'advisory';
  const first = r.findings[0];
  const documentedBy = documentsBehind(r, failing);
  return {
    id: r.id,
    operationId: r.operationId,
    method: r.method,
    path: r.path,
    area: r.area,
    check: r.checkId,
    status: r.status,
    message: clean(r.message),
    ...(first ? { hint: first.hint, specRef: first.specRef } : {}),
    ...(documentedBy.length > 0 ? { documentedBy: describeDocuments(documentedBy) } : {}),
    ...(r.skipReasons?.length && r.status !== 'skipped' ? { skipReasons: r.skipReasons.map(clean) } : {}),
    reproduce: reproduce(r.id),
    ...(failing && exchanges[0] ? { curl: curlOf(exchanges[0]) } : {}),
    exchanges: failing ? exchanges : exchanges.slice(0, 1),
    findings: r.findings.slice(0, 10).map((f) => ({
      title: f.title,
      message: clean(f.message),
      hint: f.hint,
      specRef: f.specRef,
      ...(f.level && f.level !== 'failure' ? { level: f.level } : {}),
    })),
  };
}

/** Every failure names a document: the ones behind its findings, else the ones its check rests on as a whole. */
function documentsBehind(r: CheckResult, failing: boolean): string[] {
  const own = [...new Set(r.findings.flatMap((f) => f.documentedBy ?? []))];
  // An advisory rests on no document by definition (its reasoning is the hint), so it gets none by default.
  return failing && r.status !== 'advisory' && own.length === 0 && isCheckId(r.checkId) ? [...checkEntry(r.checkId).documents] : own;
}

function reportOperation(op: SpecOperation): ReportOperation {
  return {
    operationId: op.operationId,
    area: op.area,
    method: op.method.toUpperCase(),
    path: op.path,
    deprecated: op.deprecated,
    actions: op.iam.actions,
    conditionalActions: op.iam.conditionalActions.map((c) => c.action),
    scopes: op.iam.scopes,
    profiles: op.profiles,
  };
}

/** Recomputes totals and the verdict after waivers or a baseline changed statuses. */
export function retotal(report: RunReport): RunReport {
  const totals = emptyTotals();
  for (const r of report.results) totals[r.status]++;
  return { ...report, totals, verdict: verdictOf(totals) };
}

/**
 * Failed when anything failed or broke; `not-judged` when nothing was judged at all (every check skipped or with
 * nothing to judge, or no check selected): such a run proves nothing and must not read as a pass.
 */
export function verdictOf(totals: RunReport['totals']): RunReport['verdict'] {
  if ([...FAILING].some((s) => totals[s] > 0)) return 'failed';
  return totals.passed + totals.advisory + totals.waived > 0 ? 'passed' : 'not-judged';
}
