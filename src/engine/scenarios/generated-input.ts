import fc from 'fast-check';
import { RESPONSE_CONFORMANCE_CHECKS } from '../../checks/conformance-checks.js';
import { noServerError, validInputAccepted } from '../../checks/scenario-checks.js';
import { validValue, type Schema } from '../../../generators/schema-arbitrary.js';
import type { SpecOperation } from '../../model/operation.js';
import type { SchemaValidator } from '../../spec/schema-validator.js';
import { applyBindings } from '../bindings.js';
import { cleanup } from '../cleanup.js';
import { createdImageIds, recordCreatedImages } from '../created-images.js';
import { expectedDecision } from '../expected-decision.js';
import { checkExchangeProperty, propertySeed, replayLine } from '../property.js';
import { propertyOutcomes } from '../property-outcomes.js';
import type { CheckOutcome } from '../../model/outcome.js';
import type { CallResult, RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { applyChecks } from '../apply-checks.js';
import { idsOf } from '../../checks/finding.js';
import { readyRequest } from './canonical-request.js';
import { jsonRequestBody } from './invalid-input.js';

/**
 * No 2xx demand: a schema-valid but odd filter (an unknown marker, a time filter a cloud cannot parse) may be
 * answered with a documented 400 on real clouds. What is demanded: no 5xx, and a documented, conforming answer.
 */
const QUERY_JUDGE = [noServerError, ...RESPONSE_CONFORMANCE_CHECKS];
const QUERY_CHECKS = idsOf(QUERY_JUDGE);

/** A request every document allows must be accepted (2xx/3xx), besides being answered as documented. */
const VALID_JUDGE = [validInputAccepted, noServerError, ...RESPONSE_CONFORMANCE_CHECKS];
const VALID_CHECKS = idsOf(VALID_JUDGE);

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

/** A time as the image fields carry it: ISO 8601, UTC, whole seconds. */
const ISO_TIME = '20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z';
/** `<op>:<time>`. */
const TIME_FILTER: Schema = { type: 'string', pattern: `^(gt|gte|lt|lte|eq|neq):${ISO_TIME}$` };

/**
 * Query parameters whose documents ask more than their schema: a value the schema allows but the description
 * rules out is not valid input, so the valid-input property draws from the described values (or leaves the
 * parameter out, when only a value the run cannot know is valid).
 */
export const QUERY_READINGS: Readonly<Record<string, { omit: string } | { schema: Schema; why: string }>> = {
  marker: { omit: 'names the last image of a previous page: an unknown one is a documented 400 (Glance api-ref), and the pagination check walks real markers' },
  created_at: { schema: TIME_FILTER, why: 'described as `<op>:<time>`; the time is drawn as the image fields carry it' },
  updated_at: { schema: TIME_FILTER, why: 'described as `<op>:<time>`; the time is drawn as the image fields carry it' },
  flavor_id: {
    omit: 'names an ECS flavor (a Python SDK parameter no OTC list page documents): the run knows no flavor the target must accept, and an unknown one may be refused',
  },
  'changes-since': {
    schema: { type: 'string', pattern: `^${ISO_TIME}$` },
    why: 'filters the v1.1 list by update time: a time, drawn as the image fields carry it',
  },
};

/** Parameters whose description makes them require another one's value: `member_status` "requires `visibility=shared`". */
const QUERY_REQUIRES: Readonly<Record<string, Record<string, unknown>>> = { member_status: { visibility: 'shared' } };

/** The query schema the valid-input property draws from: the parameters' schemas narrowed by their descriptions. */
export function validQuerySchema(op: SpecOperation): Schema | undefined {
  const base = querySchema(op);
  if (!base) return undefined;
  const properties: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries<Schema>(base.properties)) {
    const reading = QUERY_READINGS[name];
    if (reading && 'omit' in reading) continue;
    properties[name] = reading ? { ...schema, ...reading.schema } : schema;
  }
  return { ...base, properties, required: (base.required as string[]).filter((n) => n in properties) };
}

/**
 * Parameters a present one rules out, from its `x-valid-excludes` (the list pages' "cannot co-exist with": a
 * GPU-type or HANA filter and `__support_xen`/`__support_kvm`).
 */
function queryExclusions(op: SpecOperation): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of op.parameters) {
    const excludes = (p as { 'x-valid-excludes'?: unknown })['x-valid-excludes'];
    if (p.in === 'query' && Array.isArray(excludes)) out[p.name] = excludes.map(String);
  }
  return out;
}

/**
 * A generated query made whole as its parameters' descriptions ask: what one requires is added, what one rules
 * out is dropped (a filter the page says cannot co-exist with another would make the request invalid).
 */
function completeQuery(op: SpecOperation): (query: Record<string, unknown>) => Record<string, unknown> {
  const exclusions = queryExclusions(op);
  return (query) => {
    const out = { ...query };
    for (const [name, needs] of Object.entries(QUERY_REQUIRES)) if (name in out) Object.assign(out, needs);
    for (const [name, excluded] of Object.entries(exclusions)) if (name in out) for (const other of excluded) delete out[other];
    return out;
  };
}

