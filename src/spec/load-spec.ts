import SwaggerParser from '@apidevtools/swagger-parser';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { auditOperations, extractOperations } from './operations.js';
import type { SpecOperation } from '../model/operation.js';
import { defaultSpecPath } from './package-root.js';
import { applyProfile, type Profile } from './profile-overlay.js';
import { defaultErrorSituationsPath, ErrorSituations, loadErrorSituations } from './error-situations.js';

export interface LoadedSpec {
  /** Where it was read from. */
  path: string;
  /** The profile it was read for: its overlay (spec/profiles/) is applied to `document` and `operations`. */
  profile: Profile;
  /** Fully dereferenced, the profile's changes applied: every `$ref` replaced by its target. */
  document: OpenAPIV3_1.Document;
  /** One file, internal `$ref`s only (what reports and other tools consume). */
  bundled: OpenAPIV3_1.Document;
  /** The operations under test: every one the suite, reports and policies read. */
  operations: SpecOperation[];
  /** Reads only the preflight doctor makes (`x-probe`): served by the mock, never tested or counted. */
  probes: SpecOperation[];
  /** The error-situation table read for the profile: what each documented error situation accepts (spec/error-situations.yaml). */
  situations: ErrorSituations;
  version: string;
  /** sha256 of the bundled spec, the profile's overlay and the error-situation table, so a report says exactly which contract it checked. */
  hash: string;
}

const cache = new Map<string, Promise<LoadedSpec>>();

async function load(path: string, profile: Profile): Promise<LoadedSpec> {
  const bundled = (await SwaggerParser.bundle(path)) as OpenAPIV3_1.Document;
  // validate() dereferences in place, so it gets its own copy of the bundle.
  const base = (await SwaggerParser.validate(structuredClone(bundled))) as OpenAPIV3_1.Document;
  const { document, overlay } = await applyProfile(base, profile);
  // A profile's patches must leave a valid OpenAPI document behind.
  if (overlay !== undefined) await SwaggerParser.validate(structuredClone(document));
  const problems = auditOperations(document);
  if (problems.length > 0) throw new Error(`the spec at ${path} (profile ${profile}) is incomplete:\n  ${problems.join('\n  ')}`);
  const all = extractOperations(document);
  // The table beside the spec it was read with, else the package's (a spec copied alone keeps the shipped table).
  const beside = join(dirname(path), 'error-situations.yaml');
  const situationRows = loadErrorSituations(existsSync(beside) ? beside : defaultErrorSituationsPath());
  return {
    path,
    profile,
    document,
    bundled,
    operations: all.filter((op) => !op.probe),
    probes: all.filter((op) => op.probe),
    situations: new ErrorSituations(situationRows, profile),
    version: document.info.version,
    hash: createHash('sha256')
      .update(JSON.stringify(overlay === undefined ? { bundled, situationRows } : { bundled, overlay, situationRows }))
      .digest('hex'),
  };
}

/** Parses, validates and dereferences the spec once per path and profile; later calls share the result. */
export function loadSpec(path: string = defaultSpecPath(), profile: Profile = 'ims'): Promise<LoadedSpec> {
  const key = `${path}\0${profile}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = load(path, profile);
    cache.set(key, loaded);
    loaded.catch(() => cache.delete(key));
  }
  return loaded;
}
