import SwaggerParser from '@apidevtools/swagger-parser';
import { createHash } from 'node:crypto';
import type { OpenAPIV3_1 } from 'openapi-types';
import { auditOperations, extractOperations, type SpecOperation } from './operations.js';
import { defaultSpecPath } from './package-root.js';

export interface LoadedSpec {
  /** Where it was read from. */
  path: string;
  /** Fully dereferenced: every `$ref` replaced by its target. */
  document: OpenAPIV3_1.Document;
  /** One file, internal `$ref`s only (what reports and other tools consume). */
  bundled: OpenAPIV3_1.Document;
  operations: SpecOperation[];
  version: string;
  /** sha256 of the bundled spec, so a report says exactly which contract it checked. */
  hash: string;
}

const cache = new Map<string, Promise<LoadedSpec>>();

async function load(path: string): Promise<LoadedSpec> {
  const bundled = (await SwaggerParser.bundle(path)) as OpenAPIV3_1.Document;
  // validate() dereferences in place, so it gets its own copy of the bundle.
  const document = (await SwaggerParser.validate(structuredClone(bundled))) as OpenAPIV3_1.Document;
  const problems = auditOperations(document);
  if (problems.length > 0) throw new Error(`the spec at ${path} is incomplete:\n  ${problems.join('\n  ')}`);
  return {
    path,
    document,
    bundled,
    operations: extractOperations(document),
    version: document.info.version,
    hash: createHash('sha256').update(JSON.stringify(bundled)).digest('hex'),
  };
}

/** Parses, validates and dereferences the spec once per path; later calls share the result. */
export function loadSpec(path: string = defaultSpecPath()): Promise<LoadedSpec> {
  let loaded = cache.get(path);
  if (!loaded) {
    loaded = load(path);
    cache.set(path, loaded);
    loaded.catch(() => cache.delete(path));
  }
  return loaded;
}
