import type { OpenAPIV3_1 } from 'openapi-types';
import type { SpecOperation } from '../../src/model/operation.js';
import { coerceParameterValue } from '../../src/spec/parameter-value.js';
import type { SchemaValidator } from '../../src/spec/schema-validator.js';
import type { LenientValidator } from './lenient-schema.js';
import { errorFor, type MockResponse } from './responses.js';

export interface IncomingParts {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export type ParsedRequest = { ok: true; query: Record<string, unknown>; body: unknown; mediaType: string | undefined } | { ok: false; response: MockResponse };

/** application/json, application/*+json and the Glance `…-json-patch` media types. */
const JSON_MEDIA = /^application\/([a-z0-9.+-]*[+-])?json([+-][a-z0-9.-]+)?$/;

/** IMS codes for the violations the error-code table names; everything else is IMG.0001 (bad format). */
function imsCodeFor(errors: string[]): string {
  const first = errors[0] ?? '';
  if (/^\/name must NOT have more than/.test(first)) return 'IMG.0002';
  if (/^\/name /.test(first)) return 'IMG.0003';
  if (/^\/(description|__description) must NOT have more than/.test(first)) return 'IMG.0004';
  return 'IMG.0001';
}

/**
 * Checks a request against its operation in the spec: path, query and header parameters, the content type and
 * the body. Answers the documented 400/413/415 with the endpoint's error body, never throws. With `lenient`
 * (the alternative variant) IMS-endpoint requests are checked against relaxed schemas and unknown body fields
 * are dropped instead of refused; Nova documents its own body rules, so the compute endpoint stays strict.
 */
export function parseRequest(op: SpecOperation, parts: IncomingParts, validator: SchemaValidator, lenient?: LenientValidator): ParsedRequest {
  const relaxed = op.endpoint === 'compute' ? undefined : lenient;
  const bad = (message: string, code = 'IMG.0001', status = 400): ParsedRequest => ({ ok: false, response: errorFor(op.endpoint, status, code, message) });
  const query: Record<string, unknown> = {};

  for (const p of op.parameters) {
    const schema = p.schema as OpenAPIV3_1.SchemaObject | undefined;
    let raw: string | undefined;
    if (p.in === 'path') raw = parts.params[p.name];
    else if (p.in === 'query') raw = parts.query.get(p.name) ?? undefined;
    else if (p.in === 'header') raw = parts.headers[p.name.toLowerCase()];
    else continue;
    if (raw === undefined) {
      if (p.required) return bad(`Missing required ${p.in} parameter ${p.name}.`);
      continue;
    }
    const value = coerceParameterValue(schema, raw);
    if (schema) {
      const verdict = relaxed ? relaxed.validate(schema, value, p.name) : validator.validate(schema, value);
      if (!verdict.valid) return bad(`Invalid ${p.in} parameter ${p.name}: ${verdict.errors.join('; ').replace(/^\(root\) /, '')}.`);
    }
    if (p.in === 'query') query[p.name] = value;
  }

  const rb = op.requestBody;
  const mediaType = parts.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (!rb) return { ok: true, query, body: undefined, mediaType };
  if (parts.rawBody.length === 0) {
    if (rb.required) return bad('The request body is empty.', 'IMG.0007');
    return { ok: true, query, body: undefined, mediaType };
  }
  const content = rb.content ?? {};
  const media = mediaType && content[mediaType] ? mediaType : undefined;
  if (!media) {
    const status = op.statuses.includes(415) ? 415 : 400;
    return bad(`The request media type ${mediaType ?? '(none)'} is not supported; use ${Object.keys(content).join(' or ')}.`, 'IMG.0001', status);
  }
  if (!JSON_MEDIA.test(media)) return { ok: true, query, body: parts.rawBody, mediaType: media };
  let body: unknown;
  try {
    body = JSON.parse(parts.rawBody.toString('utf8'));
  } catch {
    return bad('Malformed JSON in request body.');
  }
  const schema = content[media]?.schema;
  if (schema && relaxed) {
    const verdict = relaxed.validate(schema, body);
    if (!verdict.valid) return bad(`Invalid request body: ${verdict.errors.slice(0, 5).join('; ')}.`, imsCodeFor(verdict.errors));
    body = verdict.value;
  } else if (schema) {
    const verdict = validator.validate(schema, body);
    if (!verdict.valid) return bad(`Invalid request body: ${verdict.errors.slice(0, 5).join('; ')}.`, imsCodeFor(verdict.errors));
  }
  return { ok: true, query, body, mediaType: media };
}

/** Parses the body only as far as IAM conditions need (before validation); undefined when it is not JSON. */
export function peekJsonBody(rawBody: Buffer): unknown {
  if (rawBody.length === 0) return undefined;
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
}
