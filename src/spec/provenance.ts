import { unescapePathComponent } from 'fast-json-patch';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from './package-root.js';

/**
 * Where the spec's expectations come from. `x-doc: <id>` (or a list of ids) on a schema node, parameter,
 * response object or operation names entries of spec/sources/documents.yaml; `x-advisory: "<reasoning>"` on a
 * schema node marks the constraints there as the spec's own reading where the documents are silent or disagree.
 * Both are inherited by descendants within one schema root; the nearest one wins.
 */

export interface DocumentEntry {
  title: string;
  /** A public URL, or a path under the project's shared folder for the seed documents. */
  url: string;
  kind: string;
}

export interface Provenance {
  /** The documents the nearest `x-doc` at or above the node names; empty when none does. */
  docs: string[];
  /** The reasoning of the nearest `x-advisory`, when it is nearer than (or as near as) the nearest `x-doc`. */
  advisory?: string;
}

export const defaultDocumentsPath = (): string => join(packageRoot(), 'spec', 'sources', 'documents.yaml');

/** The ids an `x-doc` value names: one id or a list; anything else names none. */
export function docIds(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Document id → entry, from spec/sources/documents.yaml. */
export function loadDocuments(path: string = defaultDocumentsPath()): Map<string, DocumentEntry> {
  const parsed = parse(readFileSync(path, 'utf8')) as { documents?: Record<string, DocumentEntry> } | null;
  return new Map(Object.entries(parsed?.documents ?? {}));
}

let cachedDocuments: Map<string, DocumentEntry> | undefined;
const defaultDocuments = (): Map<string, DocumentEntry> => (cachedDocuments ??= loadDocuments());

/** "OTC …: Creating an Image (https://…); RFC 6902 … (https://…)" — unknown ids are named as they are. */
export function describeDocs(ids: readonly string[], documents: Map<string, DocumentEntry> = defaultDocuments()): string {
  return ids
    .map((id) => {
      const doc = documents.get(id);
      return doc ? `${doc.title} (${doc.url})` : `${id} (not in spec/sources/documents.yaml)`;
    })
    .join('; ');
}

/**
 * The segments of an ajv `schemaPath` (`#/allOf/1/properties/name/type`) or a JSON pointer
 * (`/properties/a~1b`). ajv URI-encodes what a fragment cannot hold, so both escapings are undone.
 */
export function pathSegments(path: string): string[] {
  const pointer = path.startsWith('#') ? path.slice(1) : path;
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((raw) => {
      let segment = raw;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        // Not URI-encoded after all: keep it as written.
      }
      return unescapePathComponent(segment);
    });
}

/**
 * The provenance of the node (or keyword) `path` names inside `root`: the nearest `x-doc` and `x-advisory` met
 * walking from the root down the path. A keyword at the end of the path (`…/type`) is judged by the node that
 * holds it. An advisory applies to its node and what lies below, unless a deeper `x-doc` takes over again.
 */
export function provenanceAt(root: unknown, path: string): Provenance {
  let docs: string[] = [];
  let advisory: string | undefined;
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const n = node as Record<string, unknown>;
    if ('x-doc' in n) {
      docs = docIds(n['x-doc']);
      advisory = undefined;
    }
    if (typeof n['x-advisory'] === 'string') advisory = n['x-advisory'];
  };
  let node: unknown = root;
  visit(node);
  for (const segment of pathSegments(path)) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[segment];
    visit(node);
  }
  return advisory === undefined ? { docs } : { docs, advisory };
}

/**
 * IMS error codes whose HTTP status the documents disagree on, with every status they give (`x-error-code-statuses`
 * on the `ImsError` schema, sourced by its `x-doc`), e.g. `IMG.0026` → [400, 403]. Codes not listed are 400.
 */
export function errorCodeStatuses(document: unknown): Map<string, number[]> {
  const cached = document !== null && typeof document === 'object' ? errorCodeCache.get(document) : undefined;
  if (cached) return cached;
  const seen = new Set<object>();
  const find = (node: unknown): Record<string, number[]> | undefined => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return undefined;
    seen.add(node);
    const table = (node as Record<string, unknown>)['x-error-code-statuses'];
    if (table !== null && typeof table === 'object' && !Array.isArray(table)) return table as Record<string, number[]>;
    for (const child of Object.values(node)) {
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  const table = new Map(Object.entries(find(document) ?? {}));
  if (document !== null && typeof document === 'object') errorCodeCache.set(document, table);
  return table;
}

// Checks ask per exchange with the operation's dereferenced responses: one walk per operation is enough.
const errorCodeCache = new WeakMap<object, Map<string, number[]>>();

/**
 * Whether an answer with `received` status is a documented stand-in for the `expected` one: the body carries an IMS
 * error code whose statuses the documents give as both (`IMG.0027` "image does not exist": 400 in the OTC error
 * table, 404 by the status-code table; `IMG.0026`: 400 or 403). Any other answer is judged by its status alone.
 */
export function documentedStandIn(statuses: Map<string, number[]>, body: unknown, expected: number, received: number): boolean {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  if (typeof code !== 'string') return false;
  const documented = statuses.get(code) ?? [];
  return documented.includes(expected) && documented.includes(received);
}
