import type { Finding } from '../../../model/finding.js';

/**
 * The target broke a lifecycle rule. Thrown from a command after the findings are recorded, so fast-check sees
 * a failing property and shrinks the sequence; never seen outside the lifecycle runner, which turns it into
 * outcomes (a target's deviation is data, not an exception of the suite).
 */
export class DeviationFound extends Error {
  constructor(
    readonly findings: Finding[],
    /** The commands of the sequence up to the failing one, as they ran (resolved ids). */
    readonly trace: string[],
  ) {
    super(findings.map((f) => `${f.operationId}/${f.checkId}: ${f.message}`).join('\n'));
    this.name = 'DeviationFound';
  }
}

/**
 * The lifecycle cannot go on: a call could not be made (transport error, missing credentials) or the target
 * refused to set something up (no image created, never active). Stops every later sequence; not a deviation,
 * so nothing is shrunk.
 */
export class LifecycleStopped extends Error {
  constructor(
    message: string,
    readonly kind: 'skip' | 'error',
  ) {
    super(message);
    this.name = 'LifecycleStopped';
  }
}
