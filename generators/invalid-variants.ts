import fc from 'fast-check';
import { docIds } from '../src/spec/provenance.js';
import type { SchemaValidator } from '../src/spec/schema-validator.js';
import { validValue, type Schema } from './schema-arbitrary.js';

/** A value that breaks exactly one constraint of its schema, named so a failure says which. */
export interface InvalidVariant {
  /** e.g. `maxLength /name`, `required /image_url`, `anyOf required /instance_id` (a documented combination), `type /min_disk`, `additionalProperties /`. */
  constraint: string;
  value: unknown;
  /** The documents that state the broken constraint (the nearest `x-doc` of the schema). */
  documentedBy: string[];
  /** Set when the broken constraint is the spec's own reading (`x-advisory`): rejecting it is not demanded. */
  advisory?: string;
}

/** What the schema says of where a node's constraints come from, inherited down the tree. */
interface Origin {
  docs: string[];
  advisory?: string;
}

function originOf(schema: Schema, inherited: Origin): Origin {
  let origin = inherited;
  if (schema['x-doc'] !== undefined) origin = { docs: docIds(schema['x-doc']) };
  if (typeof schema['x-advisory'] === 'string') origin = { ...origin, advisory: schema['x-advisory'] };
  return origin;
}

const PATTERN_BREAKERS = ['<script>', ' leading-space', 'bad\u0000byte', '%%', '', '..', 'x'.repeat(300), 'no:colon:twice', 'UPPER CASE'];

const WRONG_TYPE: Record<string, unknown> = {
  string: 12345,
  integer: 'not-a-number',
  number: 'NaN',
  boolean: 'yes',
  array: { not: 'a list' },
  object: ['not', 'an', 'object'],
};

function setAt(root: unknown, path: string[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  if (rest.length === 0 && remove) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete copy[head];
  } else copy[head] = setAt(copy[head], rest, value, remove);
  return copy;
}

const pointer = (path: string[]): string => `/${path.join('/')}`;

function firstType(schema: Schema): string | undefined {
  const t = Array.isArray(schema.type) ? schema.type.find((x: string) => x !== 'null') : schema.type;
  return t ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
}

/** Variants of one (sub)value at `path`, each breaking one constraint of `schema`. */
function variantsAt(schema: Schema, value: unknown, path: string[], root: unknown, out: InvalidVariant[], depth: number, inherited: Origin): void {
  const at = pointer(path);
  const origin = originOf(schema, inherited);
  const labelled = (constraint: string, v: unknown): InvalidVariant => ({
    constraint,
    value: v,
    documentedBy: origin.docs,
    ...(origin.advisory !== undefined ? { advisory: origin.advisory } : {}),
  });
  const put = (constraint: string, v: unknown): void => {
    out.push(labelled(`${constraint} ${at}`, setAt(root, path, v)));
  };
  const type = firstType(schema);
  const nullable = Array.isArray(schema.type) && schema.type.includes('null');
  if (type && WRONG_TYPE[type] !== undefined && !(nullable && WRONG_TYPE[type] === null)) put('type', WRONG_TYPE[type]);
  if (Array.isArray(schema.enum)) put('enum', 'not-one-of-the-documented-values');
  if ('const' in schema) put('const', typeof schema.const === 'boolean' ? !schema.const : 'not-the-constant');
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined) put('maxLength', `${value}${'x'.repeat(schema.maxLength - [...value].length + 1)}`);
    if (schema.minLength !== undefined && schema.minLength > 0) put('minLength', '');
    if (schema.pattern) {
      const re = new RegExp(schema.pattern, 'u');
      const breaker = PATTERN_BREAKERS.find((b) => !re.test(b) && [...b].length >= (schema.minLength ?? 0) && [...b].length <= (schema.maxLength ?? Infinity));
      if (breaker !== undefined) put('pattern', breaker);
    }
  }
  if (typeof value === 'number') {
    if (schema.maximum !== undefined) put('maximum', schema.maximum + 1);
    if (schema.minimum !== undefined) put('minimum', schema.minimum - 1);
    if (type === 'integer') put('type', (value as number) + 0.5);
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && schema.maxItems <= 200)
      put('maxItems', [...value, ...Array.from({ length: schema.maxItems - value.length + 1 }, () => value[0] ?? 'x')]);
    if (schema.minItems !== undefined && schema.minItems > 0) put('minItems', []);
    if (depth > 0 && value.length > 0 && schema.items) variantsAt(schema.items, value[0], [...path, '0'], root, out, depth - 1, origin);
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (key in obj) out.push(labelled(`required ${pointer([...path, key])}`, setAt(root, [...path, key], undefined, true)));
    // A documented combination (anyOf/oneOf branches of required keys, e.g. name with instance_id, or image_url with
    // min_disk): without one key of the branch the value satisfies, no branch may hold; the validator below keeps
    // only the removals no other branch rescues.
    for (const [keyword, branches] of [
      ['anyOf', schema.anyOf],
      ['oneOf', schema.oneOf],
    ] as const)
      for (const key of new Set(((branches ?? []) as Schema[]).flatMap((b) => (b.required ?? []) as string[])))
        if (key in obj) out.push(labelled(`${keyword} required ${pointer([...path, key])}`, setAt(root, [...path, key], undefined, true)));
    if (schema.additionalProperties === false) put('additionalProperties', { ...obj, unexpected_field: 'x' });
    if (depth > 0)
      for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {}))
        if (key in obj) variantsAt(sub, obj[key], [...path, key], root, out, depth - 1, origin);
  }
}

/**
 * Every single-constraint violation of a valid value that the validator confirms as invalid. Variants that
 * still validate (an anyOf branch rescues a removed key, say) are dropped: each one left is a real violation.
 */
export function invalidVariants(schema: Schema, valid: unknown, validator: SchemaValidator, depth = 2): InvalidVariant[] {
  const out: InvalidVariant[] = [];
  variantsAt(schema, valid, [], valid, out, depth, { docs: [] });
  const seen = new Set<string>();
  return out.filter((v) => {
    const key = `${v.constraint}|${JSON.stringify(v.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !validator.validate(schema, v.value).valid;
  });
}

/**
 * The documented body `valid` without one key of the field combination it meets (a top-level anyOf/oneOf of
 * required keys), where no other combination rescues it: what a page's "one of these sets of fields" refuses.
 */
export function combinationBreaks(schema: Schema, valid: unknown, validator: SchemaValidator): InvalidVariant[] {
  return invalidVariants(schema, valid, validator, 0).filter((v) => /^(anyOf|oneOf) required \/[^/]+$/.test(v.constraint));
}

/** Invalid values of `schema`, each labelled with the one constraint it breaks. */
export function invalidValue(schema: Schema, validator: SchemaValidator): fc.Arbitrary<InvalidVariant> {
  return validValue(schema, validator)
    .map((valid) => invalidVariants(schema, valid, validator))
    .filter((variants) => variants.length > 0)
    .chain((variants) => fc.constantFrom(...variants));
}
