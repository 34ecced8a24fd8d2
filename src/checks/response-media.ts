import type { OpenAPIV3_1 } from 'openapi-types';
import type { Exchange } from '../model/exchange.js';

/** The documented response object for the received status, if any. */
export function documentedResponse(exchange: Exchange): OpenAPIV3_1.ResponseObject | undefined {
  return exchange.operation.responses[String(exchange.response.status)];
}

/** The received media type without parameters, lower-case (`application/json`). */
export function receivedMediaType(exchange: Exchange): string | undefined {
  return exchange.response.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** True when the response carries bytes (HEAD and 204 never do). */
export function hasBody(exchange: Exchange): boolean {
  return exchange.request.method.toUpperCase() !== 'HEAD' && exchange.response.text.length > 0;
}
