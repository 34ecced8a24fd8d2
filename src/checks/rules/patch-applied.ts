import { defineCheck, type Check } from '../finding.js';
import { effectFinding, show, successBody, unjudged } from './effect-finding.js';

export const PATCH_APPLIED = {
  checkId: 'patch-applied',
  hint: 'Apply every operation of an accepted JSON patch to the stored image: the answer and every later read show the new values.',
} as const;

/**
 * The image in a 2xx answer carries the attribute values the model holds after a successful PATCH: the PATCH's
 * own answer (`when`: "in the PATCH answer") and every later read (`when`: "on the next GET").
 */
export function attributesAre(expected: Readonly<Record<string, unknown>>, when: string): Check {
  return defineCheck(PATCH_APPLIED.checkId, (exchange) => {
    const body = successBody(exchange);
    if (!body) return [unjudged(exchange, PATCH_APPLIED, 'an image')];
    return Object.entries(expected)
      .filter(([key, value]) => body[key] !== value)
      .map(([key, value]) =>
        effectFinding(
          exchange,
          PATCH_APPLIED,
          'patch not applied',
          `${when}, \`${key}\` is ${show(body[key])}; the PATCH that set it to ${show(value)} was answered with success.`,
        ),
      );
  });
}
