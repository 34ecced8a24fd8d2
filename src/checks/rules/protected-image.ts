import { defineCheck } from '../finding.js';
import { effectFinding } from './effect-finding.js';

export const PROTECTED_UNDELETABLE = {
  checkId: 'protected-undeletable',
  hint: 'Refuse to delete an image whose `protected` is true (IMS: 400 IMG.0028; Glance: 403) and keep it; delete it once `protected` is false again.',
} as const;

// The refused DELETE itself is an error situation (spec/error-situations.yaml `protected-delete`): situation-checks.ts.

/** After the refused DELETE, the image is still there (200 by id). */
export const stillThere = defineCheck(PROTECTED_UNDELETABLE.checkId, (exchange) => {
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
});
