import { evaluate, type Grant } from '../iam/policy.js';
import { valueAt } from '../model/json-pointer.js';
import type { DenialStatus, IamCondition, IamFacts } from '../model/operation.js';

export function conditionHolds(condition: IamCondition, body: unknown): boolean {
  if ('jsonPatchPath' in condition) {
    return Array.isArray(body) && body.some((op) => op !== null && typeof op === 'object' && (op as { path?: unknown }).path === condition.jsonPatchPath);
  }
  const value = valueAt(body, condition.bodyField);
  if ('present' in condition) return (value !== undefined) === condition.present;
  return 'equals' in condition ? value === condition.equals : value !== condition.notEquals;
}

/** Every action a request needs: the unconditional ones plus each conditional one whose condition holds. */
export function requiredActions(facts: IamFacts, body: unknown): string[] {
  const conditional = facts.conditionalActions.filter((c) => conditionHolds(c.condition, body)).map((c) => c.action);
  return [...new Set([...facts.actions, ...conditional])];
}

/** `x-iam-denial-status`: a status for every denial, or `{action: status}` for callers lacking those actions. */
export function parseDenialStatus(value: unknown): DenialStatus | undefined {
  if (value === undefined) return { status: 403, whenLacking: {} };
  if (typeof value === 'number' && Number.isInteger(value)) return { status: value, whenLacking: {} };
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => Number.isInteger(v)))
    return { status: 403, whenLacking: value as Record<string, number> };
  return undefined;
}

/** The status a caller with these grants gets when the facts deny it: per the first action it lacks that has one. */
export function denialStatusFor(facts: IamFacts, grants: Grant[]): number {
  for (const [action, status] of Object.entries(facts.denial.whenLacking))
    if (!evaluate(grants, [action], facts.scopes.enterpriseProject).allowed) return status;
  return facts.denial.status;
}
