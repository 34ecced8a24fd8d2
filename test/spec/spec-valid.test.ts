import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load-spec.js';
import { defaultSpecPath } from '../../src/spec/package-root.js';

describe('the spec document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const api = await SwaggerParser.validate(defaultSpecPath());
    expect((api as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('dereferences with no $ref left dangling', async () => {
    const { document } = await loadSpec();
    const refs: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') refs.push(`${at}: ${String(value)}`);
        walk(value, `${at}/${key}`);
      }
    };
    walk(document, '#');
    expect(refs).toEqual([]);
  });

  it('has a stable content hash for reports', async () => {
    const { hash } = await loadSpec();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
