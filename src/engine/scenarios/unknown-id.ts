import { idsOf } from '../../checks/finding.js';
import { unknownIdStatus } from '../../checks/situation-checks.js';
import type { SpecOperation } from '../../model/operation.js';
import { judgeCall, outcomeOf, type ProbeResult } from '../probe-outcomes.js';
import { recordProbeImages } from '../probe-images.js';
import type { CheckOutcome } from '../../model/outcome.js';
import type { RunContext } from '../run-context.js';
import type { ScenarioFamily } from '../scenario.js';
import { randomHex, randomUuid } from '../scenario-random.js';
import { readyRequest } from './canonical-request.js';

const hex32 = (): string => randomHex(16);

/**
 * Path parameters that name a resource, with a well-formed value that names none: image and server ids are
 * UUIDs, member ids are project ids (32 hex), job ids 32 hex. Well-formed, so a 400 cannot stand in for the 404;
 * drawn from the scenario's seeded stream, so a replay asks for the same ids.
 */
export const UNKNOWN_ID: Readonly<Record<string, { what: string; make: () => string }>> = {
  image_id: { what: 'image', make: randomUuid },
  member_id: { what: 'member of an existing image', make: hex32 },
  server_id: { what: 'server', make: randomUuid },
  job_id: { what: 'job', make: hex32 },
};

const idParams = (op: SpecOperation): string[] => op.parameters.filter((p) => p.in === 'path' && p.name in UNKNOWN_ID).map((p) => p.name);

/**
 * The documented request with one id replaced by one that does not exist, once per id parameter, as the
 * principal the precondition names: the answer must be 404 (not 403, which would say the resource exists, nor
 * 400), unless the documents also give another status for it (`x-unknown-id-statuses`, e.g. IMS's 400
 * `IMG.0027`). The other ids stay real, so an unknown member is asked of an existing image the caller may see.
 */
export const unknownIdFamily: ScenarioFamily = (op) => {
  const names = idParams(op);
  if (names.length === 0) return [];
  return [
    {
      family: 'unknown-id',
      operation: op,
      checks: idsOf([unknownIdStatus]),
      title: `${op.operationId}: an unknown ${names.map((n) => UNKNOWN_ID[n]?.what).join(' or ')} → ${op.unknownIdStatuses.join(' or ')}`,
      run: (ctx) => runUnknownId(ctx, op, names),
    },
  ];
};

async function runUnknownId(ctx: RunContext, op: SpecOperation, names: string[]): Promise<CheckOutcome[]> {
  const ready = await readyRequest(ctx, op, idsOf([unknownIdStatus]));
  if (!ready.ok) return ready.outcomes;
  const { prepared, request } = ready;
  const { caller, facts } = prepared;
  const probes: ProbeResult[] = [];
  for (const name of names) {
    const value = UNKNOWN_ID[name]!.make();
    const reply = await ctx.call(op, { as: caller }, { ...request.call, params: { ...request.call.params, [name]: value } });
    // A target that creates something for an unknown id (a server image of no server) must not keep it.
    if (facts.project.caller) await recordProbeImages(ctx, reply, caller, facts.project.caller, caller);
    probes.push(judgeCall(ctx, reply, `${caller} with unknown ${name} ${value}`, [unknownIdStatus(ctx.spec.situations)]));
  }
  return [outcomeOf('unknown-id-404', probes, 'no id parameter to probe')];
}
