import { randomBytes } from 'node:crypto';
import type { Directory, EnterpriseProject, Project, User } from './directory.js';
import type { PolicyAttachment } from './policy-document.js';

/** A principal of the run contract: who it is, and what the suite may assume it is granted. */
export interface PrincipalSpec {
  /** Allowed action patterns. */
  actions: string[];
  /** Denied action patterns (Deny wins). */
  deny?: string[];
  project: 'primary' | 'secondary' | 'tertiary';
  /** Grant the actions at enterprise-project scope instead of project scope. */
  enterpriseProject?: boolean;
  /**
   * How the printed suite config lets the suite authenticate as it: a pre-issued token (default), a password,
   * an access key pair (AK/SK signing), or a token sent as a static `headers` entry.
   */
  auth?: 'token' | 'password' | 'aksk' | 'headers';
}

/**
 * The principals every mock starts with: what the suite's checks need to see each IAM outcome.
 * owner/reader/none/noDelete/epAdmin and the *Reader ones act in the primary project, member in a second one (it receives shares),
 * stranger in a third (it must see nothing private of the others).
 */
export const DEFAULT_PRINCIPALS: Record<string, PrincipalSpec> = {
  owner: { actions: ['ims:*:*', 'ecs:*:*', 'evs:*:*'], project: 'primary' },
  member: { actions: ['ims:*:*'], project: 'secondary' },
  stranger: { actions: ['ims:*:*'], project: 'tertiary' },
  reader: { actions: ['ims:images:list', 'ims:images:get'], project: 'primary' },
  none: { actions: [], project: 'primary' },
  noDelete: { actions: ['ims:*:*'], deny: ['ims:images:delete'], project: 'primary' },
  epAdmin: { actions: ['ims:*:*'], project: 'primary', enterpriseProject: true },
  // Signs in with a password, so POST /v3/auth/tokens and password principals run end to end.
  passwordReader: { actions: ['ims:images:list', 'ims:images:get'], project: 'primary', auth: 'password' },
  // Every other way in, end to end: requests signed with an AK/SK, and a token sent as a static header.
  akskReader: { actions: ['ims:images:list', 'ims:images:get'], project: 'primary', auth: 'aksk' },
  headersReader: { actions: ['ims:images:list', 'ims:images:get'], project: 'primary', auth: 'headers' },
};

export interface SeededPrincipal {
  name: string;
  spec: PrincipalSpec;
  user: User;
  project: Project;
  enterpriseProject: EnterpriseProject | undefined;
}

export interface SeededIdentity {
  domainName: string;
  projects: { primary: Project; secondary: Project; tertiary: Project };
  enterpriseProject: EnterpriseProject;
  principals: SeededPrincipal[];
}

/** The one policy a principal's user gets: its Allow and Deny statements, in the project or the enterprise project. */
export function policiesFor(spec: PrincipalSpec, enterpriseProject: EnterpriseProject): PolicyAttachment[] {
  const statements = [
    ...(spec.actions.length > 0 ? [{ Effect: 'Allow' as const, Action: spec.actions }] : []),
    ...(spec.deny && spec.deny.length > 0 ? [{ Effect: 'Deny' as const, Action: spec.deny }] : []),
  ];
  if (statements.length === 0) return [];
  return [{ where: spec.enterpriseProject ? { enterpriseProject: enterpriseProject.id } : { project: true }, Statement: statements }];
}

/** Creates the account, its three projects, one enterprise project and a user per principal. */
export function seedIdentity(directory: Directory, principals: Record<string, PrincipalSpec>): SeededIdentity {
  const domain = directory.addDomain('ims-mock-account');
  const projects = {
    primary: directory.addProject('tenant-a', domain.id),
    secondary: directory.addProject('tenant-b', domain.id),
    tertiary: directory.addProject('tenant-c', domain.id),
  };
  const enterpriseProject = directory.addEnterpriseProject('ep-apps', domain.id);
  const seeded = Object.entries(principals).map(([name, spec]) => {
    const project = projects[spec.project];
    const user = directory.addUser({
      name,
      password: randomBytes(12).toString('base64url'),
      domainId: domain.id,
      projectId: project.id,
      policies: policiesFor(spec, enterpriseProject),
    });
    return { name, spec, user, project, enterpriseProject: spec.enterpriseProject ? enterpriseProject : undefined };
  });
  return { domainName: domain.name, projects, enterpriseProject, principals: seeded };
}
