import type { Check, CheckDeclaration } from '../checks/finding.js';
import type { CheckId } from '../model/check-id.js';
import type { Exchange } from '../model/exchange.js';
import type { Finding } from '../model/finding.js';
import type { Judgement } from '../model/outcome.js';
import type { RunContext } from './run-context.js';

/**
 * The judgement of one scenario step: the findings of the checks applied and the ids that ran. `judged` reads it,
 * so an id is passed only where its check was applied and found nothing, never because nothing was applied.
 */
export class Ledger implements Judgement {
  readonly findings: Finding[] = [];
  private readonly applied = new Set<CheckId>();

  constructor(private readonly ctx: RunContext) {}

  get ran(): ReadonlySet<CheckId> {
    return this.applied;
  }

  /** Applies each check to the exchange (those the run withholds are passed over, so their ids stay unjudged). */
  apply(checks: readonly Check[], exchange: Exchange): this {
    for (const check of checks) {
      if (this.withheld(check)) continue;
      for (const id of check.ids) this.applied.add(id);
      this.findings.push(...check(exchange, { validator: this.ctx.validator }));
    }
    return this;
  }

  /** Records what a judgement made over several exchanges found (declared with `declareJudgement`). */
  record(judgement: CheckDeclaration, findings: readonly Finding[]): this {
    if (this.withheld(judgement)) return this;
    for (const id of judgement.ids) this.applied.add(id);
    this.findings.push(...findings);
    return this;
  }

  private withheld(check: CheckDeclaration): boolean {
    return check.ids.some((id) => this.ctx.withheldChecks.has(id));
  }
}

/** The checks applied to one exchange, with the ids that ran. */
export function applyChecks(checks: readonly Check[], exchange: Exchange, ctx: RunContext): Ledger {
  return new Ledger(ctx).apply(checks, exchange);
}
