import type { OpenAPIV3_1 } from 'openapi-types';
import { finding, notApplicable, defineCheck } from './finding.js';
import { operationDocs } from './provenance-of.js';
import { documentedResponse } from './response-media.js';

/** Required documented response headers are present, and present ones match their schema. */
export const responseHeaders = defineCheck('response-headers', (exchange, ctx) => {
  const status = exchange.response.status;
  const documented = documentedResponse(exchange);
  if (!documented) return [notApplicable(exchange, 'response-headers', `status ${status} is not documented, so no headers apply`)];
  const headers = documented.headers as Record<string, OpenAPIV3_1.HeaderObject> | undefined;
  if (!headers || Object.keys(headers).length === 0) return [notApplicable(exchange, 'response-headers', `status ${status} documents no headers`)];
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
    {
      ...finding(
        exchange,
        'response-headers',
        'documented response headers wrong',
        `Status ${status}: ${problems.join('; ')}.`,
        'Send every required header with a value of its documented form.',
        `/responses/${status}/headers`,
      ),
      documentedBy: operationDocs(exchange, status),
    },
  ];
});
