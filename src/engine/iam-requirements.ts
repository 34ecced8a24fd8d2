import { evaluate, type Grant } from '../iam/policy.js';
import { valueAt } from '../model/json-pointer.js';
import type { IamCondition, IamFacts } from '../model/operation.js';

/**
 * What the IAM facts of an operation ask of one request: the actions it needs (conditional ones judged from its
 * body) and the status a denial gets. The spec only reads the facts (src/spec/iam-facts.ts); deciding with them
 * is the engine's, beside the expectations built on them (expected-decision.ts).
 */

/** Whether a conditional action's (or a prerequisite's) condition holds for this request body. */
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

/** The status a caller with these grants gets when the facts deny it: per the first action it lacks that has one. */
export function denialStatusFor(facts: IamFacts, grants: Grant[]): number {
  for (const [action, status] of Object.entries(facts.denial.whenLacking))
    if (!evaluate(grants, [action], facts.scopes.enterpriseProject).allowed) return status;
  return facts.denial.status;
}
