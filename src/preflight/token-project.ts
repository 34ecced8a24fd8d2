import type { PrincipalConfig } from '../config/config.js';
import type { RunContext } from '../engine/run-context.js';

/** What the doctor could tell about the project a principal's credentials act in. */
export interface SeenProject {
  seen?: string;
  /** Why it could not be told (then the declared project is taken). */
  why: string;
}

/** The token a principal presents as itself: its `token`, or the X-Auth-Token among its headers. */
function presentedToken(p: PrincipalConfig): string | undefined {
  return p.token ?? Object.entries(p.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-auth-token')?.[1];
}

/**
 * The project a principal's credentials act in: a password principal's token says it; an AK/SK request names it
 * (X-Project-Id); a token is shown to the IAM endpoint's token validation (the `token.validate` probe, Keystone's
 * GET /v3/auth/tokens) as its own subject — a user may always validate their own token.
 */
export async function actualProject(ctx: RunContext, name: string, p: PrincipalConfig, declared: string | undefined): Promise<SeenProject> {
  if (p.password) {
    const seen = await ctx.credentials.projectOf(name);
    return seen ? { seen, why: '' } : { why: 'its token names no project' };
  }
  if (p.aksk) return declared ? { seen: declared, why: '' } : { why: 'AK/SK requests name their project; none is configured' };
  const token = presentedToken(p);
  if (!token) return { why: 'its headers carry no X-Auth-Token to ask about' };
  const validate = ctx.spec.probes.find((op) => op.roles.includes('token.validate') && op.profiles.includes(ctx.config.profile));
  if (!validate) return { why: `the ${ctx.config.profile} contract defines no token validation to ask` };
  const reply = await ctx.call(validate, { as: name }, { headers: { 'x-subject-token': token } });
  if (!reply.ok) return { why: `its token could not be validated (${reply.message})` };
  const { status, body } = reply.exchange.response;
  const seen = status === 200 ? (body as { token?: { project?: { id?: unknown } } } | undefined)?.token?.project?.id : undefined;
  if (typeof seen === 'string') return { seen, why: '' };
  if (status === 200) return { why: 'its token is not scoped to a project (GET /v3/auth/tokens names none)' };
  return {
    why: `the IAM endpoint does not validate its token (GET /v3/auth/tokens answered ${status}${status === 404 ? '; is endpoints.iam the IAM endpoint?' : ''})`,
  };
}
