import type { PrincipalConfig } from '../config/config.js';
import { evaluate, type Decision, type Grant, type Statement } from '../iam/policy.js';
import { conditionHolds, denialStatusFor, requiredActions } from './iam-requirements.js';
import type { IamPrerequisite, ServiceRole, SpecOperation } from '../model/operation.js';
import type { RunContext } from './run-context.js';

/**
 * What the run contract says a principal is granted, as IAM grants: `actions` allowed and `deny` denied, bound to
 * its enterprise project when `enterpriseProjectId` is set (the grant then reaches only that enterprise
 * project's resources), else to its whole project. The suite derives expected IAM answers from this alone.
 */
export function grantsOf(principal: Pick<PrincipalConfig, 'actions' | 'deny' | 'enterpriseProjectId'>): Grant[] {
  const statements: Statement[] = [];
  if (principal.actions.length > 0) statements.push({ effect: 'Allow', actions: principal.actions });
  if (principal.deny && principal.deny.length > 0) statements.push({ effect: 'Deny', actions: principal.deny });
  if (statements.length === 0) return [];
  const scope: Grant['scope'] = principal.enterpriseProjectId
    ? { kind: 'enterpriseProject', enterpriseProjectId: principal.enterpriseProjectId }
    : { kind: 'project' };
  return [{ scope, statements }];
}

/** The decision IAM should reach for this principal sending this body to the operation (conditional actions included). */
export function expectedDecision(
  principal: Pick<PrincipalConfig, 'actions' | 'deny' | 'enterpriseProjectId'>,
  op: Pick<SpecOperation, 'iam'>,
  body: unknown,
): Decision {
  return evaluate(grantsOf(principal), requiredActions(op.iam, body), op.iam.scopes.enterpriseProject);
}

const holdsRole = (principal: Pick<PrincipalConfig, 'roles'>, { service, role }: ServiceRole): boolean =>
  (principal.roles ?? []).some((held) => held.trim().toLowerCase() === `${service} ${role}`.toLowerCase());

/**
 * The documented prerequisites (`x-iam-prerequisites`: another service's role the seed notes ask for, e.g. OBS
 * Tenant Administrator before an import) that apply to this request and that the principal holds none of the
 * roles of. Such a principal may hold every IMS action and still be refused, in a way no document states, so it
 * is not expected to succeed.
 */
export function missingPrerequisites(principal: Pick<PrincipalConfig, 'roles'>, op: Pick<SpecOperation, 'iamPrerequisites'>, body: unknown): IamPrerequisite[] {
  return op.iamPrerequisites.filter((p) => (p.condition === undefined || conditionHolds(p.condition, body)) && !p.anyOf.some((r) => holdsRole(principal, r)));
}

/** How missing prerequisites read in a skip reason: `obs Tenant Administrator (seed-T001)`. */
export function describePrerequisites(missing: readonly IamPrerequisite[]): string {
  return missing.map((p) => `${p.anyOf.map((r) => `${r.service} ${r.role}`).join(' or ')} (${p.source})`).join(', ');
}

/** The status a principal the facts deny must get: 403, or what the profile documents for the actions it lacks. */
export function expectedDenialStatus(principal: Pick<PrincipalConfig, 'actions' | 'deny' | 'enterpriseProjectId'>, op: Pick<SpecOperation, 'iam'>): number {
  return denialStatusFor(op.iam, grantsOf(principal));
}

/** A configured principal and the project it acts in. */
export interface ActingPrincipal {
  name: string;
  project: string;
  config: PrincipalConfig;
}

/** Every configured principal with the project it acts in (those whose project cannot be told are left out). */
export async function actingPrincipals(ctx: RunContext): Promise<ActingPrincipal[]> {
  const found: ActingPrincipal[] = [];
  for (const [name, config] of Object.entries(ctx.config.principals)) {
    const project = await ctx.credentials.projectOf(name);
    if (project) found.push({ name, project, config });
  }
  return found;
}

/** How a decision reads in a finding: `denied (no policy allows ims:images:delete)`, `allowed in enterprise projects ep1`. */
export function describeDecision(decision: Decision): string {
  if (!decision.allowed) return `denied (${decision.reason})`;
  return decision.access === 'project' ? 'allowed' : `allowed in enterprise project ${decision.enterpriseProjectIds.join(', ')} only`;
}
