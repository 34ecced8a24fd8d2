import { finding, type Check } from './finding.js';
import { documentedResponse, hasBody } from './response-media.js';

/** The response body matches the schema documented for its status (errors included). */
export const responseSchema: Check = (exchange, ctx) => {
  const documented = documentedResponse(exchange);
  const media = documented?.content ? Object.values(documented.content)[0] : undefined;
  if (!media?.schema) return [];
  const status = exchange.response.status;
  // `x-body-optional`: a documented body that only some requests get (Nova's 202 carries one from 2.45 on).
  const optional = (documented as { 'x-body-optional'?: boolean })['x-body-optional'] === true;
  if (!hasBody(exchange))
    return optional
      ? []
      : [finding(exchange, 'response-schema', 'body missing', `Status ${status} documents a body; none was received.`, 'Send the documented body.', `/responses/${status}`)];
  if (typeof exchange.response.body === 'string')
    return [
      finding(
        exchange,
        'response-schema',
        'body is not JSON',
        `Status ${status} documents a JSON body; received: ${exchange.response.text.slice(0, 120)}`,
        'Answer with the documented JSON body.',
        `/responses/${status}`,
      ),
    ];
  const verdict = ctx.validator.validate(media.schema, exchange.response.body);
  if (verdict.valid) return [];
  return [
    finding(
      exchange,
      'response-schema',
      'body does not match the schema',
      `Status ${status} body: ${verdict.errors.slice(0, 5).join('; ')}${verdict.errors.length > 5 ? ` (+${verdict.errors.length - 5} more)` : ''}.`,
      'Return every required field with its documented type.',
      `/responses/${status}/content`,
    ),
  ];
};
