import type { CheckId } from '../../model/check-id.js';
import { RESPONSE_CONFORMANCE_CHECKS } from '../../checks/conformance-checks.js';
import { declareJudgement, idsOf, type Check, type CheckDeclaration } from '../../checks/finding.js';
import { createdReadable, noServerError, statusExpected } from '../../checks/scenario-checks.js';
import type { Exchange } from '../../model/exchange.js';
import { createdImageIds } from '../created-images.js';
import { batchKindOf, batchMembersApplied, batchMembersReadBack } from '../batch-members-read-back.js';
import { jobImageStored, jobImageStoredCheck, readJobImages, unnamedJobImage } from '../job-image-readable.js';
import { servedSchemaDescribes, servedSchemaReadBack } from '../served-schema.js';
import { serverImageNamed, serverImageReadBack } from '../server-image-named.js';
import { versionsServed } from '../../checks/rules/discovery.js';
import { watchJob } from '../jobs.js';
import { errored, judged, skipped, type CheckOutcome } from '../../model/outcome.js';
import { applyChecks, Ledger } from '../apply-checks.js';
import type { RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { readyRequest } from './canonical-request.js';

/** Judged over the job's polls and the images it names (`jobs.ts`, `job-image-readable.ts`), not one exchange. */
const jobCompletes = declareJudgement('async-job-completes');

/**
 * The documented request, made as documented: the exact success status, a documented content type, body
 * schema and headers, no 5xx; then what follows from it (the job finishes, the created image is readable).
 */
function canonicalScenario(op: Scenario['operation']): Scenario {
  const batch = batchKindOf(op);
  // valid-input-accepted is the generated-input family's: on the one documented request it only repeats status-expected.
  const onAnswer: Check[] = [
    ...RESPONSE_CONFORMANCE_CHECKS,
    statusExpected(op.successStatuses),
    noServerError,
    ...(op.roles.includes('versions.list') ? [versionsServed] : []),
  ];
  // The rule job-image-attributes: what the request named the image, read back from the image the job made.
  const stored: CheckDeclaration[] = op.createsImages ? [jobImageStoredCheck] : [];
  const afterJob: CheckDeclaration[] = op.jobTypes.length > 0 ? [jobCompletes, ...stored, ...(batch ? [batchMembersReadBack] : [])] : [];
  const afterCreate: Check[] = op.roles.includes('image.create') ? [createdReadable] : [];
  const afterSnapshot: CheckDeclaration[] = op.roles.includes('server.snapshot') ? [serverImageReadBack] : [];
  const afterSchema: CheckDeclaration[] = op.roles.includes('schema.image') || op.roles.includes('schema.images') ? [servedSchemaReadBack] : [];
  const checks = idsOf([...onAnswer, ...afterJob, ...afterCreate, ...afterSnapshot, ...afterSchema]);
  return {
    family: 'canonical',
    operation: op,
    checks,
    title: `${op.operationId}: the documented request answers ${op.successStatuses.join(' or ')}`,
    async run(ctx: RunContext): Promise<CheckOutcome[]> {
      const all = (make: (id: CheckId) => CheckOutcome): CheckOutcome[] => checks.map(make);
      const ready = await readyRequest(ctx, op, checks);
      if (!ready.ok) return ready.outcomes;
      const { prepared, request } = ready;
      const caller = prepared.caller;
      const reply = await ctx.call(op, { as: caller }, request.call);
      if (!reply.ok) return all((id) => (reply.kind === 'skip' ? skipped(id, reply.message) : errored(id, reply.message)));
      const exchange = reply.exchange;
      for (const id of createdImageIds(exchange)) ctx.created.set(id, caller);
      const judgement = applyChecks(onAnswer, exchange, ctx);
      const outcomes = idsOf(onAnswer).map((id) => judged(id, judgement, [exchange]));

      if (afterJob.length > 0) {
        const jobId = (exchange.response.body as { job_id?: unknown } | undefined)?.job_id;
        const project = prepared.facts.project.caller;
        if (typeof jobId !== 'string' || !project) outcomes.push(...idsOf(afterJob).map((id) => skipped(id, 'the action answered no job id to follow')));
        else {
          const watch = await watchJob(ctx, caller, project, jobId);
          for (const id of watch.imageIds) ctx.created.set(id, caller);
          // The rule job-image-exists: the images a finished job names are read back as its caller.
          const readBack = watch.error ? undefined : await readJobImages(ctx, caller, watch.imageIds);
          const jobFindings = [
            ...watch.findings,
            ...unnamedJobImage(op, watch),
            ...(readBack?.findings ?? []),
            ...watch.exchanges
              .flatMap((e) => applyChecks(RESPONSE_CONFORMANCE_CHECKS, e, ctx).findings)
              .map((f) => ({ ...f, checkId: 'async-job-completes' as const })),
          ];
          const error = watch.error ?? readBack?.error;
          const exchanges = [...watch.exchanges, ...(readBack?.exchanges ?? [])];
          outcomes.push(
            error ? errored('async-job-completes', error) : judged('async-job-completes', new Ledger(ctx).record(jobCompletes, jobFindings), exchanges),
          );
          if (stored.length > 0) outcomes.push(error ? errored('create-stored', error) : jobImageStored(ctx, request.call.body, readBack));
          // The rule batch-members-effect: a SUCCESS member job's changes are on the owner's member list.
          if (batch) outcomes.push(await batchMembersApplied(ctx, batch, request.call.body, watch));
        }
      }
      if (afterCreate.length > 0) outcomes.push(await readableAfterCreate(ctx, caller, exchange));
      if (afterSnapshot.length > 0) outcomes.push(await serverImageNamed(ctx, op, caller, exchange, request.call));
      if (afterSchema.length > 0) outcomes.push(await servedSchemaDescribes(ctx, op, caller, exchange));
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
  const judgement = applyChecks([createdReadable], shown.exchange, ctx);
  const exchanges = [shown.exchange];
  for (const list of ctx.roles('image.list')) {
    const listed = await ctx.call(list, { as: caller }, { query: { limit: 1000, sort_key: 'created_at', sort_dir: 'desc' } });
    if (!listed.ok) return errored('created-readable', listed.message);
    exchanges.push(listed.exchange);
    const ids = ((listed.exchange.response.body as { images?: { id?: string }[] }).images ?? []).map((i) => i.id);
    if (listed.exchange.response.status === 200 && !ids.includes(id))
      judgement.findings.push({
        checkId: 'created-readable',
        operationId: created.operation.operationId,
        title: 'created image not listed',
        message: `Image ${id} answered ${created.response.status} on create but ${list.operationId} does not list it.`,
        hint: 'List a created image as soon as its create call succeeded.',
        specRef: list.pointer,
      });
  }
  return judged('created-readable', judgement, exchanges);
}

export const canonicalFamily: ScenarioFamily = (op) => [canonicalScenario(op)];