/** The queries the valid-input property sends (`schema`: the operation's `validQuerySchema`), drawn within the documented values, then made whole. */
export function validQueries(op: SpecOperation, schema: Schema, validator: SchemaValidator): fc.Arbitrary<Record<string, unknown>> {
  return (validValue(schema, validator) as fc.Arbitrary<Record<string, unknown>>).map(completeQuery(op));
}

/** Body fields held at one value in generated creates, because any other would keep the run from cleaning up. */
const PINNED_BODY_FIELDS: Readonly<Record<string, { value: unknown; why: string }>> = {
  protected: { value: false, why: 'a protected image cannot be deleted (IMG.0028), and the run must leave nothing behind' },
};

/** A JSON Patch body (RFC 6902): by its media type, or by its shape under plain application/json (the IMS PATCH). */
function isJsonPatch(body: { mediaType: string; schema: Schema }): boolean {
  const item = body.schema.items as Schema | undefined;
  return /json-patch/.test(body.mediaType) || (body.schema.type === 'array' && item?.properties?.op !== undefined && item.properties.path !== undefined);
}

/**
 * Why an operation gets no generated valid requests, when it cannot get them safely. Every other operation with
 * a query or a JSON body does. An excluded operation has no valid-input-accepted result at all (not applicable,
 * never a pass); its documented request is still judged by status-expected.
 */
export function validInputExclusion(op: SpecOperation): string | undefined {
  const body = jsonRequestBody(op);
  if (op.precondition.caller === 'password') return 'signs in: generated identities, scopes and methods need credentials the run does not have';
  if (op.method === 'delete') return 'deletes what it names: every example would need a resource of its own';
  if (body && isJsonPatch(body))
    return 'a generated patch may replace or remove an attribute the image lacks, which the documents answer with 409 (RFC 6902 §4, Glance api-ref)';
  if ((op.precondition.fixtures ?? []).length > 0)
    return `builds from fixtures (${(op.precondition.fixtures ?? []).join(', ')}): a generated variant may name another source (a server, volume, backup or OBS object) the run does not have`;
  if (op.jobTypes.length > 0) return 'starts a job over the images and projects it lists: generated lists would name ones the run does not have';
  if (validQuerySchema(op)) return undefined;
  if (body && !bodyVaries(op, body.schema))
    return `its body is fixed by x-bindings (${Object.keys(op.bindings).join(', ')}): the documented request, judged by status-expected, is the only valid one the run can send`;
  if (op.requestBody && !body) return 'its body is raw image data and it takes no query: nothing to generate';
  return undefined;
}

const ID_LIKE = /(^|_)id$/;

/**
 * The body schema the valid-input property draws from: optional references the run cannot fill (`vault_id`…)
 * leave it, since a target may refuse an id that names nothing; pinned fields keep their value.
 */
export function validBodySchema(op: SpecOperation, schema: Schema): Schema {
  if (schema.type !== 'object' || !schema.properties) return schema;
  const bound = new Set(Object.keys(op.bindings).map((pointer) => pointer.split('/')[1]));
  const required = new Set<string>(schema.required ?? []);
  const properties: Record<string, Schema> = {};
  for (const [name, sub] of Object.entries<Schema>(schema.properties)) {
    if (ID_LIKE.test(name) && !required.has(name) && !bound.has(name)) continue;
    const pinned = PINNED_BODY_FIELDS[name];
    properties[name] = pinned ? { const: pinned.value } : sub;
  }
  return { ...schema, properties };
}

/** Whether generating the body varies anything: a body whose every field is bound is the canonical request. */
function bodyVaries(op: SpecOperation, schema: Schema): boolean {
  if (schema.type !== 'object' || !schema.properties) return true;
  const bound = new Set(Object.keys(op.bindings).map((pointer) => pointer.split('/')[1]));
  return Object.keys(schema.properties).some((name) => !bound.has(name));
}

interface ValidRequest {
  query?: Record<string, unknown>;
  body?: unknown;
}

/** What the valid-input property of an operation generates: its query, its JSON body, or both. */
export function validInputParts(op: SpecOperation): { query?: Schema; body?: { mediaType: string; schema: Schema } } | undefined {
  if (validInputExclusion(op) !== undefined) return undefined;
  const query = validQuerySchema(op);
  const json = jsonRequestBody(op);
  const body = json && bodyVaries(op, json.schema) ? { mediaType: json.mediaType, schema: validBodySchema(op, json.schema) } : undefined;
  if (!query && !body) return undefined;
  return { ...(query ? { query } : {}), ...(body ? { body } : {}) };
}

