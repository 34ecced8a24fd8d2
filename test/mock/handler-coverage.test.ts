import { describe, expect, it } from 'vitest';
import { handlers } from '../../mock/handlers/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';

describe('the mock routes from the spec', () => {
  it('has exactly one handler per spec operation, and none the spec lacks', async () => {
    const { operations } = await loadSpec();
    const ids = operations.map((op) => op.operationId).sort();
    expect(Object.keys(handlers).sort()).toEqual(ids);
  });
});
