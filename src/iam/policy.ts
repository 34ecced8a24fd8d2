/**
 * Fine-grained IAM policies: Allow/Deny statements over action patterns with `*` wildcards. Deny wins.
 * A grant binds statements to a scope: the whole project, or one enterprise project.
 */
export type Effect = 'Allow' | 'Deny';

export interface Statement {
  effect: Effect;
  /** Patterns such as `ims:images:list`, `ims:*:*`, `ims:images:*`, `*:*:*`. */
  actions: string[];
}

export type GrantScope = { kind: 'project' } | { kind: 'enterpriseProject'; enterpriseProjectId: string };

export interface Grant {
  scope: GrantScope;
  statements: Statement[];
}

const patternCache = new Map<string, RegExp>();

export function actionMatches(pattern: string, action: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^]*')}$`,
      'i',
    );
    patternCache.set(pattern, re);
  }
  return re.test(action);
}

const allows = (statements: Statement[], effect: Effect, action: string): boolean =>
  statements.some((s) => s.effect === effect && s.actions.some((p) => actionMatches(p, action)));

/** The outcome of evaluating a caller's grants against the actions an operation needs. */
export type Decision =
  | { allowed: true; access: 'project' }
  | { allowed: true; access: 'enterpriseProjects'; enterpriseProjectIds: string[] }
  | { allowed: false; reason: string };

/**
 * Decides whether `grants` authorize every action in `actions` for an operation that supports enterprise-project
 * scope or not. A Deny in any grant for any needed action denies. Project grants authorize the whole project;
 * enterprise-project grants authorize only resources of the enterprise projects whose grants allow every action.
 */
export function evaluate(grants: Grant[], actions: string[], enterpriseProjectScopeSupported: boolean): Decision {
  const denied = actions.find((a) => grants.some((g) => allows(g.statements, 'Deny', a)));
  if (denied) return { allowed: false, reason: `an explicit Deny covers ${denied}` };
  if (actions.length === 0) {
    // A call that needs no action is open to any authorized principal of the project, but not through grants
    // at enterprise-project scope where the operation does not support it (the Image Schema calls).
    const onlyEnterprise = grants.length > 0 && grants.every((g) => g.scope.kind === 'enterpriseProject');
    if (onlyEnterprise && !enterpriseProjectScopeSupported)
      return { allowed: false, reason: 'authorized only at enterprise-project scope, which this operation does not support' };
    return { allowed: true, access: 'project' };
  }
  const projectStatements = grants.filter((g) => g.scope.kind === 'project').flatMap((g) => g.statements);
  if (actions.every((a) => allows(projectStatements, 'Allow', a))) return { allowed: true, access: 'project' };
  const enterpriseIds = [...new Set(grants.flatMap((g) => (g.scope.kind === 'enterpriseProject' ? [g.scope.enterpriseProjectId] : [])))].filter((ep) => {
    const statements = grants
      .filter((g) => g.scope.kind === 'project' || (g.scope.kind === 'enterpriseProject' && g.scope.enterpriseProjectId === ep))
      .flatMap((g) => g.statements);
    return actions.every((a) => allows(statements, 'Allow', a));
  });
  if (enterpriseIds.length > 0) {
    if (!enterpriseProjectScopeSupported) return { allowed: false, reason: 'granted only at enterprise-project scope, which this operation does not support' };
    return { allowed: true, access: 'enterpriseProjects', enterpriseProjectIds: enterpriseIds };
  }
  const missing = actions.filter((a) => !allows(projectStatements, 'Allow', a));
  return { allowed: false, reason: `no policy allows ${missing.join(', ')}` };
}
