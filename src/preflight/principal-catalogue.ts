import { DEFAULT_PRINCIPALS, type PrincipalSpec } from '../model/principals.js';

/**
 * What each principal name the suite knows is for, read from the code that uses it (named above each entry), so
 * `init` can tell a user which checks go dark without it. Grants come from the embedded mock's principals
 * (mock/identity/principals.ts), the ones the default run passes with: nothing here restates them.
 */
export interface PrincipalRole {
  name: string;
  /** One line: what the suite does as this principal. */
  purpose: string;
  /** What a run loses without it: the checks (or operations) then skipped with the reason. */
  needs: string;
  spec: PrincipalSpec;
}

const ROLES: Record<string, Omit<PrincipalRole, 'name' | 'spec'>> = {
  // Looked for in src/engine/preconditions.ts (ownerImage, prepare), src/engine/scenarios/pagination.ts, src/engine/cleanup.ts.
  owner: {
    purpose: 'owns every image the run creates; the documented request of each operation is sent as the owner',
    needs: 'required: the run cannot start without it (its ecs/evs actions: images made from a server or a volume)',
  },
  // Looked for in src/engine/preconditions.ts (memberPrincipal), src/engine/scenarios/lifecycle/run-lifecycle.ts.
  member: {
    purpose: 'acts in a second project: images are shared with it, it accepts/rejects shares and queries share jobs',
    needs: 'without it, skipped: sharing-semantics, the member operations, share jobs, the lifecycle model',
  },
  // Looked for in src/engine/scenarios/isolation.ts.
  stranger: {
    purpose: 'acts in a third project, neither the owner’s nor the member’s: must see nothing private of theirs',
    needs: 'without it, skipped: tenant-isolation',
  },
  // Looked for in src/engine/scenarios/iam.ts.
  reader: {
    purpose: 'the owner’s project, list/get only: allowed to read, denied every write',
    needs: 'without it (or another principal of the owner’s project), skipped: iam-allowed, iam-denied',
  },
  // Looked for in src/engine/scenarios/iam.ts.
  none: {
    purpose: 'the owner’s project, no actions at all: every IAM-guarded call must be refused',
    needs: 'without it, iam-denied has no principal lacking every action',
  },
  // Looked for in src/engine/scenarios/iam.ts.
  noDelete: {
    purpose: 'the owner’s project, everything but an explicit Deny of ims:images:delete: Deny must win over Allow',
    needs: 'without it, no check sees an explicit Deny beat an Allow',
  },
  // Looked for in src/engine/scenarios/isolation.ts.
  epAdmin: {
    purpose: 'the owner’s project, granted at enterprise-project scope only (another enterprise project than the owner’s images)',
    needs: 'without it, skipped: ep-isolation',
  },
  // Looked for in src/engine/preconditions.ts (passwordPrincipal), src/engine/credentials.ts.
  passwordReader: {
    purpose: 'signs in with a password (POST /v3/auth/tokens): the token call is exercised end to end',
    needs: 'without it (or another password principal), skipped: the token operation (x-precondition caller: password)',
  },
  // Looked for in src/engine/credentials.ts, src/auth/sdk-hmac-sha256.ts.
  akskReader: {
    purpose: 'signs every request with an AK/SK (SDK-HMAC-SHA256): the signed path is exercised end to end',
    needs: 'optional: nothing is skipped without it; with it, the run proves AK/SK signing works against the target',
  },
  // Looked for in src/engine/credentials.ts.
  headersReader: {
    purpose: 'sends static headers as they are (a gateway that wants its own header)',
    needs: 'optional: nothing is skipped without it; with it, the run proves the headers path works against the target',
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
