import { GENERIC_CHECK_IDS } from '../../checks/catalogue.js';
import { RESPONSE_CONFORMANCE_CHECKS } from '../../checks/conformance-checks.js';
import type { Check } from '../../checks/finding.js';
import type { Finding } from '../../model/finding.js';
import { createdReadable, noServerError, statusExpected } from '../../checks/scenario-checks.js';
import type { Exchange } from '../../model/exchange.js';
import { createdImageIds } from '../created-images.js';
import { batchKindOf, batchMembersApplied } from '../batch-members-read-back.js';
import { readJobImages, unnamedJobImage } from '../job-image-readable.js';
import { servedSchemaDescribes } from '../served-schema.js';
import { serverImageNamed } from '../server-image-named.js';
import { versionsServed } from '../../checks/rules/discovery.js';
import { watchJob } from '../jobs.js';
import { errored, judged, skipped, type CheckOutcome } from '../../model/outcome.js';
import type { RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { readyRequest } from './canonical-request.js';

export function applyChecks(checks: readonly Check[], exchange: Exchange, ctx: RunContext): Finding[] {
  return checks.flatMap((check) => check(exchange, { validator: ctx.validator }));
}

/**
 * The documented request, made as documented: the exact success status, a documented content type, body
 * schema and headers, no 5xx; then what follows from it (the job finishes, the created image is readable).
 */
function canonicalScenario(op: Scenario['operation']): Scenario {
  const follow: string[] = [];
  if (op.jobTypes.length > 0) follow.push('async-job-completes');
  const batch = batchKindOf(op);
  if (batch) follow.push('batch-members-applied');
  if (op.roles.includes('image.create')) follow.push('created-readable');
  if (op.roles.includes('server.snapshot')) follow.push('server-image-named');
  if (op.roles.includes('schema.image') || op.roles.includes('schema.images')) follow.push('served-schema-describes');
  const versions = op.roles.includes('versions.list') ? ['versions-served'] : [];
  // valid-input-accepted is the generated-input family's: on the one documented request it only repeats status-expected.
  const checks = [...GENERIC_CHECK_IDS, 'status-expected', 'no-server-error', ...versions, ...follow];
  return {
    family: 'canonical',
    operation: op,
    checks,
    title: `${op.operationId}: the documented request answers ${op.successStatuses.join(' or ')}`,
    async run(ctx: RunContext): Promise<CheckOutcome[]> {
      const all = (make: (id: string) => CheckOutcome): CheckOutcome[] => checks.map(make);
      const ready = await readyRequest(ctx, op, checks);
      if (!ready.ok) return ready.outcomes;
      const { prepared, request } = ready;
      const caller = prepared.caller;
      const reply = await ctx.call(op, { as: caller }, request.spec);
      if (!reply.ok) return all((id) => (reply.kind === 'skip' ? skipped(id, reply.message) : errored(id, reply.message)));
      const exchange = reply.exchange;
      for (const id of createdImageIds(exchange)) ctx.created.set(id, caller);
      const applied = [...RESPONSE_CONFORMANCE_CHECKS, statusExpected(op.successStatuses), noServerError, ...(versions.length > 0 ? [versionsServed] : [])];
      const findings = applyChecks(applied, exchange, ctx);
      const outcomes = [...GENERIC_CHECK_IDS, 'status-expected', 'no-server-error', ...versions].map((id) => judged(id, findings, [exchange]));

      if (follow.includes('async-job-completes')) {
        const jobId = (exchange.response.body as { job_id?: unknown } | undefined)?.job_id;
        const project = prepared.facts.project.caller;
        if (typeof jobId !== 'string' || !project)
          outcomes.push(...follow.filter((id) => id !== 'created-readable').map((id) => skipped(id, 'the action answered no job id to follow')));
        else {
          const watch = await watchJob(ctx, caller, project, jobId);
          for (const id of watch.imageIds) ctx.created.set(id, caller);
          // The rule job-image-exists: the images a finished job names are read back as its caller.
          const readBack = watch.error ? undefined : await readJobImages(ctx, caller, watch.imageIds);
          const jobFindings = [
            ...watch.findings,
            ...unnamedJobImage(op, watch),
            ...(readBack?.findings ?? []),
            ...watch.exchanges.flatMap((e) => applyChecks(RESPONSE_CONFORMANCE_CHECKS, e, ctx)).map((f) => ({ ...f, checkId: 'async-job-completes' })),
          ];
          const error = watch.error ?? readBack?.error;
          outcomes.push(
            error ? errored('async-job-completes', error) : judged('async-job-completes', jobFindings, [...watch.exchanges, ...(readBack?.exchanges ?? [])]),
          );
          // The rule batch-members-effect: a SUCCESS member job's changes are on the owner's member list.
          if (batch) outcomes.push(await batchMembersApplied(ctx, batch, request.spec.body, watch));
        }
      }
      if (follow.includes('created-readable')) outcomes.push(await readableAfterCreate(ctx, caller, exchange));
      if (follow.includes('server-image-named')) outcomes.push(await serverImageNamed(ctx, op, caller, exchange, request.spec));
      if (follow.includes('served-schema-describes')) outcomes.push(await servedSchemaDescribes(ctx, op, caller, exchange));
      return outcomes;
    },
  };
}

/** A created image is readable at once and appears in every image list (first page, newest first). */
async function readableAfterCreate(ctx: RunContext, caller: string, created: Exchange): Promise<CheckOutcome> {
  const id = createdImageIds(created)[0];
  if (!id) return skipped('created-readable', 'the create answered no image id');
  const shown = await ctx.call(ctx.role('image.show'), { as: caller }, { params: { image_id: id } });
  if (!shown.ok) return errored('created-readable', shown.message);
  const findings = applyChecks([createdReadable], shown.exchange, ctx);
  const exchanges = [shown.exchange];
  for (const list of ctx.roles('image.list')) {
    const listed = await ctx.call(list, { as: caller }, { query: { limit: 1000, sort_key: 'created_at', sort_dir: 'desc' } });
    if (!listed.ok) return errored('created-readable', listed.message);
    exchanges.push(listed.exchange);
    const ids = ((listed.exchange.response.body as { images?: { id?: string }[] }).images ?? []).map((i) => i.id);
    if (listed.exchange.response.status === 200 && !ids.includes(id))
      findings.push({
        checkId: 'created-readable',
        operationId: created.operation.operationId,
        title: 'created image not listed',
        message: `Image ${id} answered ${created.response.status} on create but ${list.operationId} does not list it.`,
        hint: 'List a created image as soon as its create call succeeded.',
        specRef: list.pointer,
      });
  }
  return judged('created-readable', findings, exchanges);
}

export const canonicalFamily: ScenarioFamily = (op) => [canonicalScenario(op)];
