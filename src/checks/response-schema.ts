import type { Exchange } from '../model/exchange.js';
import { describeErrors, type SchemaVerdict } from '../spec/schema-validator.js';
import { finding, notApplicable, defineCheck } from './finding.js';
import type { Finding } from '../model/finding.js';
import { operationDocs, provenanceOf } from './provenance-of.js';
import { documentedResponse, hasBody } from './response-media.js';

const MAX_ERRORS = 5;

type Violations = SchemaVerdict['raw'];

const listed = (errors: string[]): string =>
  `${errors.slice(0, MAX_ERRORS).join('; ')}${errors.length > MAX_ERRORS ? ` (+${errors.length - MAX_ERRORS} more)` : ''}`;

/**
 * The response body matches the schema documented for its status (errors included). Each violation is traced to
 * the document behind the schema node it broke; a violation of a node the spec marks `x-advisory` (its own reading
 * where the documents are silent) is an advisory, never a failure. A status the operation does not document has
 * no schema to hold the body to: not applicable (status-documented reports the status itself).
 */
export const responseSchema = defineCheck('response-schema', (exchange, ctx) => {
  const status = exchange.response.status;
  const documented = documentedResponse(exchange);
  if (!documented) return [notApplicable(exchange, 'response-schema', `status ${status} is not documented, so no body schema applies`)];
  const [mediaType, media] = documented.content ? (Object.entries(documented.content)[0] ?? []) : [];
  if (!media?.schema) return [notApplicable(exchange, 'response-schema', `status ${status} documents no body`)];
  // A documented non-JSON body (the image data, application/octet-stream) has no JSON to hold to a schema: its
  // media type is content-type's, its bytes upload-integrity's.
  if (mediaType && !/json/i.test(mediaType)) return [notApplicable(exchange, 'response-schema', `status ${status} documents a ${mediaType} body, not JSON`)];
  // `x-body-optional`: a documented body that only some requests get (Nova's 202 carries one from 2.45 on).
  const optional = (documented as { 'x-body-optional'?: boolean })['x-body-optional'] === true;
  if (!hasBody(exchange)) return missingBody(exchange, optional);
  if (typeof exchange.response.body === 'string') return [notJson(exchange)];
  const verdict = ctx.validator.validate(media.schema, exchange.response.body);
  return verdict.valid ? [] : schemaFindings(exchange, media.schema, verdict.raw);
});

function missingBody(exchange: Exchange, optional: boolean): Finding[] {
  const status = exchange.response.status;
  if (optional) return [notApplicable(exchange, 'response-schema', `status ${status} documents an optional body and none came`)];
  return [
    {
      ...finding(
        exchange,
        'response-schema',
        'body missing',
        `Status ${status} documents a body; none was received.`,
        'Send the documented body.',
        `/responses/${status}`,
      ),
      documentedBy: operationDocs(exchange, status),
    },
  ];
}

function notJson(exchange: Exchange): Finding {
  const status = exchange.response.status;
  return {
    ...finding(
      exchange,
      'response-schema',
      'body is not JSON',
      `Status ${status} documents a JSON body; received: ${exchange.response.text.slice(0, 120)}`,
      'Answer with the documented JSON body.',
      `/responses/${status}`,
    ),
    documentedBy: operationDocs(exchange, status),
  };
}

/** One failure for the violations the documents stand behind, one advisory for those of the spec's own reading. */
function schemaFindings(exchange: Exchange, schema: object, errors: Violations): Finding[] {
  const status = exchange.response.status;
  const { failing, advisory, documents, reasons } = byProvenance(exchange, schema, errors);
  const findings: Finding[] = [];
  if (failing.length > 0)
    findings.push({
      ...finding(
        exchange,
        'response-schema',
        'body does not match the schema',
        `Status ${status} body: ${listed(describeErrors(failing))}.`,
        'Return every required field with its documented type.',
        `/responses/${status}/content`,
      ),
      documentedBy: [...documents],
    });
  if (advisory.length > 0)
    findings.push({
      ...finding(
        exchange,
        'response-schema',
        'body departs from the spec’s own reading',
        `Status ${status} body: ${listed(describeErrors(advisory))}.`,
        [...reasons].join(' '),
        `/responses/${status}/content`,
      ),
      level: 'advisory',
    });
  return findings;
}

interface SortedViolations {
  failing: Violations;
  advisory: Violations;
  /** The documents behind the failing ones. */
  documents: Set<string>;
  /** The spec's reasoning behind the advisory ones. */
  reasons: Set<string>;
}

function byProvenance(exchange: Exchange, schema: object, errors: Violations): SortedViolations {
  const sorted: SortedViolations = { failing: [], advisory: [], documents: new Set(), reasons: new Set() };
  for (const error of errors) {
    const origin = provenanceOf(exchange, schema, error.schemaPath);
    if (origin.advisory !== undefined) {
      sorted.advisory.push(error);
      sorted.reasons.add(origin.advisory);
    } else {
      sorted.failing.push(error);
      for (const d of origin.docs) sorted.documents.add(d);
    }
  }
  return sorted;
}
