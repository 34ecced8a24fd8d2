import { actionMatches } from '../iam/policy.js';
import type { PrincipalConfig } from '../config/config.js';
import type { IamPrerequisite, SpecOperation } from '../model/operation.js';
import { specActions } from '../../generators/principals.js';

/** A Huawei Cloud IAM custom policy (fine-grained, policy syntax version 1.1). */
export interface HuaweiPolicy {
  Version: '1.1';
  Statement: { Effect: 'Allow' | 'Deny'; Action: string[] }[];
}

/**
 * The custom policy granting exactly a principal's declared `actions` and `deny`; undefined when it declares
 * neither (IAM has no empty policy: such a user simply gets none attached).
 */
export function policyDocument(principal: Pick<PrincipalConfig, 'actions' | 'deny'>): HuaweiPolicy | undefined {
  const statements: HuaweiPolicy['Statement'] = [
    ...(principal.actions.length > 0 ? [{ Effect: 'Allow' as const, Action: [...principal.actions] }] : []),
    ...(principal.deny && principal.deny.length > 0 ? [{ Effect: 'Deny' as const, Action: [...principal.deny] }] : []),
  ];
  return statements.length > 0 ? { Version: '1.1', Statement: statements } : undefined;
}

/**
 * Patterns (wildcards included) that match no action the spec's IAM facts use: a typo, or a grant the suite can
 * never judge. The action names come from the loaded spec, never from a list kept here.
 */
export function unknownActions(patterns: readonly string[], operations: readonly SpecOperation[]): string[] {
  const known = specActions(operations);
  return patterns.filter((p) => !known.some((a) => actionMatches(p, a)));
}

/** What a principal may do by its declared grants: the spec's actions it is allowed and not denied. */
export function grantedActions(principal: Pick<PrincipalConfig, 'actions' | 'deny'>, operations: readonly SpecOperation[]): string[] {
  return specActions(operations).filter((a) => principal.actions.some((p) => actionMatches(p, a)) && !(principal.deny ?? []).some((p) => actionMatches(p, a)));
}

/**
 * Whether the principal's grants allow the operation for some request: every unconditional action, and, for an
 * operation guarded only by conditional actions (quick import: system or data image), one of them.
 */
function allowsSome(granted: ReadonlySet<string>, op: SpecOperation): boolean {
  const { actions, conditionalActions } = op.iam;
  if (actions.length === 0 && conditionalActions.length === 0) return false;
  return actions.every((a) => granted.has(a)) && (actions.length > 0 || conditionalActions.some((c) => granted.has(c.action)));
}

const holds = (principal: Pick<PrincipalConfig, 'roles'>, prerequisite: IamPrerequisite): boolean =>
  prerequisite.anyOf.some(({ service, role }) => (principal.roles ?? []).some((held) => held.trim().toLowerCase() === `${service} ${role}`.toLowerCase()));

/**
 * Other services' permissions (`x-iam-prerequisites`) the principal needs for operations its grants allow: IMS
 * actions alone do not let it import from OBS or make an image of a CBR backup. Only the principals the suite
 * expects to succeed there need them: the owner, who sends every documented request (imports, exports, whole
 * images), and a principal whose `roles` already lists one (its iam-allowed probe is then judged); any other one's
 * probe of such an operation is skipped with the reason, so it needs nothing of another service.
 */
export function prerequisitesFor(
  name: string,
  principal: Pick<PrincipalConfig, 'actions' | 'deny' | 'roles'>,
  operations: readonly SpecOperation[],
): { operationId: string; prerequisite: IamPrerequisite }[] {
  const granted = new Set(grantedActions(principal, operations));
  return operations.flatMap((op) =>
    allowsSome(granted, op)
      ? op.iamPrerequisites.filter((p) => name === 'owner' || holds(principal, p)).map((prerequisite) => ({ operationId: op.operationId, prerequisite }))
      : [],
  );
}

/**
 * Keystone roles of OpenStack's shipped Glance policy (glance/policies/image.py, secure-RBAC personas) as the
 * actions of the run contract, the mapping scripts/openstack/up.sh deploys and examples/openstack.yaml states:
 * `reader` lists and shows images and their members, `member` does everything the suite sends, a role no Glance
 * rule names (`ims-none`, created by up.sh) nothing. Narrowest first.
 */
export const GLANCE_ROLES: readonly { role: string; actions: string[] }[] = [
  { role: 'ims-none', actions: [] },
  { role: 'reader', actions: ['ims:images:list', 'ims:images:get'] },
  { role: 'member', actions: ['ims:images:*'] },
];

/**
 * The Keystone role whose Glance grants equal the declared ones (compared over the spec's actions of the
 * profile); undefined when no shipped role grants exactly them.
 */
export function keystoneRole(principal: Pick<PrincipalConfig, 'actions' | 'deny'>, operations: readonly SpecOperation[]): string | undefined {
  const wanted = grantedActions(principal, operations).join(' ');
  return GLANCE_ROLES.find((r) => grantedActions({ actions: r.actions }, operations).join(' ') === wanted)?.role;
}
