import { PROFILES } from '../spec/operations.js';
import { choice, commandArgs, type CommandIo } from './command-args.js';
import type { PrincipalConfig } from '../config/config.js';
import type { Profile } from '../spec/profile-overlay.js';
import { readDataFile } from '../config/read-data-file.js';
import { keystoneRole, policyDocument, prerequisitesFor, unknownActions, type HuaweiPolicy } from '../preflight/iam-policies.js';
import { purposeOf } from '../preflight/principal-catalogue.js';
import { loadSpec } from '../spec/load-spec.js';
import type { SpecOperation } from '../model/operation.js';

export interface PoliciesIo extends CommandIo {
  env: Record<string, string | undefined>;
}

export const POLICIES_USAGE = `usage: ims-conformance policies --config FILE [--profile ims|openstack] [--format huawei-iam|json]
Prints, for each principal of the config, the IAM custom policy (ims) or Keystone role (openstack) that grants what its
\`actions\` say and denies what its \`deny\` says, the cross-service prerequisites it needs, and where to attach them.
--format json gives the same as one JSON document. IMS_CONFIG stands in for --config.
exit 0 = printed · 2 = usage error, or a config that cannot be read or names actions the spec does not know
`;

interface ContractView {
  profile: Profile;
  projectId: string | undefined;
  principals: Record<string, PrincipalConfig>;
}

/** One principal's entry in the `--format json` answer. */
export interface PrincipalPolicy {
  name: string;
  purpose: string;
  /** Where the policy is attached: the project (its id as configured), or only one enterprise project. */
  attach: { project: string | undefined } | { enterpriseProject: string };
  /** ims profile: the custom policy (none for a principal granted nothing). */
  policy?: HuaweiPolicy;
  /** openstack profile: the Keystone role on its project (undefined: no shipped Glance role grants exactly this). */
  keystoneRole?: string | undefined;
  /** Other services' permissions its allowed operations also need. */
  prerequisites: string[];
  signIn: string;
}

/**
 * Reads the run contract without needing its secrets: `${VAR}`s that are not set stay as written (a policy needs
 * no token), so `policies` works on the file `init` wrote before any credential exists.
 */
function readContract(path: string, env: Record<string, string | undefined>): ContractView | string {
  const read = readDataFile('--config', path);
  if (!read.ok) return read.problem;
  const keep = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, name: string, fallback: string | undefined) => env[name] ?? fallback ?? whole)
      : Array.isArray(value)
        ? value.map(keep)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keep(v)]))
          : value;
  const data = keep(read.data) as { profile?: unknown; projectId?: unknown; principals?: unknown } | null;
  if (!data || typeof data !== 'object' || !data.principals || typeof data.principals !== 'object') return `--config ${path}: no principals`;
  for (const [name, p] of Object.entries(data.principals as Record<string, { actions?: unknown }>))
    if (!Array.isArray(p?.actions) || !p.actions.every((a) => typeof a === 'string'))
      return `--config ${path}: principals.${name}.actions must be a list of action names`;
  return {
    profile: data.profile === 'openstack' ? 'openstack' : 'ims',
    projectId: typeof data.projectId === 'string' ? data.projectId : undefined,
    principals: data.principals as Record<string, PrincipalConfig>,
  };
}

function signInOf(p: PrincipalConfig): string {
  if (p.password) return `user ${p.password.user} of account/domain ${p.password.domain} (password)`;
  if (p.aksk) return 'an access key of its user (HUAWEICLOUD_SDK_AK / _SK)';
  if (p.cloud) return `clouds.yaml cloud ${p.cloud}`;
  if (p.headers) return 'static headers (a token of its user)';
  return 'a token of its user (X-Auth-Token)';
}

