import { DEFAULT_PRINCIPALS, type PrincipalSpec } from '../../mock/identity/principals.js';

/**
 * What each principal name the suite knows is for, read from the code that uses it (the file is named in
 * `usedBy`), so `init` can tell a user which checks go dark without it. Grants come from the embedded mock's
 * principals (mock/identity/principals.ts), the ones the default run passes with: nothing here restates them.
 */
export interface PrincipalRole {
  name: string;
  /** One line: what the suite does as this principal. */
  purpose: string;
  /** The checks (or operations) that are skipped with a reason when it is missing. */
  needs: string;
  /** Where in the suite the principal (or a principal like it) is looked for. */
  usedBy: string;
  spec: PrincipalSpec;
}

const ROLES: Record<string, Omit<PrincipalRole, 'name' | 'spec'>> = {
  owner: {
    purpose: 'owns every image the run creates; the documented request of each operation is sent as the owner',
    needs: 'every check (the run cannot start without it); ecs/evs actions: createImage from a server or volume',
    usedBy: 'src/engine/preconditions.ts (ownerImage, prepare), src/engine/scenarios/pagination.ts, src/engine/cleanup.ts',
  },
  member: {
    purpose: 'acts in a second project: images are shared with it, it accepts/rejects shares and queries share jobs',
    needs: 'sharing-semantics, the member operations, async share jobs, the lifecycle model',
    usedBy: 'src/engine/preconditions.ts (memberPrincipal), src/engine/scenarios/lifecycle/run-lifecycle.ts',
  },
  stranger: {
    purpose: 'acts in a third project, neither the owner’s nor the member’s: must see nothing private of theirs',
    needs: 'tenant-isolation',
    usedBy: 'src/engine/scenarios/isolation.ts',
  },
  reader: {
    purpose: 'the owner’s project, list/get only: allowed to read, denied every write',
    needs: 'iam-allowed / iam-denied (a principal of the owner’s project besides the owner)',
    usedBy: 'src/engine/scenarios/iam.ts',
  },
  none: {
    purpose: 'the owner’s project, no actions at all: every IAM-guarded call must be refused',
    needs: 'iam-denied for every operation',
    usedBy: 'src/engine/scenarios/iam.ts',
  },
  noDelete: {
    purpose: 'the owner’s project, everything but an explicit Deny of ims:images:delete: Deny must win over Allow',
    needs: 'iam-denied of deleteImage under an explicit Deny',
    usedBy: 'src/engine/scenarios/iam.ts',
  },
  epAdmin: {
    purpose: 'the owner’s project, granted at enterprise-project scope only (another enterprise project than the owner’s images)',
    needs: 'ep-isolation',
    usedBy: 'src/engine/scenarios/isolation.ts',
  },
  passwordReader: {
    purpose: 'signs in with a password (POST /v3/auth/tokens): the token call is exercised end to end',
    needs: 'the identity operation (x-precondition caller: password)',
    usedBy: 'src/engine/preconditions.ts (passwordPrincipal), src/engine/credentials.ts',
  },
  akskReader: {
    purpose: 'signs every request with an AK/SK (SDK-HMAC-SHA256): the signed path is exercised end to end',
    needs: 'nothing else skips without it; it proves AK/SK signing works against the target',
    usedBy: 'src/engine/credentials.ts, src/engine/aksk-signer.ts',
  },
  headersReader: {
    purpose: 'sends static headers as they are (a gateway that wants its own header)',
    needs: 'nothing else skips without it; it proves the headers path works against the target',
    usedBy: 'src/engine/credentials.ts',
  },
};

/** Every principal the suite can use, in the order `init` writes them. */
export function principalCatalogue(): PrincipalRole[] {
  return Object.entries(DEFAULT_PRINCIPALS).map(([name, spec]) => {
    const role = ROLES[name];
    if (!role) throw new Error(`principal ${name} of the mock has no purpose in src/preflight/principal-catalogue.ts`);
    return { name, spec, ...role };
  });
}

/** The purpose line of a configured principal, or a generic one for names the suite does not know. */
export function purposeOf(name: string): string {
  return ROLES[name]?.purpose ?? 'a principal of your own (the IAM checks use every principal of the owner’s project)';
}
