import { escapePathComponent } from 'fast-json-patch';
import type { OpenAPIV3_1 } from 'openapi-types';
import { HTTP_METHODS, parseIamPrerequisites } from './operations.js';
import { docIds, type DocumentEntry } from './provenance.js';

/**
 * The keywords that can fail a target: a request breaking one is expected to be rejected, a response breaking
 * one is a failure. Each must rest on a document (`x-doc`) or be marked as the spec's reading (`x-advisory`).
 */
export const CONSTRAINT_KEYWORDS = [
  'type',
  'enum',
  'const',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'dependentRequired',
  'if',
  'oneOf',
  'anyOf',
  'not',
] as const;

/** Subschema keywords holding one schema, and those holding a list or a map of them. */
const ONE_SCHEMA = ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'propertyNames', 'contains', 'unevaluatedProperties', 'unevaluatedItems'];
const SCHEMA_LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAP = ['properties', 'patternProperties', 'dependentSchemas'];

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What the audit found wrong, one line each; empty when every expectation is sourced. */
export interface ProvenanceAudit {
  /** A constraint keyword or a response status with no `x-doc` (nor `x-advisory`) over it. */
  unsourced: string[];
  /** An `x-doc` naming an id spec/sources/documents.yaml lacks, or an `x-advisory` with no reasoning. */
  unknown: string[];
}

function constraintsAt(node: Node): string[] {
  const found: string[] = CONSTRAINT_KEYWORDS.filter((k) => k in node && !(k === 'required' && Array.isArray(node.required) && node.required.length === 0));
  if (node.additionalProperties === false) found.push('additionalProperties');
  return found;
}

/**
 * Walks one schema root. `sourced` says whether a document (or an advisory) already covers the node from above;
 * only `x-doc`/`x-advisory` inside the root count, never the operation's. `stack` guards against cycles.
 */
function walkSchema(node: unknown, at: string, sourced: boolean, audit: ProvenanceAudit, documents: Map<string, DocumentEntry>, stack: Set<object>): void {
  if (!isNode(node) || stack.has(node)) return;
  stack.add(node);
  checkIds(node, at, audit, documents);
  const here = sourced || docIds(node['x-doc']).length > 0 || typeof node['x-advisory'] === 'string';
  if (!here) for (const keyword of constraintsAt(node)) audit.unsourced.push(`${at}/${keyword}`);
  for (const key of ONE_SCHEMA) walkSchema(node[key], `${at}/${key}`, here, audit, documents, stack);
  for (const key of SCHEMA_LIST)
    if (Array.isArray(node[key]))
      for (const [i, sub] of (node[key] as unknown[]).entries()) walkSchema(sub, `${at}/${key}/${i}`, here, audit, documents, stack);
  for (const key of SCHEMA_MAP)
    if (isNode(node[key]))
      for (const [name, sub] of Object.entries(node[key])) walkSchema(sub, `${at}/${key}/${escapePathComponent(name)}`, here, audit, documents, stack);
  stack.delete(node);
}

function checkIds(node: Node, at: string, audit: ProvenanceAudit, documents: Map<string, DocumentEntry>): void {
  if ('x-doc' in node) {
    const ids = docIds(node['x-doc']);
    if (ids.length === 0) audit.unknown.push(`${at}: x-doc names no document`);
    for (const id of ids) if (!documents.has(id)) audit.unknown.push(`${at}: x-doc ${id} is not in spec/sources/documents.yaml`);
  }
  if ('x-advisory' in node && (typeof node['x-advisory'] !== 'string' || node['x-advisory'].trim() === ''))
    audit.unknown.push(`${at}: x-advisory must give its reasoning`);
}

/**
 * Every constraint and response status of every operation that can fail a target without a document behind it,
 * and every `x-doc` id the registry lacks. Locations are JSON pointers into the dereferenced document.
 */
export function auditProvenance(document: OpenAPIV3_1.Document, documents: Map<string, DocumentEntry>): ProvenanceAudit {
  const audit: ProvenanceAudit = { unsourced: [], unknown: [] };
  const schemaRoot = (holder: unknown, at: string): void => {
    if (isNode(holder) && isNode(holder.schema)) walkSchema(holder.schema, `${at}/schema`, false, audit, documents, new Set());
  };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!item) continue;
    const itemAt = `#/paths/${escapePathComponent(path)}`;
    for (const [i, p] of (item.parameters ?? []).entries()) schemaRoot(p, `${itemAt}/parameters/${i}`);
    for (const method of HTTP_METHODS) {
      const op = item[method] as (OpenAPIV3_1.OperationObject & Node) | undefined;
      if (!op) continue;
      const at = `${itemAt}/${method}`;
      checkIds(op, at, audit, documents);
      // The operation's own pages: reports cite them for its statuses and exact expectations.
      if (docIds(op['x-doc']).length === 0) audit.unsourced.push(`${at} (operation ${op.operationId ?? at} carries no x-doc)`);
      for (const [i, p] of (op.parameters ?? []).entries()) schemaRoot(p, `${at}/parameters/${i}`);
      const body = op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
      for (const [media, content] of Object.entries(body?.content ?? {})) schemaRoot(content, `${at}/requestBody/content/${escapePathComponent(media)}`);
      for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, OpenAPIV3_1.ResponseObject & Node>)) {
        const responseAt = `${at}/responses/${status}`;
        checkIds(response, responseAt, audit, documents);
        if (docIds(response['x-doc']).length === 0) audit.unsourced.push(`${responseAt} (status ${status} of ${op.operationId ?? at})`);
        for (const [media, content] of Object.entries(response.content ?? {})) schemaRoot(content, `${responseAt}/content/${escapePathComponent(media)}`);
        for (const [name, header] of Object.entries(response.headers ?? {})) {
          const headerAt = `${responseAt}/headers/${escapePathComponent(name)}`;
          schemaRoot(header, headerAt);
          // A required header fails a target that omits it: its own x-doc or its schema's must say who requires it.
          const h = header as Node;
          if (h.required === true && docIds(h['x-doc']).length === 0 && !(isNode(h.schema) && docIds(h.schema['x-doc']).length > 0))
            audit.unsourced.push(`${headerAt}/required`);
        }
      }
      for (const p of parseIamPrerequisites(op['x-iam-prerequisites']) ?? [])
        if (!documents.has(p.source)) audit.unknown.push(`${at}/x-iam-prerequisites: source ${p.source} is not in spec/sources/documents.yaml`);
    }
  }
  return audit;
}
