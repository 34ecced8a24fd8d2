import type { OpenAPIV3_1 } from 'openapi-types';

/**
 * Query, path and header values arrive as strings; an HTTP server gives them the type their schema declares
 * before validating (`limit=1` is the integer 1, `protected=true` the boolean true). Anything that does not read
 * as that type stays a string, so the schema rejects it as a server would.
 */
export function coerceParameterValue(schema: OpenAPIV3_1.SchemaObject | undefined, raw: string): unknown {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
