import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { validValue } from '../../generators/schema-arbitrary.js';
import { generatedInputFamily, querySchema, validInputParts } from '../../src/engine/scenarios/generated-input.js';
import { invalidInputFamily, jsonRequestBody, probesContentType } from '../../src/engine/scenarios/invalid-input.js';
import { paginationFamily } from '../../src/engine/scenarios/pagination.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

let operations: SpecOperation[];
const validator = new SchemaValidator();

beforeAll(async () => {
  ({ operations } = await loadSpec());
});

const applies = (family: typeof invalidInputFamily): SpecOperation[] => operations.filter((op) => family(op, operations).length > 0);

describe('which operations the input families cover, read from the spec', () => {
  it('invalid input: every operation with a JSON request body, none with only raw bytes or no body', () => {
    const covered = applies(invalidInputFamily);
    expect(covered.length).toBeGreaterThanOrEqual(15);
    for (const op of operations) expect(covered.includes(op), op.operationId).toBe(jsonRequestBody(op) !== undefined);
    for (const op of covered) expect(jsonRequestBody(op)?.mediaType, op.operationId).toMatch(/json/);
    expect(operations.some((op) => op.requestBody && !jsonRequestBody(op))).toBe(true);
  });

  it('probes a wrong content type only where the spec documents 415 or pins a specific media type', () => {
    const probed = applies(invalidInputFamily).filter((op) => probesContentType(op, jsonRequestBody(op)?.mediaType ?? ''));
    expect(probed.length).toBeGreaterThan(0);
    for (const op of probed) expect(op.statuses.includes(415) || jsonRequestBody(op)?.mediaType !== 'application/json', op.operationId).toBe(true);
  });

  it('generated input: schema-valid queries for the reads with query parameters, valid requests wherever they can be generated', () => {
    const queried = operations.filter((op) => generatedInputFamily(op, operations).some((s) => !s.checks.includes('valid-input-accepted')));
    expect(queried.length).toBeGreaterThan(0);
    for (const op of queried) expect(op.method === 'get' && op.parameters.some((p) => p.in === 'query'), op.operationId).toBe(true);
    const valid = operations.filter((op) => generatedInputFamily(op, operations).some((s) => s.checks.includes('valid-input-accepted')));
    expect(valid.map((op) => op.operationId)).toEqual(operations.filter((op) => validInputParts(op)).map((op) => op.operationId));
    expect(valid.some((op) => op.method !== 'get')).toBe(true);
  });

  it('pagination: the image lists with limit and marker, each with a name filter to isolate the run', () => {
    const covered = applies(paginationFamily);
    expect(covered.length).toBeGreaterThan(0);
    for (const op of covered) {
      const names = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      expect(op.roles, op.operationId).toContain('image.list');
      expect(names, op.operationId).toEqual(expect.arrayContaining(['limit', 'marker', 'name']));
    }
  });
});

describe('querySchema', () => {
  it('turns query parameters into an object schema whose generated values are valid parameter values', () => {
    for (const op of applies(generatedInputFamily).filter((o) => o.parameters.some((p) => p.in === 'query'))) {
      const schema = querySchema(op);
      expect(schema, op.operationId).toBeDefined();
      const params = op.parameters.filter((p) => p.in === 'query');
      for (const query of fc.sample(validValue(schema ?? {}, validator), { numRuns: 20, seed: 11 }) as Record<string, unknown>[])
        for (const [name, value] of Object.entries(query)) {
          const param = params.find((p) => p.name === name);
          expect(param, `${op.operationId} ${name}`).toBeDefined();
          expect(validator.validate(param?.schema ?? {}, value).valid, `${op.operationId} ${name}=${String(value)}`).toBe(true);
        }
    }
  });

  it('makes required parameters required and leaves the rest optional', () => {
    const op = {
      parameters: [
        { in: 'query', name: 'a', required: true, schema: { type: 'string' } },
        { in: 'query', name: 'b', schema: { type: 'integer' } },
        { in: 'path', name: 'id' },
      ],
    } as unknown as SpecOperation;
    expect(querySchema(op)).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: { a: { type: 'string' }, b: { type: 'integer' } },
      required: ['a'],
    });
    expect(querySchema({ parameters: [] } as unknown as SpecOperation)).toBeUndefined();
  });
});
