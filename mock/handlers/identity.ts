import type { Handler, RequestContext } from '../context.js';
import type { Token, User } from '../identity/directory.js';
import { gatewayError, json } from '../http/responses.js';

interface PasswordAuth {
  auth: {
    identity: { methods: string[]; password: { user: { name: string; password: string; domain: { name?: string; id?: string } } } };
    scope: { project?: { id?: string; name?: string }; domain?: { id?: string; name?: string } };
  };
}

/**
 * POST /v3/auth/tokens (password method, project scope): 201 with `X-Subject-Token` and a catalog whose image,
 * compute and identity entries point at this mock, so OpenStack clients can discover it.
 */
const createToken: Handler = (ctx) => {
  const { state } = ctx;
  const { identity, scope } = (ctx.body as PasswordAuth).auth;
  const { user: who } = identity.password;
  const user = state.directory.findUser(who.domain.name, who.domain.id, who.name);
  if (!user || user.password !== who.password) return gatewayError(401, 'IAM.0004', 'The username or password is wrong.');
  if (!scope.project) return gatewayError(401, 'IAM.0005', 'IMS needs a project-scoped token; scope the request to a project.');
  const project = state.directory.projects.get(user.projectId);
  const wanted = scope.project;
  if (!project || (wanted.id !== undefined && wanted.id !== project.id) || (wanted.name !== undefined && wanted.name !== project.name))
    return gatewayError(401, 'IAM.0005', 'The user has no access to the requested project.');
  const token = state.directory.issueToken(user, project.id, state.options.tokenTtlMs);
  return json(201, tokenBody(ctx, user, token, ctx.query.nocatalog === undefined), { 'x-subject-token': token.value });
};

/** The token document Keystone answers on issue and on validation, with a catalog pointing at this mock. */
function tokenBody(ctx: RequestContext, user: User, token: Token, withCatalog: boolean): unknown {
  const { state } = ctx;
  const project = state.directory.projects.get(token.projectId);
  const domain = state.directory.domains.get(user.domainId);
  const base = state.baseUrl;
  const endpoint = (type: string, name: string, url: string) => ({
    type,
    name,
    id: `${name}-service`,
    endpoints: [{ id: `${name}-public`, interface: 'public', region: 'mock-region-1', region_id: 'mock-region-1', url }],
  });
  return {
    token: {
      expires_at: token.expiresAt.toISOString(),
      issued_at: token.issuedAt.toISOString(),
      methods: ['password'],
      ...(withCatalog
        ? {
            catalog: [
              endpoint('image', 'glance', base),
              endpoint('compute', 'nova', `${base}/v2.1/${token.projectId}`),
              endpoint('identity', 'keystone', `${base}/v3`),
            ],
          }
        : {}),
      roles: user.policies.length > 0 ? [{ id: 'custom-policy', name: 'ims-policy' }] : [],
      user: { id: user.id, name: user.name, domain: { id: user.domainId, name: domain?.name ?? '' } },
      project: { id: token.projectId, name: project?.name ?? token.projectId, domain: { id: user.domainId, name: domain?.name ?? '' } },
    },
  };
}

/** Keystone's error body (keystone/exception.py), which Huawei IAM answers too. */
const keystoneError = (status: number, title: string, message: string) => json(status, { error: { code: status, title, message } });

/**
 * GET /v3/auth/tokens: validates the `X-Subject-Token` for the caller (authenticated by `X-Auth-Token` in the
 * pipeline). A user may validate only their own tokens here (Huawei IAM asks Security Administrator for others';
 * Keystone's default policy lets the token's subject validate it); an unknown or expired subject is not found.
 */
const validateToken: Handler = (ctx) => {
  const { state, caller } = ctx;
  const subject = state.directory.checkToken(ctx.headers['x-subject-token']);
  if (!subject.ok) return keystoneError(404, 'Not Found', `Could not find token: ${subject.reason === 'expired' ? 'the token has expired' : 'no such token'}.`);
  if (!caller || caller.user.id !== subject.user.id) return keystoneError(403, 'Forbidden', 'You are not authorized to validate the token of another user.');
  return json(200, tokenBody(ctx, subject.user, subject.token, ctx.query.nocatalog === undefined), { 'x-subject-token': subject.token.value });
};

export const identityHandlers: Record<string, Handler> = { createToken, validateToken };
