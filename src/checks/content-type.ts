import { finding, type Check } from './finding.js';
import { documentedResponse, hasBody, receivedMediaType } from './response-media.js';

/** A response with a body is labelled with a media type the spec documents for that status. */
export const contentType: Check = (exchange) => {
  const documented = documentedResponse(exchange);
  if (!documented?.content || !hasBody(exchange)) return [];
  const allowed = Object.keys(documented.content);
  const received = receivedMediaType(exchange);
  if (received && allowed.includes(received)) return [];
  return [
    finding(
      exchange,
      'content-type',
      'undocumented content type',
      `Received Content-Type ${received ?? '(none)'} with status ${exchange.response.status}; documented: ${allowed.join(', ')}.`,
      `Label the ${exchange.response.status} body as ${allowed.join(' or ')}.`,
      `/responses/${exchange.response.status}/content`,
    ),
  ];
};