function validInputScenario(op: SpecOperation, parts: NonNullable<ReturnType<typeof validInputParts>>): Scenario {
  const what = [parts.query ? 'queries' : '', parts.body ? 'bodies' : ''].filter(Boolean).join(' and ');
  return {
    family: 'generated-input',
    operation: op,
    checks: VALID_CHECKS,
    title: `${op.operationId}: generated valid ${what} are accepted (${op.successStatuses.join(' or ')}) and answered as documented`,
    async run(ctx: RunContext): Promise<CheckOutcome[]> {
      const ready = await readyRequest(ctx, op, VALID_CHECKS);
      if (!ready.ok) return ready.outcomes;
      const { prepared, request } = ready;
      const caller = prepared.caller;
      // Valid for the caller too: a body needing a conditional action its grants lack (on the openstack profile,
      // `visibility: public` needs Glance's admin-only publicize_image) is the IAM checks' to judge, not refused input.
      const grants = ctx.config.principals[caller];
      const arbitrary = (
        fc.record({
          ...(parts.query ? { query: validQueries(op, parts.query, ctx.validator) } : {}),
          ...(parts.body ? { body: validValue(parts.body.schema, ctx.validator) } : {}),
        }) as fc.Arbitrary<ValidRequest>
      ).filter((v) => !grants || expectedDecision(grants, op, v.body).allowed);
      // What was sent, bindings applied, for the counterexample (fast-check's own values stay untouched).
      const sent = new WeakMap<ValidRequest, unknown>();
      const send = async (value: ValidRequest): Promise<CallResult> => {
        let body: unknown;
        if (parts.body) {
          // Bindings keep the request valid on a real target: ids and fixtures the run has, names with its run id.
          const bound = applyBindings(value.body, op.bindings, prepared.facts);
          if (!bound.ok) return { ok: false, kind: 'error', message: `binding {${bound.missing}} has no value in this run` };
          body = bound.body;
          sent.set(value, body);
        }
        const reply = await ctx.call(
          op,
          { as: caller },
          { params: request.call.params, ...(value.query ? { query: value.query } : {}), ...(parts.body ? { body, mediaType: parts.body.mediaType } : {}) },
        );
        if (reply.ok) {
          // Each created image goes at once: with --max-resources the next example needs the room.
          recordCreatedImages(ctx, caller, reply.exchange);
          const ids = createdImageIds(reply.exchange);
          if (ids.length > 0) await cleanup(ctx, new Set(ids));
        }
        return reply;
      };
      const verdict = await checkExchangeProperty<ValidRequest>({
        arbitrary,
        send,
        judge: (exchange) => applyChecks(VALID_JUDGE, exchange, ctx),
        seed: propertySeed(ctx.config.seed, `${op.operationId}/valid-input-accepted`),
        numRuns: ctx.config.runs,
      });
      return propertyOutcomes(VALID_CHECKS, verdict, {
        describe: () => `a generated request every document allows`,
        shown: (v) => ({ ...(v.query ? { query: v.query } : {}), ...(parts.body ? { body: sent.get(v) ?? v.body } : {}) }),
        replay: (path) => replayLine(ctx.config.seed, op.operationId, 'valid-input-accepted', path),
      });
    },
  };
}

function generatedQueryScenario(op: SpecOperation, schema: Schema): Scenario {
  return {
    family: 'generated-input',
    operation: op,
    checks: QUERY_CHECKS,
    title: `${op.operationId}: generated valid queries never answer 5xx and are answered as documented`,
    async run(ctx: RunContext): Promise<CheckOutcome[]> {
      // The precondition gives the path parameters (an image for member lists); its caller is the owner.
      const ready = await readyRequest(ctx, op, QUERY_CHECKS);
      if (!ready.ok) return ready.outcomes;
      const { prepared, request } = ready;
      const caller = prepared.caller;
      const verdict = await checkExchangeProperty<Record<string, unknown>>({
        // The whole union the spec judges by, Glance's values under `ims` included: no acceptance is demanded here.
        arbitrary: validValue(schema, ctx.validator, { narrowed: false }) as fc.Arbitrary<Record<string, unknown>>,
        send: (query) => ctx.call(op, { as: caller }, { params: request.call.params, query }),
        judge: (exchange) => applyChecks(QUERY_JUDGE, exchange, ctx),
        seed: propertySeed(ctx.config.seed, `${op.operationId}/generated-input`),
        numRuns: ctx.config.runs,
      });
      return propertyOutcomes(QUERY_CHECKS, verdict, {
        describe: () => 'a generated, schema-valid query',
        shown: (query) => `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
        replay: (path) => replayLine(ctx.config.seed, op.operationId, 'no-server-error', path),
      });
    },
  };
}

/**
 * Every read with query parameters gets a property over schema-valid queries (odd ones included, so no 2xx is
 * demanded); every operation whose query or JSON body can be generated safely gets the valid-input property,
 * which demands acceptance.
 */
export const generatedInputFamily: ScenarioFamily = (op) => {
  const scenarios: Scenario[] = [];
  const schema = op.method === 'get' ? querySchema(op) : undefined;
  if (schema) scenarios.push(generatedQueryScenario(op, schema));
  const parts = validInputParts(op);
  if (parts) scenarios.push(validInputScenario(op, parts));
  return scenarios;
};
