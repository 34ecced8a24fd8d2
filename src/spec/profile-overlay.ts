import SwaggerParser from '@apidevtools/swagger-parser';
import jsonPatch, { type Operation as PatchOperation } from 'fast-json-patch';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { HTTP_METHODS, type PROFILES } from './operations.js';
import { packageRoot } from './package-root.js';

/** Which contract a run holds the target to: IMS as documented, or the OpenStack reading of spec/profiles/openstack.yaml. */
export type Profile = (typeof PROFILES)[number];

/** `spec/profiles/<profile>.yaml`; the `ims` profile is the spec itself and has none. */
export const profileOverlayPath = (profile: Profile): string => join(packageRoot(), 'spec', 'profiles', `${profile}.yaml`);

type OverlayOperation = { 'x-patch'?: PatchOperation[]; 'x-profile-notes'?: string[] } & Record<string, unknown>;

/**
 * The spec as a profile sees it: each operation of the overlay gets its `x-patch` (JSON Patch) applied and its
 * other `x-` extensions added. The document is copied first: dereferenced schemas are shared between operations,
 * and a patch must change only the one it names. Returns the overlay's own bundle too, for the spec hash.
 */
export async function applyProfile(
  document: OpenAPIV3_1.Document,
  profile: Profile,
  path: string = profileOverlayPath(profile),
): Promise<{ document: OpenAPIV3_1.Document; overlay: unknown }> {
  if (!existsSync(path)) return { document, overlay: undefined };
  const overlay = (await SwaggerParser.bundle(path)) as OpenAPIV3_1.Document;
  const resolved = (await SwaggerParser.dereference(structuredClone(overlay))) as OpenAPIV3_1.Document;
  const patched = JSON.parse(JSON.stringify(document)) as OpenAPIV3_1.Document;
  for (const [route, item] of Object.entries(resolved.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const changes = (item as Record<string, OverlayOperation | undefined>)[method];
      if (!changes) continue;
      const where = `${profile} profile, ${method.toUpperCase()} ${route}`;
      const target = (patched.paths?.[route] as Record<string, Record<string, unknown> | undefined> | undefined)?.[method];
      if (!target) throw new Error(`${where}: the spec has no such operation`);
      const { 'x-patch': patch = [], ...extensions } = changes;
      try {
        jsonPatch.applyPatch(target, patch, true);
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message.split('\n')[0]}`);
      }
      Object.assign(target, extensions);
    }
  }
  return { document: patched, overlay };
}
