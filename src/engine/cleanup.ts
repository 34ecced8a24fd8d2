import type { RunContext } from './run-context.js';

/**
 * Deletes every image this run created (or those of `only`: one scenario's), newest first, as the principal that
 * created it. A 404 means it is already gone. Returns the ids that could not be deleted, so the user learns what
 * may be left.
 */
export async function cleanup(ctx: RunContext, only?: ReadonlySet<string>): Promise<string[]> {
  const del = ctx.role('image.delete');
  const left: string[] = [];
  for (const [id, principal] of [...ctx.created].reverse()) {
    if (only && !only.has(id)) continue;
    // A flaky target (5xx, a dropped connection) gets two more tries: leaving a test image behind is worse.
    let status = 0;
    for (let attempt = 0; attempt < 3 && (status === 0 || status >= 500); attempt++) {
      const reply = await ctx.call(del, { as: principal }, { params: { image_id: id } });
      status = reply.ok ? reply.exchange.response.status : 0;
    }
    if (status === 204 || status === 404 || status === 200) ctx.created.delete(id);
    else left.push(id);
  }
  return left;
}
