import type fc from 'fast-check';
import { RESPONSE_CONFORMANCE_CHECKS } from '../../checks/conformance-checks.js';
import { noServerError } from '../../checks/scenario-checks.js';
import { validValue, type Schema } from '../../../generators/schema-arbitrary.js';
import type { SpecOperation } from '../../spec/operations.js';
import { checkExchangeProperty, propertySeed, replayLine } from '../property.js';
import { propertyOutcomes } from '../property-outcomes.js';
import { type CheckOutcome } from '../results.js';
import type { RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { applyChecks } from './canonical.js';
import { readyRequest } from './canonical-request.js';

const CHECKS = ['no-server-error', 'status-documented', 'content-type', 'response-schema', 'response-headers'];
/**
 * No 2xx demand: a schema-valid but odd filter (an unknown marker, a time filter a cloud cannot parse) may be
 * answered with a documented 400 on real clouds. What is demanded: no 5xx, and a documented, conforming answer.
 */
const JUDGE = [noServerError, ...RESPONSE_CONFORMANCE_CHECKS];

/** The operation's query parameters as one object schema; each key optional unless the parameter is required. */
export function querySchema(op: SpecOperation): Schema | undefined {
  const params = op.parameters.filter((p) => p.in === 'query');
  if (params.length === 0) return undefined;
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(params.map((p) => [p.name, (p.schema as Schema | undefined) ?? { type: 'string' }])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

function generatedQueryScenario(op: SpecOperation, schema: Schema): Scenario {
  return {
    family: 'generated-input',
    operation: op,
    checks: CHECKS,
    title: `${op.operationId}: generated valid queries never answer 5xx and are answered as documented`,
    async run(ctx: RunContext): Promise<CheckOutcome[]> {
      // The precondition gives the path parameters (an image for member lists); its caller is the owner.
      const ready = await readyRequest(ctx, op, CHECKS);
      if (!ready.ok) return ready.outcomes;
      const { prepared, request } = ready;
      const caller = prepared.caller;
      const verdict = await checkExchangeProperty<Record<string, unknown>>({
        arbitrary: validValue(schema, ctx.validator) as fc.Arbitrary<Record<string, unknown>>,
        send: (query) => ctx.call(op, { as: caller }, { params: request.spec.params, query }),
        judge: (exchange) => applyChecks(JUDGE, exchange, ctx),
        seed: propertySeed(ctx.config.seed, `${op.operationId}/generated-input`),
        numRuns: ctx.config.runs,
      });
      return propertyOutcomes(CHECKS, verdict, {
        describe: () => 'a generated, schema-valid query',
        shown: (query) => `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
        replay: (path) => replayLine(ctx.config.seed, op.operationId, 'no-server-error', path),
      });
    },
  };
}

/** Every read with query parameters (the list calls) gets a property over generated, schema-valid queries. */
export const generatedInputFamily: ScenarioFamily = (op) => {
  if (op.method !== 'get') return [];
  const schema = querySchema(op);
  return schema ? [generatedQueryScenario(op, schema)] : [];
};
