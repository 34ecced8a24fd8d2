import type { DenialStatus } from '../model/operation.js';

/** `x-iam-denial-status`: a status for every denial, or `{action: status}` for callers lacking those actions. */
export function parseDenialStatus(value: unknown): DenialStatus | undefined {
  if (value === undefined) return { status: 403, whenLacking: {} };
  if (typeof value === 'number' && Number.isInteger(value)) return { status: value, whenLacking: {} };
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => Number.isInteger(v)))
    return { status: 403, whenLacking: value as Record<string, number> };
  return undefined;
}
