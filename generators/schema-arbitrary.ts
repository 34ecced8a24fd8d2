import fc from 'fast-check';
import type { SchemaValidator } from '../src/spec/schema-validator.js';

/** A JSON Schema (2020-12) object as the dereferenced spec holds it. */
export type Schema = Record<string, any>;

/** Keeps generated collections and strings small: requests go to real clouds, and shrinking stays quick. */
const MAX_ITEMS = 3;
const MAX_FREE_STRING = 24;
const FREE_INT_SPAN = 10_000;

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties || schema.required) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, MAX_FREE_STRING);
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time')
    return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (typeof schema.pattern === 'string') {
    const re = new RegExp(schema.pattern, 'u');
    return fc.stringMatching(re).filter((s) => [...s].length >= min && [...s].length <= max);
  }
  return fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, MAX_FREE_STRING)), unit: 'grapheme-ascii' });
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const lowest = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : 0);
  const highest = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : lowest + FREE_INT_SPAN);
  return integer
    ? fc.integer({ min: Math.ceil(lowest), max: Math.floor(highest) })
    : fc.double({ min: lowest, max: highest, noNaN: true, noDefaultInfinity: true });
}

/**
 * Folds one anyOf/oneOf branch into an object schema: its required keys and property constraints join the
 * base, keys its `not` forbids leave it, and (for oneOf) keys only the other branches require are dropped so
 * the value matches exactly one branch.
 */
function withBranch(base: Schema, branch: Schema, others: Schema[], exclusive: boolean): Schema {
  const properties: Record<string, Schema> = { ...(base.properties ?? {}) };
  for (const [key, sub] of Object.entries<Schema>(branch.properties ?? {})) properties[key] = { ...(properties[key] ?? {}), ...sub };
  const required = new Set<string>([...(base.required ?? []), ...(branch.required ?? [])]);
  const forbidden = new Set<string>(branch.not?.required ?? []);
  if (exclusive) for (const other of others) for (const key of other.required ?? []) if (!required.has(key)) forbidden.add(key);
  for (const key of forbidden) delete properties[key];
  const { anyOf: _a, oneOf: _o, ...rest } = base;
  return { ...rest, properties, required: [...required].filter((k) => !forbidden.has(k)) };
}

/** The `if` of an if/then/else over enum/const constraints of present keys (all the spec uses). */
function ifHolds(condition: Schema, value: Record<string, unknown>): boolean {
  return Object.entries<Schema>(condition.properties ?? {}).every(([key, sub]) => {
    if (!(key in value)) return true;
    if (Array.isArray(sub.enum)) return sub.enum.includes(value[key]);
    return !('const' in sub) || sub.const === value[key];
  });
}

function objectArbitrary(schema: Schema, validator: SchemaValidator | undefined, drawing: Drawing): fc.Arbitrary<Record<string, unknown>> {
  const branches: Schema[] | undefined = schema.oneOf ?? schema.anyOf;
  if (branches && branches.every((b) => !b.type || b.type === 'object')) {
    const exclusive = schema.oneOf !== undefined;
    return fc.oneof(
      ...branches.map((b, i) =>
        objectArbitrary(
          withBranch(
            schema,
            b,
            branches.filter((_, j) => j !== i),
            exclusive,
          ),
          validator,
          drawing,
        ),
      ),
    );
  }
  const properties: Record<string, Schema> = schema.properties ?? {};
  const required: string[] = (schema.required ?? []).filter((k: string) => k in properties);
  if (Object.keys(properties).length === 0 && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const keys = schema.propertyNames?.pattern
      ? stringArbitrary({ pattern: schema.propertyNames.pattern, maxLength: 20 })
      : fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme-ascii' });
    return fc.dictionary(keys, valueArbitrary(schema.additionalProperties, validator, drawing), { maxKeys: MAX_ITEMS, minKeys: schema.minProperties ?? 0 });
  }
  const record = fc.record(Object.fromEntries(Object.entries(properties).map(([k, sub]) => [k, valueArbitrary(sub, validator, drawing)])), {
    requiredKeys: required,
  }) as fc.Arbitrary<Record<string, unknown>>;
  const min = schema.minProperties ?? 0;
  const max = schema.maxProperties ?? Infinity;
  const sized = min > 0 || max < Infinity ? record.filter((v) => Object.keys(v).length >= min && Object.keys(v).length <= max) : record;
  if (!schema.if) return sized;
  // if/then/else (the Glance patch items): complete or trim each value as the branch that applies demands.
  return sized.map((value) => {
    const holds = ifHolds(schema.if, value);
    const branch: Schema | undefined = holds ? schema.then : schema.else;
    const out = { ...value };
    for (const key of branch?.required ?? []) if (!(key in out)) out[key] = 'value';
    for (const key of branch?.not?.required ?? []) delete out[key];
    return out;
  });
}

/** Whether `x-valid-subset` narrows what is drawn: yes for requests meant to be accepted, no for robustness probes. */
interface Drawing {
  narrowed: boolean;
}

function valueArbitrary(given: Schema, validator: SchemaValidator | undefined, drawing: Drawing): fc.Arbitrary<unknown> {
  // Where the spec's schema is the union of readings (IMS and Glance statuses, OTC's min_disk 1–1024 and the SDK's
  // 40–1024), a valid value must be valid under the target's own documents: `x-valid-subset` narrows what is
  // generated, never what is judged.
  const schema: Schema = drawing.narrowed && given['x-valid-subset'] ? { ...given, ...given['x-valid-subset'] } : given;
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((v: unknown) => v !== null || typesOf(schema).includes('null'));
    return fc.constantFrom(...values);
  }
  if (schema.allOf) return valueArbitrary(Object.assign({}, ...schema.allOf, { allOf: undefined }), validator, drawing);
  const types = typesOf(schema).filter((t) => t !== 'null');
  const type = types[0];
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = valueArbitrary(schema.items ?? {}, validator, drawing);
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? MAX_ITEMS, Math.max(schema.minItems ?? 0, MAX_ITEMS)) };
      return schema.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints);
    }
    case 'object':
      return objectArbitrary(schema, validator, drawing);
    default:
      if (schema.oneOf || schema.anyOf) return fc.oneof(...(schema.oneOf ?? schema.anyOf).map((s: Schema) => valueArbitrary(s, validator, drawing)));
      return fc.string({ maxLength: 12, unit: 'grapheme-ascii' });
  }
}

/**
 * Values that satisfy `schema`, drawn within each `x-valid-subset` unless `narrowed` is false (the whole union the
 * spec judges by, for probes that demand no acceptance). With a validator, every value is also checked by ajv, so
 * a construct the builder only approximates can never leak an invalid "valid" value.
 */
export function validValue(schema: Schema, validator?: SchemaValidator, { narrowed = true }: Partial<Drawing> = {}): fc.Arbitrary<unknown> {
  const arbitrary = valueArbitrary(schema, validator, { narrowed });
  return validator ? arbitrary.filter((v) => validator.validate(schema, v).valid) : arbitrary;
}
