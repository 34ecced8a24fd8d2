import type { Config, PrincipalConfig } from '../config/config.js';
import { row, type DoctorRow } from './doctor-row.js';
import { listed } from './listed-names.js';

/** The enterprise project resources land in when none is named (Huawei's "default"). */
const DEFAULT_ENTERPRISE_PROJECT = '0';

type Projects = Record<string, string | undefined>;

/**
 * The parts the suite's checks need someone to play, by where principals act (not by name): without them those
 * checks are skipped, so the doctor fails.
 */
export function roleRows(config: Config, projects: Projects): DoctorRow[] {
  const owner = config.principals.owner;
  if (!owner) return [row('principal owner', 'fail', 'principals.owner is required: it owns every image the run creates')];
  const ownerProject = projects.owner;
  const others = Object.keys(config.principals).filter((n) => n !== 'owner');
  const elsewhere = others.filter((n) => projects[n] && projects[n] !== ownerProject);
  const member = elsewhere.includes('member') ? 'member' : elsewhere[0];
  const limited = others.filter((n) => projects[n] === ownerProject);
  // Without a principal named member the run shares with the first principal in another project (preconditions.ts
  // memberPrincipal): the stranger then plays the member, and it is the member that is missing, not the stranger.
  const standIn = member !== undefined && member !== 'member' && config.principals.member === undefined;
  return [
    ...sharingOwnerProjectRows(others, projects),
    standIn ? standInRow(member, elsewhere, projects) : memberRow(member, projects),
    ...(standIn && elsewhere.length < 2 ? [] : [strangerRow(elsewhere, member, projects)]),
    limitedRow(limited),
    // Enterprise projects are IMS's; a plain Glance has none to isolate.
    ...(config.profile === 'ims' ? [enterpriseProjectRow(config, owner, limited)] : []),
    passwordRow(config),
  ];
}

/** A principal named member or stranger that acts in the owner's project cannot play its part. */
function sharingOwnerProjectRows(others: readonly string[], projects: Projects): DoctorRow[] {
  const ownerProject = projects.owner;
  return others
    .filter((n) => ['member', 'stranger'].includes(n) && projects[n] === ownerProject)
    .map((n) =>
      row(
        `principal ${n}: project differs from the owner’s`,
        'fail',
        `principals.${n} acts in the owner’s project ${ownerProject ?? ''}: give it a user in another project (principals.${n}.projectId)`,
      ),
    );
}

function memberRow(member: string | undefined, projects: Projects): DoctorRow {
  return member
    ? row('a member in another project', 'ok', `${member} (${projects[member]})`)
    : row(
        'a member in another project',
        'fail',
        'no principal acts in another project than the owner’s: sharing, jobs and lifecycle checks would be skipped (principals.member with its projectId)',
      );
}

function standInRow(standIn: string, elsewhere: readonly string[], projects: Projects): DoctorRow {
  const third = elsewhere.filter((n) => projects[n] !== projects[standIn]);
  return row(
    'a member in another project',
    third.length > 0 ? 'warn' : 'fail',
    third.length > 0
      ? `principals.member is missing: ${standIn} (${projects[standIn]}) is shared with instead`
      : `principals.member is missing: ${standIn} plays the member, so no principal is left in a third project and tenant-isolation would be skipped; add principals.member with its projectId`,
  );
}

function strangerRow(elsewhere: readonly string[], member: string | undefined, projects: Projects): DoctorRow {
  const third = elsewhere.filter((n) => member && projects[n] !== projects[member]);
  return third.length > 0
    ? row('a stranger in a third project', 'ok', `${third[0]} (${projects[third[0] as string]})`)
    : row(
        'a stranger in a third project',
        'fail',
        'no principal acts in a project other than the owner’s and the member’s: tenant-isolation would be skipped (principals.stranger with its projectId)',
      );
}

function limitedRow(limited: readonly string[]): DoctorRow {
  return limited.length > 0
    ? row('limited principals in the owner’s project', 'ok', listed(limited))
    : row(
        'limited principals in the owner’s project',
        'fail',
        'iam-allowed/iam-denied would be skipped: add principals of the owner’s project with fewer actions (reader, none, noDelete)',
      );
}

function enterpriseProjectRow(config: Config, owner: PrincipalConfig, limited: readonly string[]): DoctorRow {
  const ownerEp = owner.enterpriseProjectId ?? DEFAULT_ENTERPRISE_PROJECT;
  const ep = limited.filter((n) => config.principals[n]?.enterpriseProjectId && config.principals[n]?.enterpriseProjectId !== ownerEp);
  return ep.length > 0
    ? row('an enterprise-project-scoped principal', 'ok', ep.join(', '))
    : row(
        'an enterprise-project-scoped principal',
        'fail',
        `ep-isolation would be skipped: add a principal of the owner’s project granted only in an enterprise project other than ${ownerEp} (principals.epAdmin.enterpriseProjectId)`,
      );
}

function passwordRow(config: Config): DoctorRow {
  const password = Object.keys(config.principals).filter((n) => config.principals[n]?.password);
  return password.length > 0
    ? row('a password principal', 'ok', password.join(', '))
    : row('a password principal', 'fail', 'the token operation would be skipped: add a principal with password: {domain, user, password}');
}
