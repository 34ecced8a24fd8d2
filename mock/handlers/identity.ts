import type { Handler } from '../context.js';
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
  const domain = state.directory.domains.get(user.domainId);
  const base = state.baseUrl;
  const endpoint = (type: string, name: string, url: string) => ({
    type,
    name,
    id: `${name}-service`,
    endpoints: [{ id: `${name}-public`, interface: 'public', region: 'mock-region-1', region_id: 'mock-region-1', url }],
  });
  const withCatalog = ctx.query.nocatalog === undefined;
  return json(
    201,
    {
      token: {
        expires_at: token.expiresAt.toISOString(),
        issued_at: token.issuedAt.toISOString(),
        methods: ['password'],
        ...(withCatalog
          ? { catalog: [endpoint('image', 'glance', base), endpoint('compute', 'nova', `${base}/v2.1/${project.id}`), endpoint('identity', 'keystone', `${base}/v3`)] }
          : {}),
        roles: user.policies.length > 0 ? [{ id: 'custom-policy', name: 'ims-policy' }] : [],
        user: { id: user.id, name: user.name, domain: { id: user.domainId, name: domain?.name ?? '' } },
        project: { id: project.id, name: project.name, domain: { id: user.domainId, name: domain?.name ?? '' } },
      },
    },
    { 'x-subject-token': token.value },
  );
};

export const identityHandlers: Record<string, Handler> = { createToken };
