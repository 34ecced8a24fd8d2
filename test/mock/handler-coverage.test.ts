import { describe, expect, it } from 'vitest';
import { handlers } from '../../mock/handlers/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';

describe('the mock routes from the spec', () => {
  it('has exactly one handler per spec operation and doctor probe, and none the spec lacks', async () => {
    const { operations, probes } = await loadSpec();
    expect(probes.map((op) => op.operationId).sort()).toEqual(['downloadImageFile', 'showServer', 'validateToken']);
    const ids = [...operations, ...probes].map((op) => op.operationId).sort();
    expect(Object.keys(handlers).sort()).toEqual(ids);
  });
});
