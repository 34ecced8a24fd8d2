import type { OpenAPIV3_1 } from 'openapi-types';
import type { Exchange } from '../model/exchange.js';
import { docIds, provenanceAt, type Provenance } from '../spec/provenance.js';

/**
 * The documents behind what an exchange is held to: the `x-doc` nearest the schema node that was broken, else the
 * documented response's own, else the operation's. An `x-advisory` met on the way makes the expectation the
 * spec's own reading, not a document's.
 */
export function provenanceOf(exchange: Exchange, schemaRoot?: unknown, schemaPath?: string): Provenance {
  const atNode = schemaRoot !== undefined && schemaPath !== undefined ? provenanceAt(schemaRoot, schemaPath) : { docs: [] };
  if (atNode.docs.length > 0 || atNode.advisory !== undefined) return atNode;
  return { docs: operationDocs(exchange, exchange.response.status) };
}

/** The documents of a documented status (its response's `x-doc`), else of the operation as a whole. */
export function operationDocs(exchange: Exchange, status?: number): string[] {
  const response =
    status === undefined ? undefined : (exchange.operation.responses[String(status)] as (OpenAPIV3_1.ResponseObject & { 'x-doc'?: unknown }) | undefined);
  const own = docIds(response?.['x-doc']);
  return own.length > 0 ? own : exchange.operation.docs;
}
