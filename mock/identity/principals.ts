import { randomBytes } from 'node:crypto';
import type { Directory, EnterpriseProject, Project, User } from './directory.js';
import type { PolicyAttachment } from './policy-document.js';
import type { PrincipalSpec } from '../../src/model/principals.js';

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
      // Never a leading '-': command-line clients (argparse) would read `--os-password -abc` as another option.
      password: `p${randomBytes(12).toString('base64url')}`,
      domainId: domain.id,
      projectId: project.id,
      policies: policiesFor(spec, enterpriseProject),
    });
    return { name, spec, user, project, enterpriseProject: spec.enterpriseProject ? enterpriseProject : undefined };
  });
  return { domainName: domain.name, projects, enterpriseProject, principals: seeded };
}
