import type { Check } from '../finding.js';
import { effectFinding } from './effect-finding.js';

export const PROTECTED_UNDELETABLE = {
  checkId: 'protected-undeletable',
  documents: ['otc-image-attributes', 'otc-error-codes', 'glance-api-ref-images', 'glance-observed'],
  hint: 'Refuse to delete an image whose `protected` is true (IMG.0028; Glance: 403) and keep it; delete it once `protected` is false again.',
} as const;

/** Statuses the documents give a DELETE of a protected image: 403 (Glance, IMS's IMG.0028) or 409 (the spec's Glance-derived reading). */
const REFUSALS = [403, 409];

/** A DELETE of an image the model knows is protected is refused. */
export const protectedDeleteRefused: Check = (exchange) => {
  const { status } = exchange.response;
  if (REFUSALS.includes(status)) return [];
  return [
    effectFinding(
      exchange,
      PROTECTED_UNDELETABLE,
      'protected image deletable',
      `Expected ${REFUSALS.join(' or ')} for a DELETE of a protected image; received ${status}.`,
    ),
  ];
};

/** After the refused DELETE, the image is still there (200 by id). */
export const stillThere: Check = (exchange) => {
  const { status } = exchange.response;
  if (status === 200) return [];
  return [
    effectFinding(
      exchange,
      PROTECTED_UNDELETABLE,
      'protected image gone',
      `A protected image must survive a DELETE; reading it afterwards answered ${status}.`,
    ),
  ];
};
