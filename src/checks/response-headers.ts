import type { OpenAPIV3_1 } from 'openapi-types';
import { finding, type Check } from './finding.js';
import { documentedResponse } from './response-media.js';

/** Required documented response headers are present, and present ones match their schema. */
export const responseHeaders: Check = (exchange, ctx) => {
  const headers = documentedResponse(exchange)?.headers as Record<string, OpenAPIV3_1.HeaderObject> | undefined;
  if (!headers) return [];
  const problems: string[] = [];
  for (const [name, header] of Object.entries(headers)) {
    const value = exchange.response.headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required) problems.push(`${name} is missing`);
      continue;
    }
    if (header.schema) {
      const verdict = ctx.validator.validate(header.schema, value);
      if (!verdict.valid) problems.push(`${name}: ${verdict.errors.join('; ').replace('(root) ', '')}`);
    }
  }
  if (problems.length === 0) return [];
  return [
    finding(
      exchange,
      'response-headers',
      'documented response headers wrong',
      `Status ${exchange.response.status}: ${problems.join('; ')}.`,
      'Send every required header with a value of its documented form.',
      `/responses/${exchange.response.status}/headers`,
    ),
  ];
};
