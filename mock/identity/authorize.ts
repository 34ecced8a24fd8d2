import { requiredActions } from '../../src/spec/iam-facts.js';
import type { SpecOperation } from '../../src/spec/operations.js';
import type { FaultSet } from '../faults/catalogue.js';
import type { User } from './directory.js';
import { evaluate, type Decision } from '../../src/iam/policy.js';

/**
 * Evaluates the caller's policies against the IAM facts the spec states for the operation (`x-iam-*`),
 * conditional actions included, judged from the request body.
 */
export function authorize(op: SpecOperation, user: User, body: unknown, faults: FaultSet): Decision {
  let actions = requiredActions(op.iam, body);
  if (faults.has('iam-delete-not-enforced')) actions = actions.filter((a) => a !== 'ims:images:delete');
  if (faults.has('iam-over-restrictive') && op.method === 'get' && op.path === '/v2/images/{image_id}') actions = [...actions, 'ims:images:update'];
  const epSupported = op.iam.scopes.enterpriseProject || faults.has('ep-scope-not-enforced');
  return evaluate(user.grants, actions, epSupported);
}

