import {
  attributesHold,
  CREATE_STORED,
  PATCH_TIMESTAMPS,
  timestampsMoved,
  VALUE_BOUNDS,
  writeAccepted,
  type Stamps,
} from '../../checks/rules/write-read-back.js';
import { idsOf, type Check, type CheckDeclaration } from '../../checks/finding.js';
import { valueRefused } from '../../checks/situation-checks.js';
import type { CheckId } from '../../model/check-id.js';
import type { Exchange } from '../../model/exchange.js';
import type { SpecOperation } from '../../model/operation.js';
import { errored, judged, skipped, type CheckOutcome } from '../../model/outcome.js';
import { CUSTOM, patchSteps, stepChecks, walkPatches, type Judged } from '../patch-walk.js';
import { recordCreatedImages } from '../created-images.js';
import type { RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { applyChecks } from '../apply-checks.js';
import { readyRequest } from './canonical-request.js';

/** Outcomes of the checks a scenario reports, from the exchanges each was judged on (none: not run, with why). */
type Stopped = { kind: 'skip' | 'error'; message: string };

function outcomesOf(checks: readonly CheckId[], all: readonly Judged[], stopped?: Stopped): CheckOutcome[] {
  return checks.map((id) => {
    const mine = all.filter((j) => j.checkId === id);
    // One judgement over every exchange judged for this id: passed only if its checks ran on them.
    const judgement = { findings: mine.flatMap((j) => j.judgement.findings), ran: new Set(mine.flatMap((j) => [...j.judgement.ran])) };
    if (mine.length > 0)
      return judged(
        id,
        judgement,
        mine.map((j) => j.exchange),
      );
    if (stopped) return stopped.kind === 'skip' ? skipped(id, stopped.message) : errored(id, stopped.message);
    return skipped(id, 'no write of this scenario was judged by this check (the contract documents no bound for it)');
  });
}

type Bound = { value: number; refusal: 'never' | 'must' };

/**
 * The documented bounds of the create body's min_disk under the run's profile: the lowest value every reading
 * accepts (`x-valid-subset`, OTC's 1 vs the SDK's 40) and the ceiling, each accepted; one past the ceiling refused.
 */
function minDiskBounds(op: SpecOperation): Bound[] {
  const schema = op.requestBody?.content?.['application/json']?.schema as
    | { properties?: { min_disk?: { minimum?: number; maximum?: number; 'x-valid-subset'?: { minimum?: number } } } }
    | undefined;
  const disk = schema?.properties?.min_disk;
  if (!disk) return [];
  const lowest = disk['x-valid-subset']?.minimum ?? disk.minimum;
  const bounds: Bound[] = [];
  if (lowest !== undefined) bounds.push({ value: lowest, refusal: 'never' });
  if (disk.maximum !== undefined) bounds.push({ value: disk.maximum, refusal: 'never' }, { value: disk.maximum + 1, refusal: 'must' });
  return bounds;
}

/** The checks the create scenario applies: the documented create, then each min_disk bound (accepted and stored, or refused). */
function createChecks(bounds: readonly Bound[]): CheckDeclaration[] {
  const onBound = (bound: Bound): CheckDeclaration[] =>
    bound.refusal === 'must' ? [valueRefused, attributesHold(VALUE_BOUNDS)] : [writeAccepted(VALUE_BOUNDS), attributesHold(VALUE_BOUNDS)];
  return [writeAccepted(CREATE_STORED), attributesHold(CREATE_STORED), ...bounds.flatMap(onBound)];
}

/**
 * create-stores-attributes and the create's value ranges: the documented create, plus a custom attribute, shows
 * every attribute given in its answer and on the next read; min_disk at each documented bound is stored, one
 * past the ceiling refused as the error-situation table says.
 */
function createScenario(op: SpecOperation): Scenario {
  const bounds = minDiskBounds(op);
  const CREATE_CHECKS = idsOf(createChecks(bounds));
  return {
    family: 'write-read-back',
    operation: op,
    checks: CREATE_CHECKS,
    title: `${op.operationId}: every attribute given is stored, min_disk at its documented bounds accepted, beyond refused`,
    async run(ctx) {
      const ready = await readyRequest(ctx, op, CREATE_CHECKS);
      if (!ready.ok) return ready.outcomes;
      const base = (ready.request.call.body ?? {}) as Record<string, unknown>;
      const caller = ready.prepared.caller;
      const all: Judged[] = [];
      // One create, judged on its answer, then read back and judged on `stored` (a refused create leaves nothing to read).
      const createAndRead = async (
        rule: typeof CREATE_STORED | typeof VALUE_BOUNDS,
        body: object,
        onAnswer: Check[],
        stored: object,
        because: string,
      ): Promise<Stopped | undefined> => {
        const sent = await ctx.call(op, { as: caller }, { body, ...(ready.request.call.mediaType ? { mediaType: ready.request.call.mediaType } : {}) });
        if (!sent.ok) return { kind: sent.kind, message: sent.message };
        // Also a create that should have been refused: whatever it made is deleted when the scenario ends.
        recordCreatedImages(ctx, caller, sent.exchange);
        all.push({ checkId: rule.checkId, exchange: sent.exchange, judgement: applyChecks(onAnswer, sent.exchange, ctx) });
        const id = (sent.exchange.response.body as { id?: unknown } | undefined)?.id;
        if (sent.exchange.response.status >= 300 || typeof id !== 'string') return undefined;
        const read = await ctx.call(ctx.role('image.show'), { as: caller }, { params: { image_id: id } });
        if (!read.ok) return { kind: read.kind, message: read.message };
        const judgement = applyChecks([attributesHold(rule)(stored as Record<string, unknown>, 'On the next GET', because)], read.exchange, ctx);
        all.push({ checkId: rule.checkId, exchange: read.exchange, judgement });
        // Gone before the next create, for room under --max-resources; the scenario's cleanup retries a failed delete.
        await ctx.call(ctx.role('image.delete'), { as: caller }, { params: { image_id: id } });
        return undefined;
      };

      const given = { ...base, [CUSTOM]: `${ctx.config.runId}-given` };
      const because = 'the create that gave it';
      const onCreate = [writeAccepted(CREATE_STORED)('The documented create'), attributesHold(CREATE_STORED)(given, 'In the create answer', because)];
      let stop = await createAndRead(CREATE_STORED, given, onCreate, given, because);
      for (const bound of bounds) {
        if (stop) break;
        const body = { ...base, name: `${ctx.config.runId}-min-disk-${bound.value}`, min_disk: bound.value };
        const why = `the create with min_disk ${bound.value}`;
        const checks =
          bound.refusal === 'must'
            ? [valueRefused(ctx.spec.situations, `min_disk ${bound.value}, past its documented maximum`)]
            : [
                writeAccepted(VALUE_BOUNDS)(`A create with min_disk ${bound.value}`),
                attributesHold(VALUE_BOUNDS)({ min_disk: bound.value }, 'In the create answer', why),
              ];
        stop = await createAndRead(VALUE_BOUNDS, body, checks, { min_disk: bound.value }, why);
      }
      return outcomesOf(CREATE_CHECKS, all, stop);
    },
  };
}

/** Timestamps have second resolution on Glance: the first patch waits past the second the image was last changed in. */
const PAST_ONE_SECOND_MS = 1_100;

/**
 * The patch rules on a fresh image of the operation's precondition: every documented op on a core and a custom
 * attribute, read back; a patch refused in part changes nothing; the first patch moves updated_at and keeps
 * created_at; the name (and on IMS's update the description) at its bound stored, past it refused.
 */
function patchScenario(op: SpecOperation, dialect: 'glance' | 'ims'): Scenario {
  // The steps' checks do not depend on the run's id, so a walk drawn with none declares what every run applies.
  const PATCH_CHECKS = idsOf([...stepChecks(patchSteps('', dialect)), timestampsMoved]);
  return {
    family: 'write-read-back',
    operation: op,
    checks: PATCH_CHECKS,
    title: `${op.operationId}: add, replace and remove on core and custom attributes read back, atomic, updated_at moved, bounds kept`,
    async run(ctx: RunContext) {
      const ready = await readyRequest(ctx, op, PATCH_CHECKS);
      if (!ready.ok) return ready.outcomes;
      const { caller } = ready.prepared;
      const imageId = ready.prepared.params.image_id ?? '';
      const before = await ctx.call(ctx.role('image.show'), { as: caller }, { params: { image_id: imageId } });
      if (!before.ok) return outcomesOf(PATCH_CHECKS, [], { kind: before.kind, message: before.message });
      const stamps = (before.exchange.response.body ?? {}) as Stamps;
      await new Promise((resolve) => setTimeout(resolve, PAST_ONE_SECOND_MS));
      const timestamps: Judged[] = [];
      const onFirst = (answer: Exchange, read: Exchange): void => {
        for (const [exchange, when] of [
          [answer, 'In the PATCH answer'],
          [read, 'On the next GET'],
        ] as const)
          timestamps.push({ checkId: PATCH_TIMESTAMPS.checkId, exchange, judgement: applyChecks([timestampsMoved(stamps, when)], exchange, ctx) });
      };
      const status = (before.exchange.response.body as { status?: unknown } | undefined)?.status;
      const start = typeof status === 'string' ? { status } : {};
      const walk = await walkPatches(ctx, op, caller, imageId, patchSteps(ctx.config.runId, dialect), start, onFirst);
      return outcomesOf(PATCH_CHECKS, [...walk.judged, ...timestamps], walk.stopped);
    },
  };
}

/** A JSON patch of an image by id: Glance's native update, or IMS's (`application/json`, every value a string). */
function patchDialect(op: SpecOperation): 'glance' | 'ims' | undefined {
  if (op.method !== 'patch' || !op.path.endsWith('/{image_id}')) return undefined;
  return Object.keys(op.requestBody?.content ?? {}).some((type) => type.includes('json-patch')) ? 'glance' : 'ims';
}

export const writeReadBackFamily: ScenarioFamily = (op) => {
  if (op.roles.includes('image.create') && op.requestBody?.content?.['application/json']) return [createScenario(op)];
  const dialect = patchDialect(op);
  return dialect ? [patchScenario(op, dialect)] : [];
};
