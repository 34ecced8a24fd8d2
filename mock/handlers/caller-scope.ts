import type { RequestContext } from '../context.js';
import { errorFor, type MockResponse } from '../http/responses.js';

/** The caller's project; handlers behind authentication always have one. */
export function callerProject(ctx: RequestContext): string {
  if (!ctx.caller) throw new Error(`${ctx.op.operationId} reached without a caller`);
  return ctx.caller.projectId;
}

/** The enterprise project new images go to: the caller's only enterprise project when it is EP-scoped. */
export function enterpriseProjectForNewImage(ctx: RequestContext, requested: unknown): string | MockResponse {
  const { access } = ctx;
  if (access.kind === 'enterpriseProjects') {
    const wanted = typeof requested === 'string' ? requested : access.ids[0];
    if (!wanted || !access.ids.includes(wanted))
      return errorFor(ctx.op.endpoint, 403, 'IMG.0026', `Not authorized in enterprise project ${String(requested)}.`);
    return wanted;
  }
  return typeof requested === 'string' ? requested : '0';
}
