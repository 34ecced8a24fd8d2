import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { IamScopes } from '../model/operation.js';
import { packageRoot } from './package-root.js';

/** One row of spec/sources/permissions.yaml: the seed tables transcribed, independent of the spec. */
export interface PermissionRow {
  method: string;
  path: string;
  function: string;
  actions: string[];
  conditionalActions?: { action: string; when: string }[];
  scopes: IamScopes;
  sources: string[];
  notes?: string;
  /** Permissions of other services the notes ask for (any one role of `anyOf` suffices). */
  prerequisites?: { anyOf: { service: string; role: string }[]; sources: string[]; when?: string }[];
}

export interface PermissionTable {
  sources: { id: string; file: string; kind: string; title: string }[];
  rows: PermissionRow[];
}

export const defaultPermissionsPath = (): string => join(packageRoot(), 'spec', 'sources', 'permissions.yaml');

export function loadPermissionTable(path: string = defaultPermissionsPath()): PermissionTable {
  return parse(readFileSync(path, 'utf8')) as PermissionTable;
}
