import { finding, type Check, type Finding } from '../checks/finding.js';
import type { SpecOperation } from '../spec/operations.js';
import type { Exchange } from '../model/exchange.js';
import { createdImageIds } from './created-images.js';
import { watchJob } from './jobs.js';
import { errored, judged, skipped, type CheckOutcome } from '../model/outcome.js';
import type { CallResult, CallSpec, RunContext } from './run-context.js';

/**
 * A probe is one request a scenario sends for one check (one principal, one unknown id, …). A scenario sends
 * several and reports one outcome per check, so the helpers here fold probes into that outcome.
 */
export type ProbeResult =
  | { kind: 'judged'; label: string; findings: Finding[]; exchange: Exchange }
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; message: string };

/** Applies checks to a call's answer, with each finding's message led by the label (who called, which id). */
export function judgeCall(ctx: RunContext, reply: CallResult, label: string, checks: readonly Check[]): ProbeResult {
  if (!reply.ok) return reply.kind === 'skip' ? { kind: 'skipped', reason: `${label}: ${reply.message}` } : { kind: 'error', message: `${label}: ${reply.message}` };
  const findings = checks.flatMap((c) => c(reply.exchange, { validator: ctx.validator })).map((f) => ({ ...f, message: `${label}: ${f.message}` }));
  return { kind: 'judged', label, findings, exchange: reply.exchange };
}

/**
 * One outcome for a check over its probes: judged over the probes that got an answer (failed, advisory, not
 * applicable or passed, by the one rule of `judged`); an error when a probe could not be sent and nothing failed
 * (a pass would overstate what was checked); else skipped with the probes' reasons (or `whenNone` when there was
 * nothing to probe). Skip reasons of some probes are kept on a judged outcome.
 */
export function outcomeOf(checkId: string, probes: readonly ProbeResult[], whenNone: string): CheckOutcome {
  const judgedProbes = probes.filter((p): p is Extract<ProbeResult, { kind: 'judged' }> => p.kind === 'judged');
  const reasons = probes.flatMap((p) => (p.kind === 'skipped' ? [p.reason] : []));
  const errors = probes.flatMap((p) => (p.kind === 'error' ? [p.message] : []));
  const concerned = judgedProbes.filter((p) => p.findings.some((f) => f.checkId === checkId));
  const outcome = judged(checkId, judgedProbes.flatMap((p) => p.findings), judgedProbes.map((p) => p.exchange));
  if (outcome.status === 'failed' || outcome.status === 'advisory') return { ...outcome, exchanges: concerned.map((p) => p.exchange), ...(reasons.length ? { skipReasons: reasons } : {}) };
  if (errors.length > 0) return errored(checkId, errors.join(' | '));
  if (judgedProbes.length > 0) {
    const probed = outcome.status === 'passed' ? `probed: ${judgedProbes.map((p) => p.label).join('; ')}` : outcome.message;
    return { ...outcome, message: probed, exchanges: [judgedProbes[0]!.exchange], ...(reasons.length ? { skipReasons: reasons } : {}) };
  }
  return skipped(checkId, reasons.length > 0 ? reasons.join(' | ') : whenNone);
}

/** The same request as another project's principal would send it: its own project in the `project_id` path parameter. */
export function asProject(op: SpecOperation, spec: CallSpec, project: string): CallSpec {
  if (!op.parameters.some((p) => p.in === 'path' && p.name === 'project_id')) return spec;
  return { ...spec, params: { ...spec.params, project_id: project } };
}

/**
 * Registers for cleanup the images a probe's answer created, and the images a job it started names once finished.
 * Probes that are allowed (or wrongly served) really create things, and a run must leave nothing behind on a real
 * cloud. `deleter` is who can delete them. Returns their ids.
 */
export async function trackCreated(ctx: RunContext, reply: CallResult, caller: string, callerProject: string, deleter: string): Promise<string[]> {
  if (!reply.ok) return [];
  const ids = createdImageIds(reply.exchange);
  const { response, request } = reply.exchange;
  const jobId = (response.body as { job_id?: unknown } | undefined)?.job_id;
  // A probe judges the answer, not the job: only with --max-resources, where the next creation needs the room, is
  // the job waited for here. Otherwise the run already follows it (noteAnswer) and the suite file's cleanup deletes
  // its images, while this scenario goes on instead of waiting for a job it does not judge.
  if (response.status >= 200 && response.status < 300 && request.method === 'POST' && typeof jobId === 'string' && ctx.config.maxResources !== undefined)
    ids.push(...(await watchJob(ctx, caller, callerProject, jobId)).imageIds);
  for (const id of ids) if (!ctx.created.has(id)) ctx.created.set(id, deleter);
  return ids;
}

/** The query that shows the newest images first on one page as large as the list documents (pagination aside). */
export function newestFirstQuery(op: SpecOperation): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const documented = (name: string) => op.parameters.find((p) => p.in === 'query' && p.name === name);
  const limit = documented('limit');
  if (limit) query.limit = (limit.schema as { maximum?: number } | undefined)?.maximum ?? 1000;
  if (documented('sort_key')) query.sort_key = 'created_at';
  if (documented('sort_dir')) query.sort_dir = 'desc';
  return query;
}

/** The image ids a list answer carries, or undefined when it carries no `images` array to read. */
export function listedImageIds(exchange: Exchange): string[] | undefined {
  const images = (exchange.response.body as { images?: unknown } | undefined)?.images;
  if (!Array.isArray(images)) return undefined;
  return images.map((i) => (i as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
}

/** A check that a list answer does not carry `imageId`, reported under `checkId` (an isolation check). */
export function notListed(checkId: string, imageId: string, title: string, hint: string): Check {
  return (exchange) =>
    listedImageIds(exchange)?.includes(imageId)
      ? [finding(exchange, checkId, title, `Listed image ${imageId}, which the caller must not see.`, hint, '/responses')]
      : [];
}
