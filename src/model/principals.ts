/*
 * The principals of the run contract: the names the suite looks for and the grants it may assume each holds. The
 * embedded mock seeds exactly these, and `init` explains them, so they sit below both rather than in the mock.
 */

/** A principal of the run contract: who it is, and what the suite may assume it is granted. */
export interface PrincipalSpec {
  /** Allowed action patterns. */
  actions: string[];
  /** Denied action patterns (Deny wins). */
  deny?: string[];
  project: 'primary' | 'secondary' | 'tertiary';
  /** Grant the actions at enterprise-project scope instead of project scope. */
  enterpriseProject?: boolean;
  /** Roles of other services it holds (`obs Tenant Administrator`): the prerequisites of `x-iam-prerequisites`. */
  roles?: string[];
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
  // The OBS and CBR roles the seed notes ask of whoever imports, exports or makes a whole image from a backup.
  owner: { actions: ['ims:*:*', 'ecs:*:*', 'evs:*:*'], project: 'primary', roles: ['obs Tenant Administrator', 'cbr CBR Admin'] },
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