/** `ims-conformance policies --config FILE [--profile ims|openstack] [--format huawei-iam|json]`. */
export async function policiesCommand(argv: string[], io: PoliciesIo): Promise<number> {
  const parsed = commandArgs(
    'policies',
    argv,
    { options: { config: { type: 'string' }, format: { type: 'string' }, profile: { type: 'string' } }, usage: POLICIES_USAGE },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const format = choice('policies', 'format', values.format ?? 'huawei-iam', ['huawei-iam', 'json'], io);
  if (!format) return 2;
  const path = values.config ?? io.env.IMS_CONFIG;
  if (!path) {
    io.err('ims-conformance policies: --config FILE is required (`ims-conformance init` writes one)');
    return 2;
  }
  const contract = readContract(path, io.env);
  if (typeof contract === 'string') {
    io.err(`ims-conformance policies: ${contract}`);
    return 2;
  }
  const profile = values.profile === undefined ? contract.profile : choice('policies', 'profile', values.profile, PROFILES, io);
  if (!profile) return 2;
  const operations = (await loadSpec(undefined, profile)).operations.filter((op) => op.profiles.includes(profile));
  const problems = Object.entries(contract.principals).flatMap(([name, p]) =>
    unknownActions([...p.actions, ...(p.deny ?? [])], operations).map(
      (a) => `principals.${name}: "${a}" matches no action of the spec’s IAM facts (\`ims-conformance list\` shows them)`,
    ),
  );
  if (problems.length > 0) {
    for (const problem of problems) io.err(`ims-conformance policies: ${problem}`);
    return 2;
  }
  const entries = Object.entries(contract.principals).map(([name, p]) => principalPolicy(name, p, contract, profile, operations));
  if (format === 'json') {
    io.out(JSON.stringify({ profile, principals: entries }, null, 2));
    return 0;
  }
  for (const line of profile === 'ims' ? huaweiGuide(entries, contract.projectId) : keystoneGuide(entries)) io.out(line);
  return 0;
}

/** What one principal needs granted under the profile, and how it signs in. */
function principalPolicy(name: string, p: PrincipalConfig, contract: ContractView, profile: Profile, operations: readonly SpecOperation[]): PrincipalPolicy {
  const projectId = p.projectId ?? p.password?.projectId ?? contract.projectId;
  const policy = policyDocument(p);
  return {
    name,
    purpose: purposeOf(name),
    attach: p.enterpriseProjectId ? { enterpriseProject: p.enterpriseProjectId } : { project: projectId ?? p.password?.project },
    ...(profile === 'ims' ? (policy ? { policy } : {}) : { keystoneRole: keystoneRole(p, operations) }),
    prerequisites: prerequisiteLines(name, p, operations),
    signIn: signInOf(p),
  };
}

/** One line per role of another service, naming every operation that needs it. */
function prerequisiteLines(name: string, p: PrincipalConfig, operations: readonly SpecOperation[]): string[] {
  const byRole = new Map<string, Set<string>>();
  for (const { operationId, prerequisite } of prerequisitesFor(name, p, operations)) {
    const role = prerequisite.anyOf.map((r) => `${r.service} ${r.role}`).join(' or ');
    byRole.set(role, (byRole.get(role) ?? new Set()).add(`${operationId}${prerequisite.when ? ` (${prerequisite.when})` : ''} [${prerequisite.source}]`));
  }
  return [...byRole.entries()].map(([role, uses]) => `${role}, for ${[...uses].join(', ')}`);
}

function huaweiGuide(entries: PrincipalPolicy[], ownerProject: string | undefined): string[] {
  const lines = [
    '# IAM setup for this run contract (Huawei Cloud IAM, fine-grained custom policies, policy version 1.1)',
    '#',
    '# For each principal below: create an IAM user (IAM console → Users → Create User; programmatic access for',
    '# tokens or an access key), create the custom policy shown (IAM → Permissions → Policies/Roles → Create Custom',
    '# Policy, JSON view, scope "Project-level services"), and grant it to a user group of that user in the project',
    '# or enterprise project named. member and stranger must act in projects other than the owner’s (and than each',
    `# other’s); the owner’s project is ${ownerProject ?? 'the config’s projectId (not set)'}.`,
    '# Then `ims-conformance doctor --config <file>` checks that every principal signs in and is granted what it says.',
  ];
  for (const e of entries) {
    lines.push('', `## ${e.name} — ${e.purpose}`);
    lines.push(`sign-in: ${e.signIn}`);
    if ('enterpriseProject' in e.attach)
      lines.push(
        `grant in: enterprise project ${e.attach.enterpriseProject} ONLY (Enterprise → Project Management → the project → Permissions), not at project scope`,
      );
    else
      lines.push(
        `grant in: project ${e.attach.project ?? '(the config’s projectId)'}${e.attach.project && e.attach.project !== ownerProject ? ' (not the owner’s)' : ''}`,
      );
    if (e.policy) lines.push(`custom policy "imsc-${e.name}":`, JSON.stringify(e.policy, null, 2));
    else lines.push('custom policy: none — attach no IMS permission at all (the suite expects every IAM-guarded call refused)');
    for (const p of e.prerequisites) lines.push(`also needs: ${p}`);
  }
  return lines;
}

function keystoneGuide(entries: PrincipalPolicy[]): string[] {
  const lines = [
    '# Keystone role assignments for this run contract (OpenStack Glance with its shipped default policy:',
    '# secure-RBAC personas, enforce_new_defaults; no policy file). As the admin, per principal:',
    '#   openstack role add --user <user> --user-domain <domain> --project <project> --project-domain <domain> <role>',
    '# A role no Glance rule names (`openstack role create ims-none`) makes a principal that is granted nothing.',
  ];
  for (const e of entries) {
    const project = 'project' in e.attach ? (e.attach.project ?? '(the config’s project)') : e.attach.enterpriseProject;
    lines.push('', `## ${e.name} — ${e.purpose}`, `sign-in: ${e.signIn}`);
    lines.push(
      e.keystoneRole
        ? `role: ${e.keystoneRole} on project ${project}`
        : `role: none of Glance’s shipped roles grants exactly its actions; change its actions to those of reader (ims:images:list, ims:images:get), member (ims:images:*) or none ([])`,
    );
  }
  return lines;
}
