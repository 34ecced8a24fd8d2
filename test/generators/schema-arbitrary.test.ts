import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { combinationBreaks, invalidValue, invalidVariants } from '../../generators/invalid-variants.js';
import { validValue, type Schema } from '../../generators/schema-arbitrary.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

const validator = new SchemaValidator();
let bodies: { name: string; schema: Schema }[];

beforeAll(async () => {
  const { operations } = await loadSpec();
  bodies = operations.flatMap((op) =>
    Object.entries(op.requestBody?.content ?? {})
      .filter(([media, m]) => media.includes('json') && m.schema)
      .map(([media, m]) => ({ name: `${op.operationId} ${media}`, schema: m.schema as Schema })),
  );
});

describe('valid values generated from the spec’s request bodies', () => {
  it('cover every JSON request body', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(18);
  });

  it('pass ajv for every body', () => {
    for (const { name, schema } of bodies) {
      const failures = fc.sample(validValue(schema), { numRuns: 25, seed: 7 }).filter((v) => !validator.validate(schema, v).valid);
      expect(failures, name).toEqual([]);
    }
  });

  it('repeat exactly for the same seed', () => {
    for (const { name, schema } of bodies) {
      const a = fc.sample(validValue(schema, validator), { numRuns: 5, seed: 42 });
      const b = fc.sample(validValue(schema, validator), { numRuns: 5, seed: 42 });
      expect(a, name).toEqual(b);
    }
  });
});

describe('invalid variants', () => {
  it('fail ajv and name the one constraint they break, for every body', () => {
    for (const { name, schema } of bodies) {
      const samples = fc.sample(invalidValue(schema, validator), { numRuns: 20, seed: 3 });
      expect(samples.length, name).toBeGreaterThan(0);
      for (const { constraint, value } of samples) {
        expect(constraint, name).toMatch(
          /^(type|enum|const|maxLength|minLength|pattern|maximum|minimum|maxItems|minItems|(anyOf |oneOf )?required|additionalProperties) \//,
        );
        expect(validator.validate(schema, value).valid, `${name}: ${constraint}`).toBe(false);
      }
    }
  });

  it('break exactly the named field: a too long IMS name, a missing image_url, an unexpected field', () => {
    const schema: Schema = {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'image_url'],
      properties: { name: { type: 'string', maxLength: 5 }, image_url: { type: 'string' } },
    };
    const variants = invalidVariants(schema, { name: 'abc', image_url: 'b:o' }, validator);
    expect(variants).toContainEqual({ constraint: 'maxLength /name', value: { name: 'abcxxx', image_url: 'b:o' }, documentedBy: [] });
    expect(variants).toContainEqual({ constraint: 'required /image_url', value: { name: 'abc' }, documentedBy: [] });
    expect(variants).toContainEqual({
      constraint: 'additionalProperties /',
      value: { name: 'abc', image_url: 'b:o', unexpected_field: 'x' },
      documentedBy: [],
    });
  });

  it('carry the provenance of the broken constraint: the nearest x-doc, and x-advisory where the spec reads into silence', () => {
    const schema: Schema = {
      type: 'object',
      'x-doc': ['otc-native-create-image'],
      required: ['name'],
      properties: { name: { type: 'string', maxLength: 5 }, tags: { type: 'array', maxItems: 1, 'x-advisory': 'no document caps tags' } },
    };
    const variants = invalidVariants(schema, { name: 'abc', tags: ['a'] }, validator);
    expect(variants.find((v) => v.constraint === 'maxLength /name')).toMatchObject({ documentedBy: ['otc-native-create-image'] });
    expect(variants.find((v) => v.constraint === 'required /name')?.advisory).toBeUndefined();
    expect(variants.find((v) => v.constraint === 'maxItems /tags')).toMatchObject({ advisory: 'no document caps tags' });
  });

  it('repeat exactly for the same seed', () => {
    const { schema } = bodies[0] as { schema: Schema };
    expect(fc.sample(invalidValue(schema, validator), { numRuns: 5, seed: 9 })).toEqual(fc.sample(invalidValue(schema, validator), { numRuns: 5, seed: 9 }));
  });
});

describe('combination breaks of a documented body', () => {
  it('drop one key of the field combination the body meets, only where no other combination rescues it', () => {
    const create = bodies.find((b) => b.name.startsWith('createCloudImage '));
    expect(create).toBeDefined();
    const fromServer = { name: 'n', instance_id: 's1', tags: ['a.b'] };
    expect(combinationBreaks(create!.schema, fromServer, validator).map((v) => v.constraint)).toEqual(['anyOf required /name', 'anyOf required /instance_id']);
    // With data_images beside them, removing either key still meets the data_images combination: no break.
    expect(combinationBreaks(create!.schema, { ...fromServer, data_images: [{ name: 'd', volume_id: 'v1' }] }, validator)).toEqual([]);
  });
});
