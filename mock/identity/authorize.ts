import type { SpecOperation } from '../../src/model/operation.js';
import type { FaultSet } from '../faults/catalogue.js';
import type { User } from './directory.js';
import { ruleFor, neededActions, type PermissionRule } from './permission-rows.js';
import { decide, type MockDecision } from './policy-document.js';

/**
 * Decides a call by the permission-table row of its method and path: the actions it needs (conditional ones
 * judged from the request body) against the user's attached policies, with the mock's own evaluator.
 */
export function authorize(rules: Map<string, PermissionRule>, op: SpecOperation, user: User, body: unknown, faults: FaultSet): MockDecision {
  const rule = ruleFor(rules, op.method, op.path);
  let actions = neededActions(rule, body);
  if (faults.has('iam-delete-not-enforced')) actions = actions.filter((a) => a !== 'ims:images:delete');
  if (faults.has('iam-over-restrictive') && op.method === 'get' && op.path === '/v2/images/{image_id}') actions = [...actions, 'ims:images:update'];
  const scopes = { ...rule.scopes, enterpriseProject: rule.scopes.enterpriseProject || faults.has('ep-scope-not-enforced') };
  return decide(user.policies, actions, scopes);
}

/**
 * The status a refused caller gets: 403, unless the served contract documents another (`x-iam-denial-status`,
 * e.g. Glance's 404 to a caller that may not read the image) — for every denial, or for callers the mock's
 * evaluator finds lacking a particular action.
 */
export function denialStatus(rules: Map<string, PermissionRule>, op: SpecOperation, user: User): number {
  const { scopes } = ruleFor(rules, op.method, op.path);
  for (const [action, status] of Object.entries(op.iam.denial.whenLacking)) if (!decide(user.policies, [action], scopes).allowed) return status;
  return op.iam.denial.status;
}
