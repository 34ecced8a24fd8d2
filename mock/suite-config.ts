import type { MockState } from './context.js';

/** A principal as the run contract writes it (the mock hands out tokens). */
export interface ContractPrincipal {
  token?: string;
  password?: { domain: string; user: string; password: string; projectId: string };
  aksk?: { ak: string; sk: string };
  headers?: Record<string, string>;
  actions: string[];
  deny?: string[];
  projectId?: string;
  enterpriseProjectId?: string;
}

/** The run contract the suite reads (`--config`); the mock prints one that points at itself. */
export interface ContractConfig {
  target: string;
  endpoints: { compute: string; iam: string };
  projectId: string;
  principals: Record<string, ContractPrincipal>;
  fixtures: Record<string, string>;
}

const TOKEN_TTL_FOR_CONFIG_MS = 24 * 3600_000;

/** Issues a day-long token per principal and writes the config a suite run against this mock needs. */
export function suiteConfigFor(state: MockState): ContractConfig {
  const primary = state.identity.projects.primary.id;
  const principals: Record<string, ContractPrincipal> = {};
  for (const p of state.identity.principals) {
    const token = (): string => state.directory.issueToken(p.user, p.project.id, TOKEN_TTL_FOR_CONFIG_MS).value;
    const credentials =
      p.spec.auth === 'password'
        ? { password: { domain: state.identity.domainName, user: p.user.name, password: p.user.password, projectId: p.project.id } }
        : p.spec.auth === 'aksk'
          ? { aksk: state.directory.addAccessKey(p.user.id) }
          : p.spec.auth === 'headers'
            ? { headers: { 'X-Auth-Token': token() } }
            : { token: token() };
    principals[p.name] = {
      ...credentials,
      actions: p.spec.actions,
      ...(p.spec.deny ? { deny: p.spec.deny } : {}),
      ...(p.spec.roles ? { roles: p.spec.roles } : {}),
      ...(p.project.id !== primary ? { projectId: p.project.id } : {}),
      ...(p.enterpriseProject ? { enterpriseProjectId: p.enterpriseProject.id } : {}),
    };
  }
  return {
    target: state.baseUrl,
    endpoints: { compute: state.baseUrl, iam: state.baseUrl },
    projectId: primary,
    principals,
    fixtures: { ...state.fixtureSummary },
  };
}
