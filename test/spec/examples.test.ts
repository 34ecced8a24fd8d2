import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

let spec: LoadedSpec;
const validator = new SchemaValidator();
beforeAll(async () => {
  spec = await loadSpec();
});

interface Example {
  where: string;
  schema: object;
  value: unknown;
}

/** Every example the spec gives: schema `examples`, media-type `examples`, parameter `example`. */
function collectExamples(document: unknown): Example[] {
  const found: Example[] = [];
  const seen = new Set<object>();
  const walk = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const n = node as Record<string, unknown>;
    if (n.schema && typeof n.schema === 'object') {
      if (n.examples && typeof n.examples === 'object' && !Array.isArray(n.examples))
        for (const [name, ex] of Object.entries(n.examples as Record<string, { value?: unknown }>))
          found.push({ where: `${at}/examples/${name}`, schema: n.schema as object, value: ex.value });
      if ('example' in n) found.push({ where: `${at}/example`, schema: n.schema as object, value: n.example });
    }
    if (Array.isArray(n.examples) && (n.type !== undefined || n.allOf !== undefined || n.properties !== undefined))
      for (const [i, value] of n.examples.entries()) found.push({ where: `${at}/examples/${i}`, schema: n, value });
    for (const [key, value] of Object.entries(n)) walk(value, `${at}/${key}`);
  };
  walk(document, '#');
  return found;
}

describe('examples in the spec', () => {
  it('are plentiful enough to mean something', () => {
    expect(collectExamples(spec.document).length).toBeGreaterThan(30);
  });

  it('validate against their own schemas', () => {
    const failures = collectExamples(spec.document)
      .map((ex) => ({ ex, verdict: validator.validate(ex.schema, ex.value) }))
      .filter(({ verdict }) => !verdict.valid)
      .map(({ ex, verdict }) => `${ex.where}: ${verdict.errors.join('; ')}`);
    expect(failures).toEqual([]);
  });
});
