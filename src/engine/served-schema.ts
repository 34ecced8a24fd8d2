import { describedBy, SERVED_SCHEMA_DESCRIBES } from '../checks/rules/discovery.js';
import type { Exchange } from '../model/exchange.js';
import type { SpecOperation } from '../model/operation.js';
import { errored, judged, skipped, type CheckOutcome } from '../model/outcome.js';
import { applyChecks } from './apply-checks.js';
import type { RunContext } from './run-context.js';

const CHECK = SERVED_SCHEMA_DESCRIBES.checkId;

/** Judged on the image list read after the schema was served: the canonical scenario reports it from this declaration. */
export const servedSchemaReadBack = describedBy;

/** The Glance list beside the image create (`GET /v2/images`): the list the `images` schema and its items describe. */
function imageList(ctx: RunContext): SpecOperation | undefined {
  const create = ctx.roles('image.create')[0];
  return ctx.roles('image.list').find((o) => o.path === create?.path && o.endpoint === create.endpoint);
}

/**
 * The rule served-schema-describes: the caller's image list, read right after the schema was served, validates
 * against it — the `images` schema the whole list document, the `image` schema each image of it.
 */
export async function servedSchemaDescribes(ctx: RunContext, op: SpecOperation, caller: string, served: Exchange): Promise<CheckOutcome> {
  if (served.response.status !== 200) return skipped(CHECK, `the schema call answered ${served.response.status}: no schema to judge the images by`);
  const list = imageList(ctx);
  if (!list) return skipped(CHECK, 'the profile has no image list to read the images the schema describes');
  const reply = await ctx.call(list, { as: caller }, { query: { limit: 25 } });
  if (!reply.ok) return reply.kind === 'skip' ? skipped(CHECK, reply.message) : errored(CHECK, reply.message);
  const whole = op.roles.includes('schema.images');
  const check = whole
    ? describedBy(served, 'image list', (body) => [body])
    : describedBy(served, 'image', (body) => (Array.isArray(body.images) ? body.images : []));
  return judged(CHECK, applyChecks([check], reply.exchange, ctx), [reply.exchange]);
}
