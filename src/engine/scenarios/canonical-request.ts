import type { CheckId } from '../../model/check-id.js';
import type { SpecOperation } from '../../model/operation.js';
import { applyBindings } from '../bindings.js';
import { prepare, type Prepared } from '../preconditions.js';
import { errored, skipped, type CheckOutcome } from '../../model/outcome.js';
import type { CallOptions, RunContext } from '../run-context.js';

const UPLOAD_BYTES = Buffer.from('ims-conformance upload\n'.repeat(64));

/** The request body the spec's first example gives, with the run's bindings filled in. */
function exampleBody(op: SpecOperation, prepared: Prepared): { ok: true; body: unknown; mediaType: string } | { ok: false; error: string } | undefined {
  const content = op.requestBody?.content;
  if (!content) return undefined;
  const [mediaType, media] = Object.entries(content)[0] ?? [];
  if (!mediaType || !media) return undefined;
  if (mediaType === 'application/octet-stream') return { ok: true, body: UPLOAD_BYTES, mediaType };
  const example = Object.values((media.examples ?? {}) as Record<string, { value: unknown }>)[0]?.value;
  if (example === undefined) return { ok: false, error: `the spec gives ${op.operationId} no request example to start from` };
  const bound = applyBindings(example, op.bindings, prepared.facts);
  if (!bound.ok) return { ok: false, error: `binding {${bound.missing}} has no value in this run` };
  return { ok: true, body: bound.body, mediaType };
}

/**
 * The documented, valid request for an operation in this run: path parameters from the prepared resources,
 * the first request-body example with `x-bindings` applied. Errors name what is missing.
 */
export function canonicalRequest(op: SpecOperation, prepared: Prepared): { ok: true; call: CallOptions } | { ok: false; error: string } {
  const params: Record<string, string> = {};
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    const value = prepared.params[p.name];
    if (value === undefined) return { ok: false, error: `no value for path parameter ${p.name} (add it to x-precondition)` };
    params[p.name] = value;
  }
  const body = exampleBody(op, prepared);
  if (body && !body.ok) return body;
  return { ok: true, call: { params, ...(body ? { body: body.body, mediaType: body.mediaType } : {}) } };
}

/**
 * Sets up the operation's precondition and builds its documented request, or says why every check of the
 * scenario cannot run: skipped when the config lacks something, an error when the harness or spec is at fault.
 */
export async function readyRequest(
  ctx: RunContext,
  op: SpecOperation,
  checks: readonly CheckId[],
): Promise<{ ok: true; prepared: Prepared; request: { call: CallOptions } } | { ok: false; outcomes: CheckOutcome[] }> {
  const prepared = await prepare(ctx, op);
  if (!prepared.ok) return { ok: false, outcomes: checks.map((id) => ('skip' in prepared ? skipped(id, prepared.skip) : errored(id, prepared.error))) };
  const request = canonicalRequest(op, prepared.prepared);
  if (!request.ok) return { ok: false, outcomes: checks.map((id) => errored(id, `the documented request cannot be built: ${request.error}`)) };
  return { ok: true, prepared: prepared.prepared, request };
}

/** The same request as another project's principal would send it: its own project in the `project_id` path parameter. */
export function asProject(op: SpecOperation, call: CallOptions, project: string): CallOptions {
  if (!op.parameters.some((p) => p.in === 'path' && p.name === 'project_id')) return call;
  return { ...call, params: { ...call.params, project_id: project } };
}
