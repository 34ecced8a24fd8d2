/**
 * The mock's own IAM model, shaped like Huawei IAM's fine-grained policy documents (`Effect`, `Action`), and its
 * own evaluation of them. It shares no code with the suite's oracle (src/iam/): the suite predicts a decision
 * from the run contract, the mock makes it from what it stores, and the suite's IAM checks compare the two.
 */
export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  /** `service:resource:action`; `*` stands for any run of characters (`ims:*:*`, `ims:images:*`). */
  Action: string[];
}

/** A policy attached to a user in the whole project, or in one enterprise project. */
export interface PolicyAttachment {
  where: { project: true } | { enterpriseProject: string };
  Statement: PolicyStatement[];
}

/** Glob match of an action against one `*` pattern, case-insensitive, by walking both strings. */
export function actionCovered(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  let pi = 0;
  let ai = 0;
  let star = -1;
  let resume = 0;
  while (ai < a.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === a[ai]) {
      pi++;
      ai++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      resume = ai;
    } else if (star >= 0) {
      pi = star + 1;
      ai = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

const says = (attachment: PolicyAttachment, effect: PolicyStatement['Effect'], action: string): boolean =>
  attachment.Statement.some((s) => s.Effect === effect && s.Action.some((pattern) => actionCovered(pattern, action)));

/** Where an operation's permission-table row says a grant may come from. */
export interface RowScopes {
  project: boolean;
  enterpriseProject: boolean;
}

export type MockDecision =
  | { allowed: true; within: 'project' }
  | { allowed: true; within: 'enterpriseProjects'; enterpriseProjects: string[] }
  | { allowed: false; reason: string };

/**
 * Decides a request needing `actions` for a user with these attachments:
 * 1. a Deny for any needed action, in any attachment, refuses (explicit Deny beats every Allow);
 * 2. no action needed: allowed in the project — unless every attachment is an enterprise project's and the row
 *    does not support that scope;
 * 3. the project's attachments allow every action (and the row supports project scope): the whole project;
 * 4. else each enterprise project whose attachments, with the project's, allow every action — if the row
 *    supports that scope the request is confined to those enterprise projects, otherwise refused.
 */
export function decide(attachments: readonly PolicyAttachment[], actions: readonly string[], scopes: RowScopes): MockDecision {
  for (const action of actions) {
    if (attachments.some((a) => says(a, 'Deny', action))) return { allowed: false, reason: `an explicit Deny covers ${action}` };
  }
  if (actions.length === 0) {
    const enterpriseOnly = attachments.length > 0 && attachments.every((a) => 'enterpriseProject' in a.where);
    if (enterpriseOnly && !scopes.enterpriseProject)
      return { allowed: false, reason: 'attached only in enterprise projects, which this call does not support' };
    return { allowed: true, within: 'project' };
  }

  const projectWide = attachments.filter((a) => 'project' in a.where);
  const allowedBy = (set: readonly PolicyAttachment[]): string[] => actions.filter((action) => !set.some((a) => says(a, 'Allow', action)));
  const missingInProject = allowedBy(projectWide);
  if (missingInProject.length === 0 && scopes.project) return { allowed: true, within: 'project' };

  const enterpriseProjects: string[] = [];
  for (const attachment of attachments) {
    if (!('enterpriseProject' in attachment.where)) continue;
    const id = attachment.where.enterpriseProject;
    if (enterpriseProjects.includes(id)) continue;
    const inThatProject = attachments.filter((a) => 'project' in a.where || ('enterpriseProject' in a.where && a.where.enterpriseProject === id));
    if (allowedBy(inThatProject).length === 0) enterpriseProjects.push(id);
  }
  if (enterpriseProjects.length > 0) {
    if (!scopes.enterpriseProject) return { allowed: false, reason: 'granted only at enterprise-project scope, which this operation does not support' };
    return { allowed: true, within: 'enterpriseProjects', enterpriseProjects };
  }
  if (missingInProject.length === 0) return { allowed: false, reason: 'granted at project scope, which this operation does not support' };
  return { allowed: false, reason: `no policy allows ${missingInProject.join(', ')}` };
}
