import { beforeAll, describe, expect, it } from 'vitest';
import { levelOf } from '../../src/model/finding.js';
import type { Check } from '../../src/checks/finding.js';
import { iamDenied, tenantIsolation, unknownIdStatus, useAfterDelete } from '../../src/checks/situation-checks.js';
import type { Exchange } from '../../src/model/exchange.js';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

/**
 * Where the documents give two answers for an id that names nothing, the unknown-id check takes both, and still
 * fails everything else: the error-situation table's `unknown-id` row and the operation's `x-unknown-id-statuses`
 * are what the check is built from.
 */
let spec: LoadedSpec;
beforeAll(async () => {
  spec = await loadSpec();
});

const ctx = { validator: new SchemaValidator() };
const op = (id: string): SpecOperation => spec.operations.find((o) => o.operationId === id)!;
const answer = (operation: SpecOperation, status: number, code: string): Exchange => {
  const body = { error: { code, message: 'no such thing' } };
  return {
    operation,
    request: { method: 'GET', url: 'http://t/x', headers: {} },
    response: { status, headers: { 'content-type': 'application/json' }, body, text: JSON.stringify(body) },
  };
};
const judgedUseAfterDelete = (operation: SpecOperation, status: number, code: string): number =>
  useAfterDelete(spec.situations)(answer(operation, status, code), ctx).filter((f) => levelOf(f) === 'failure').length;
const failures = (operation: SpecOperation, status: number, code = 'IMG.0027'): string[] =>
  unknownIdStatus(spec.situations)(answer(operation, status, code), ctx)
    .filter((f) => levelOf(f) === 'failure')
    .map((f) => f.title);

describe('an unknown id where the documents disagree on its status', () => {
  it('passes an unknown job id answered 400 IMG.0023 or 404, and fails 403 and 500 (job page vs status-code table)', () => {
    expect(failures(op('showJob'), 400, 'IMG.0023')).toEqual([]);
    expect(failures(op('showJob'), 404)).toEqual([]);
    expect(failures(op('showJob'), 403)).toEqual(['unknown id not answered as documented']);
    expect(failures(op('showJob'), 500)).toHaveLength(1);
  });

  it('passes 400 IMG.0027 or 404 on the IMS calls naming an image, per the OTC error table', () => {
    for (const id of ['updateCloudImage', 'registerImage', 'exportImage']) {
      expect(failures(op(id), 400), id).toEqual([]);
      expect(failures(op(id), 404), id).toEqual([]);
      expect(failures(op(id), 403), id).toHaveLength(1);
    }
  });

  it('on the Glance-native calls takes 404, or a 400 only with an IMS not-found code (IMG.0027, IMG.0144, IMG.0086)', () => {
    expect(failures(op('showImage'), 404)).toEqual([]);
    expect(failures(op('showImage'), 400, 'IMG.0001')).toEqual(['unknown id not answered as documented']);
    for (const code of ['IMG.0027', 'IMG.0144', 'IMG.0086']) expect(failures(op('showImage'), 400, code), code).toEqual([]);
  });

  it('takes each of the error table’s three "no such image" codes for the 404, and no other IMG code', () => {
    for (const code of ['IMG.0027', 'IMG.0086', 'IMG.0144']) expect(failures(op('showImage'), 400, code), code).toEqual([]);
    expect(failures(op('showImage'), 400, 'IMG.0145')).toEqual(['unknown id not answered as documented']);
    expect(judgedUseAfterDelete(op('deleteImage'), 400, 'IMG.0144')).toBe(0);
    expect(judgedUseAfterDelete(op('deleteImage'), 400, 'IMG.0143')).toBe(1);
  });
});

describe('IMS error codes of the error-situation table', () => {
  const judged = (check: Check, operation: SpecOperation, status: number, code: string): number =>
    check(answer(operation, status, code), ctx).filter((f) => levelOf(f) === 'failure').length;

  it('take a 400 IMG.0026 or IMG.0161 for the 403 of a denied caller, and nothing else for it', () => {
    expect(judged(iamDenied(spec.situations), op('updateCloudImage'), 400, 'IMG.0161')).toBe(0);
    expect(judged(iamDenied(spec.situations), op('updateCloudImage'), 400, 'IMG.0026')).toBe(0);
    expect(judged(iamDenied(spec.situations), op('updateCloudImage'), 400, 'IMG.0027')).toBe(1);
    expect(judged(iamDenied(spec.situations), op('updateCloudImage'), 200, 'IMG.0026')).toBe(1);
  });

  it('take a 400 IMG.0027 for the 404 that hides another project’s image, and not a 403', () => {
    expect(judged(tenantIsolation(spec.situations), op('exportImage'), 400, 'IMG.0027')).toBe(0);
    expect(judged(tenantIsolation(spec.situations), op('exportImage'), 403, 'IMG.0027')).toBe(1);
    expect(judged(tenantIsolation(spec.situations), op('exportImage'), 400, 'IMG.0026')).toBe(1);
  });
});
