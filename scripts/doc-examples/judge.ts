import type { OpenAPIV3_1 } from 'openapi-types';
import type { SpecOperation } from '../../src/model/operation.js';
import type { SchemaValidator } from '../../src/spec/schema-validator.js';
import type { DocExample } from './corpus.js';

/*
 * Holds one documented example to the contract of one profile: a request body to the operation's request schema,
 * a response to its status (documented at all?) and that status's body schema. The test and the coverage page
 * (docs/documented-examples.md) share this one judgement.
 */

export type Verdict =
  | { verdict: 'valid' }
  /** Judged and rejected: what the schema said. */
  | { verdict: 'rejected'; errors: string[] }
  /** Nothing to hold to a schema: no body, or no body schema for it (a HEAD's headers, an octet stream). */
  | { verdict: 'no-body' }
  /** Rejected by a profile that documents the upstream reading on purpose (judgements.ts, PROFILE_DEPARTURES). */
  | { verdict: 'departs'; reason: string; errors: string[] };

const isJson = (mediaType: string): boolean => /[/+]json\b|json-patch/.test(mediaType);

function jsonSchemas(content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined, contentType: string | undefined): object[] {
  const entries = Object.entries(content ?? {}).filter(([type, media]) => isJson(type) && media.schema !== undefined);
  const declared = contentType?.split(';')[0]?.trim().toLowerCase();
  const chosen = declared ? entries.filter(([type]) => type === declared) : [];
  return (chosen.length > 0 ? chosen : entries).map(([, media]) => media.schema as object);
}

const header = (example: DocExample, name: string): string | undefined =>
  Object.entries(example.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

/** Several media types (updateImage's two JSON-patch flavours): the example is valid when one of them takes it. */
function validateAny(validator: SchemaValidator, schemas: object[], value: unknown): Verdict {
  if (schemas.length === 0) return { verdict: 'rejected', errors: ['the operation documents no JSON body here, the example has one'] };
  const errors: string[] = [];
  for (const schema of schemas) {
    const v = validator.validate(schema, value);
    if (v.valid) return { verdict: 'valid' };
    errors.push(...v.errors);
  }
  return { verdict: 'rejected', errors };
}

export function judgeExample(example: DocExample, op: SpecOperation, validator: SchemaValidator): Verdict {
  if (example.kind === 'request') {
    if (example.json === undefined) return { verdict: 'no-body' };
    return validateAny(validator, jsonSchemas(op.requestBody?.content, header(example, 'Content-Type')), example.json);
  }
  const status = String(example.status);
  const response = op.responses[status];
  if (!response) return { verdict: 'rejected', errors: [`status ${status} is not documented for ${op.operationId} (${op.statuses.join(', ')})`] };
  if (example.json === undefined) return { verdict: 'no-body' };
  return validateAny(validator, jsonSchemas(response.content, header(example, 'Content-Type')), example.json);
}
