import { effectFinding } from '../checks/rules/effect-finding.js';
import { attributesHold, CREATE_STORED } from '../checks/rules/write-read-back.js';
import { judged, skipped, type CheckOutcome } from '../model/outcome.js';
import { Ledger } from './apply-checks.js';
import { lookupStatus } from './not-found.js';
import type { CheckId } from '../model/check-id.js';
import type { Finding } from '../model/finding.js';
import type { Exchange } from '../model/exchange.js';
import type { SpecOperation } from '../model/operation.js';
import type { JobWatch } from './jobs.js';
import { pollUntil, type Look } from './poll.js';
import type { RunContext } from './run-context.js';

/** otc-job-status: a SUCCESS job's `entities.image_id` is "the ID of the created image" — so it must exist. */
const JOB_RULE: ReadBackRule = {
  checkId: 'async-job-completes',
  hint: 'Name in a finished job only an image that exists and that its owner can read.',
} as const;

/** The rule an image read back is judged by: the check it reports under (whose catalogue entry names the documents), the hint. */
export interface ReadBackRule {
  readonly checkId: CheckId;
  readonly hint: string;
}

export interface ImageReadBack {
  exchanges: Exchange[];
  findings: Finding[];
  error?: string;
}

/**
 * Reads each image a finished job names, as the project that started it. A 404 may only mean the image has not
 * appeared yet (delayed appearance is allowed), so it is read again until the poll bound; an image still absent
 * then, or any other non-200, breaks the rule job-image-exists.
 */
export async function readJobImages(ctx: RunContext, caller: string, imageIds: readonly string[], rule: ReadBackRule = JOB_RULE): Promise<ImageReadBack> {
  const show = ctx.role('image.show');
  const back: ImageReadBack = { exchanges: [], findings: [] };
  for (const id of imageIds) {
    let last: Exchange | undefined;
    const outcome = await pollUntil(ctx.config.pollTimeoutMs, 5_000, async (): Promise<Look<Exchange | string>> => {
      const reply = await ctx.call(show, { as: caller }, { params: { image_id: id } });
      if (!reply.ok) return { done: reply.message };
      last = reply.exchange;
      return lookupStatus(ctx, reply.exchange) === 404 ? { pending: '404' } : { done: reply.exchange };
    });
    if ('done' in outcome && typeof outcome.done === 'string') return { ...back, error: outcome.done };
    if (!last) continue;
    back.exchanges.push(last);
    const status = last.response.status;
    if (status !== 200)
      back.findings.push(
        effectFinding(
          last,
          rule,
          rule === JOB_RULE ? 'job image not readable' : 'named image not readable',
          `${rule === JOB_RULE ? 'The finished job' : 'The answer'} names image ${id}, but reading it answered ${status}${'stuck' in outcome ? ` until the ${Math.round(ctx.config.pollTimeoutMs / 1000)} s bound` : ''}.`,
        ),
      );
  }
  return back;
}

/** The check job-image-attributes applies: what a create stored, under create-stored. */
export const jobImageStoredCheck = attributesHold(CREATE_STORED);

/**
 * The rule job-image-attributes: the image a SUCCESS creation job names first (the system image, or the only
 * one) carries the name and description its request gave (`description` is the image's `__description`).
 */
export function jobImageStored(ctx: RunContext, body: unknown, readBack: ImageReadBack | undefined): CheckOutcome {
  const given = (body ?? {}) as { name?: unknown; description?: unknown };
  const expected: Record<string, unknown> = {
    ...(typeof given.name === 'string' ? { name: given.name } : {}),
    ...(typeof given.description === 'string' ? { __description: given.description } : {}),
  };
  if (Object.keys(expected).length === 0) return skipped(CREATE_STORED.checkId, 'the request gives the image no name or description to read back');
  const read = readBack?.exchanges[0];
  if (!read) return skipped(CREATE_STORED.checkId, 'the job made no image that could be read back');
  const check = jobImageStoredCheck(expected, 'On the read of the image the finished job names', 'the request that made it');
  return judged(CREATE_STORED.checkId, new Ledger(ctx).apply([check], read), [read]);
}

/**
 * The rule job-names-image: of a SUCCESS job, "the image ID will be returned" (otc-job-status, `entities`), so a job
 * an image-making action started names at least one image, in `entities.image_id` or a sub-job's result.
 */
export function unnamedJobImage(op: Pick<SpecOperation, 'createsImages'>, watch: JobWatch): Finding[] {
  const status = (watch.last?.response.body as { status?: unknown } | undefined)?.status;
  if (!op.createsImages || watch.error || !watch.last || status !== 'SUCCESS' || watch.imageIds.length > 0) return [];
  return [
    effectFinding(
      watch.last,
      { ...JOB_RULE, hint: 'Name the image a successful creation job made in entities.image_id (sub_jobs_result for several).' },
      'job names no image',
      'The creation job ended SUCCESS, but neither entities.image_id nor any sub-job result names the image it made.',
    ),
  ];
}
