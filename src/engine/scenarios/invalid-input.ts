import { idsOf } from '../../checks/finding.js';
import { RESPONSE_CONFORMANCE_CHECKS } from '../../checks/conformance-checks.js';
import type { Finding } from '../../model/finding.js';
import { invalidInputRejected, noServerError } from '../../checks/scenario-checks.js';
import { combinationBreaks, invalidValue, type InvalidVariant } from '../../../generators/invalid-variants.js';
import type { Schema } from '../../../generators/schema-arbitrary.js';
import type { SpecOperation } from '../../model/operation.js';
import { recordCreatedImages } from '../created-images.js';
import type { Exchange } from '../../model/exchange.js';
import { checkExchangeProperty, propertySeed, replayLine } from '../property.js';
import { mergeOutcomes, probeOutcomes, propertyOutcomes } from '../property-outcomes.js';
import { errored, skipped, type CheckOutcome, type Judgement } from '../../model/outcome.js';
import type { CallOptions, RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { applyChecks } from '../apply-checks.js';
import { readyRequest } from './canonical-request.js';

/** Every answer to bad input: a 4xx, never a 5xx, with a documented status, content type, body and headers. */
const JUDGE = [invalidInputRejected, noServerError, ...RESPONSE_CONFORMANCE_CHECKS];
const CHECKS = idsOf(JUDGE);
const CHECK = 'invalid-input-rejected';

/** application/json, application/*+json and the Glance `…-json-patch` media types. */
const JSON_MEDIA = /^application\/([a-z0-9.+-]*[+-])?json([+-][a-z0-9.-]+)?$/;

/** A malformed JSON text: an object cut off after its first key. */
export const MALFORMED_JSON = '{"name": ';

/** The operation's first JSON request body (the one the canonical request sends), with its schema. */
export function jsonRequestBody(op: SpecOperation): { mediaType: string; schema: Schema } | undefined {
  for (const [mediaType, media] of Object.entries(op.requestBody?.content ?? {}))
    if (JSON_MEDIA.test(mediaType) && media.schema) return { mediaType, schema: media.schema as Schema };
  return undefined;
}

/**
 * A media-type mismatch is only a contract breach where the spec says so: the operation documents 415, or
 * accepts a specific media type (Glance's JSON-patch dialects). Plain JSON APIs may sniff a wrong label.
 */
export function probesContentType(op: SpecOperation, mediaType: string): boolean {
  return op.statuses.includes(415) || mediaType !== 'application/json';
}

function invalidInputScenario(op: SpecOperation, body: { mediaType: string; schema: Schema }): Scenario {
  return {
    family: 'invalid-input',
    operation: op,
    checks: CHECKS,
    title: `${op.operationId}: invalid request bodies → documented 4xx, never 2xx or 5xx`,
    async run(ctx: RunContext): Promise<CheckOutcome[]> {
      const ready = await readyRequest(ctx, op, CHECKS);
      if (!ready.ok) return ready.outcomes;
      const { prepared, request } = ready;
      const caller = prepared.caller;
      const replay = (path?: string): string => replayLine(ctx.config.seed, op.operationId, CHECK, path);
      const judge = (exchange: Exchange): Judgement => {
        recordCreatedImages(ctx, caller, exchange);
        return applyChecks(JUDGE, exchange, ctx);
      };
      const send = (call: Partial<CallOptions>) => ctx.call(op, { as: caller }, { params: request.call.params, mediaType: body.mediaType, ...call });

      // Two fixed probes first: the body is not JSON at all, and (where the spec pins it) the wrong media type.
      const outcomes: CheckOutcome[] = [];
      const probes: { label: string; call: Partial<CallOptions> }[] = [{ label: `malformed JSON body '${MALFORMED_JSON}'`, call: { body: MALFORMED_JSON } }];
      if (probesContentType(op, body.mediaType) && request.call.body !== undefined)
        probes.push({ label: 'the documented body labelled Content-Type: text/plain', call: { body: request.call.body, mediaType: 'text/plain' } });
      // The rule action-body-combination: the documented body, which meets one field combination, without one of its keys.
      for (const broken of combinationBreaks(body.schema, request.call.body, ctx.validator))
        probes.push({ label: `the documented body without ${broken.constraint.split(' ').at(-1)} (${broken.constraint})`, call: { body: broken.value } });
      for (const probe of probes) {
        const reply = await send(probe.call);
        if (!reply.ok) return CHECKS.map((id) => (reply.kind === 'skip' ? skipped(id, reply.message) : errored(id, reply.message)));
        outcomes.push(...probeOutcomes(CHECKS, reply.exchange, judge(reply.exchange), probe.label, replay()));
      }

      const verdict = await checkExchangeProperty<InvalidVariant>({
        arbitrary: invalidValue(body.schema, ctx.validator),
        send: (variant) => send({ body: variant.value }),
        judge: (exchange, variant) => {
          const { findings, ran } = judge(exchange);
          return { findings: findings.map((f) => (f.checkId === CHECK ? byConstraint(f, variant) : f)), ran };
        },
        seed: propertySeed(ctx.config.seed, `${op.operationId}/${CHECK}`),
        numRuns: ctx.config.runs,
      });
      outcomes.push(...propertyOutcomes(CHECKS, verdict, { describe: (v) => `invalid body breaking ${v.constraint}`, shown: (v) => v.value, replay }));
      return mergeOutcomes(outcomes);
    },
  };
}

/**
 * A breach of `invalid-input-rejected` is only as strong as the constraint the body broke: a documented one fails,
 * and names its document; one the spec reads into the documents' silence (`x-advisory`) is an advisory.
 */
function byConstraint(f: Finding, variant: InvalidVariant): Finding {
  if (variant.advisory !== undefined) {
    // No document demands the rejection, so the advisory names none: its reasoning stands in the hint.
    const { documentedBy: _none, ...advisory } = f;
    return { ...advisory, level: 'advisory', hint: `Not demanded by a document: ${variant.advisory}` };
  }
  return { ...f, documentedBy: [...new Set([...variant.documentedBy, ...(f.documentedBy ?? [])])] };
}

/** Every operation with a JSON request body gets one scenario; the others take no body to break. */
export const invalidInputFamily: ScenarioFamily = (op) => {
  const body = jsonRequestBody(op);
  return body ? [invalidInputScenario(op, body)] : [];
};
