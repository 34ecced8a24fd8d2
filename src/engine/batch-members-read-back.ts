import { declareJudgement, notApplicable } from '../checks/finding.js';
import { BATCH_MEMBERS_APPLIED, batchExpectations, membersAsJobLeft, type BatchKind } from '../checks/rules/batch-members.js';
import type { SpecOperation } from '../model/operation.js';
import type { Exchange } from '../model/exchange.js';
import type { JobWatch } from './jobs.js';
import { errored, judged, skipped, type CheckOutcome } from '../model/outcome.js';
import { Ledger } from './apply-checks.js';
import type { RunContext } from './run-context.js';

const CHECK = BATCH_MEMBERS_APPLIED.checkId;

/** Judged over the member lists read after the job: declared, so the canonical scenario reports it from what it applies. */
export const batchMembersReadBack = declareJudgement(CHECK);

/** The job types of otc-job-status that change image members, and what each does to the pairs its request names. */
const MEMBER_JOBS: Record<string, BatchKind> = { imsAddImageMembersJob: 'add', imsUpdateImageMembersJob: 'update', imsDelImageMembersJob: 'remove' };

/** What a batch member operation does, told by the job type it documents (`x-job-types`); undefined for any other operation. */
export function batchKindOf(op: Pick<SpecOperation, 'jobTypes'>): BatchKind | undefined {
  return op.jobTypes.map((t) => MEMBER_JOBS[t]).find((k) => k !== undefined);
}

/** The owner's member list: the GET beside the single member add (`GET /v2/images/{image_id}/members`). */
function memberList(ctx: RunContext): SpecOperation | undefined {
  const add = ctx.roles('member.add')[0];
  return add && ctx.spec.operations.find((o) => o.path === add.path && o.endpoint === add.endpoint && o.method === 'get');
}

const nothingToJudge = (ctx: RunContext, exchange: Exchange, why: string): CheckOutcome =>
  judged(CHECK, new Ledger(ctx).record(batchMembersReadBack, [notApplicable(exchange, CHECK, why)]), [exchange]);

/**
 * The rule batch-members-effect: after a batch member job ended SUCCESS, the owner reads the member list of each
 * image the request named, which must show each pair as the job left it. A job that did not end SUCCESS claims no
 * effect (async-job-completes judges it): not applicable. The owner is the prepared images' owner in every case.
 */
export async function batchMembersApplied(ctx: RunContext, kind: BatchKind, request: unknown, watch: JobWatch): Promise<CheckOutcome> {
  if (watch.error) return errored(CHECK, watch.error);
  if (!watch.last) return errored(CHECK, 'the job was never read');
  const job = watch.last.response.body as { status?: unknown } | undefined;
  if (job?.status !== 'SUCCESS')
    return nothingToJudge(ctx, watch.last, `The job ended ${JSON.stringify(job?.status)}, not SUCCESS: it claims no effect to read back.`);
  const expected = batchExpectations(kind, request, job);
  if (expected.length === 0) return nothingToJudge(ctx, watch.last, 'The job reports no image/project pair of its request as done.');
  const list = memberList(ctx);
  if (!list) return skipped(CHECK, 'the profile has no member list operation to read the job’s effect from');
  const exchanges: Exchange[] = [];
  const ledger = new Ledger(ctx);
  for (const imageId of new Set(expected.map((e) => e.imageId))) {
    const reply = await ctx.call(list, { as: 'owner' }, { params: { image_id: imageId } });
    if (!reply.ok) return reply.kind === 'skip' ? skipped(CHECK, reply.message) : errored(CHECK, reply.message);
    exchanges.push(reply.exchange);
    ledger.apply([membersAsJobLeft(expected.filter((e) => e.imageId === imageId))], reply.exchange);
  }
  return judged(CHECK, ledger, exchanges);
}
