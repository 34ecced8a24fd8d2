import { finding, notApplicable, defineCheck } from './finding.js';
import { operationDocs } from './provenance-of.js';
import { documentedResponse, hasBody, receivedMediaType } from './response-media.js';

/** A response with a body is labelled with a media type the spec documents for that status. */
export const contentType = defineCheck('content-type', (exchange) => {
  const status = exchange.response.status;
  const documented = documentedResponse(exchange);
  if (!documented) return [notApplicable(exchange, 'content-type', `status ${status} is not documented, so no media type applies`)];
  if (!documented.content) return [notApplicable(exchange, 'content-type', `status ${status} documents no body`)];
  if (!hasBody(exchange)) return [notApplicable(exchange, 'content-type', `the ${status} answer carries no body to label`)];
  const allowed = Object.keys(documented.content);
  const received = receivedMediaType(exchange);
  if (received && allowed.includes(received)) return [];
  return [
    {
      ...finding(
        exchange,
        'content-type',
        'undocumented content type',
        `Received Content-Type ${received ?? '(none)'} with status ${status}; documented: ${allowed.join(', ')}.`,
        `Label the ${status} body as ${allowed.join(' or ')}.`,
        `/responses/${status}/content`,
      ),
      documentedBy: [...operationDocs(exchange, status), 'rfc9110'],
    },
  ];
});
