import type { Check } from '../../../checks/finding.js';
import { isFailure, type Finding } from '../../../model/finding.js';
import type { SpecOperation } from '../../../model/operation.js';
import type { Exchange } from '../../../model/exchange.js';
import type { CallOptions, RunContext } from '../../run-context.js';
import type { CheckId } from '../../../model/check-id.js';
import { applyChecks } from '../../apply-checks.js';
import { DeviationFound, LifecycleStopped } from './errors.js';
import { EXCHANGE_CHECKS, type LifecycleOps } from './operations.js';
import type { LifecycleRecorder } from './recorder.js';

/** Who acts: the owner, the member (absent: no sharing commands), and a project to name in bodies. */
export interface LifecyclePrincipals {
  owner: string;
  member: { name: string; project: string } | undefined;
  /** A project that is neither the owner's nor the member's when one is configured, else the owner's. */
  otherProject: string;
  /** That third project, only when one is configured: a second member to share with. */
  stranger: string | undefined;
}

/** One lifecycle rule applied to one exchange, reported under `checkId`. */
export interface Rule {
  exchange: Exchange;
  checkId: CheckId;
  check: Check;
  /** The operation whose pair reports the verdict, when the exchange's own is not reported (a probe's read). */
  reportAs?: SpecOperation;
}

/** Newest first and a large page, so this run's images are on the first page of a busy project's list. */
const LIST_QUERY = { limit: 1000, sort_key: 'created_at', sort_dir: 'desc' };

/**
 * The "real" side of the model run: the target behind `ctx.call`, as the commands see it. Every exchange is
 * held to the conformance checks (recorded, never failing the property: a schema deviation must not stop the
 * lifecycle from being judged); `judge` applies a command's lifecycle rules and throws `DeviationFound`.
 */
export class LifecycleSystem {
  private readonly steps: { toString(): string }[] = [];

  constructor(
    readonly ctx: RunContext,
    readonly ops: LifecycleOps,
    readonly who: LifecyclePrincipals,
    private readonly recorder: LifecycleRecorder,
  ) {}

  /** A command starts: it joins the trace, which shows it with the ids it resolves. */
  begin(step: { toString(): string }): void {
    this.steps.push(step);
  }

  /**
   * Whether the contract documents `size` and `checksum` of uploaded data (Glance, the openstack profile); IMS
   * calls them "not used", so there a mismatch is an advisory.
   */
  get strictData(): boolean {
    return this.ctx.config.profile === 'openstack';
  }

  trace(): string[] {
    return this.steps.map(String);
  }

  async send(op: SpecOperation, as: string, call: CallOptions = {}): Promise<Exchange> {
    const reply = await this.ctx.call(op, { as }, call);
    if (!reply.ok) throw new LifecycleStopped(reply.message, reply.kind);
    const exchange = reply.exchange;
    const { findings, ran } = applyChecks(EXCHANGE_CHECKS, exchange, this.ctx);
    for (const id of ran)
      this.recorder.record(
        exchange,
        id,
        findings.filter((f) => f.checkId === id),
        () => this.trace(),
      );
    if (exchange.response.status >= 500 && this.ops.lists.includes(op)) this.recorder.unavailable.add(op.operationId);
    return exchange;
  }

  /** Every list operation still answering, called as `as` (owner or member). */
  async lists(as: string): Promise<Exchange[]> {
    const exchanges: Exchange[] = [];
    for (const op of this.ops.lists) if (!this.recorder.unavailable.has(op.operationId)) exchanges.push(await this.send(op, as, { query: LIST_QUERY }));
    return exchanges;
  }

  /** Applies the rules and records each verdict under its pair; returns the failures. */
  record(rules: Rule[]): Finding[] {
    const broken: Finding[] = [];
    for (const { exchange, checkId, check, reportAs } of rules) {
      // A rule whose check the run withholds is not applied: its pair keeps no verdict (the remove-a-check test).
      if ([checkId, ...check.ids].some((id) => this.ctx.withheldChecks.has(id))) continue;
      const findings = check(exchange, { validator: this.ctx.validator }).map((f) => ({ ...f, checkId }));
      this.recorder.record(exchange, checkId, findings, () => this.trace(), reportAs?.operationId);
      broken.push(...findings.filter(isFailure));
    }
    return broken;
  }

  /**
   * Records the rules and throws when any broke. Commands judge last, after the model took what the target did,
   * so a fixed walk can go on past the deviation and still predict the target right.
   */
  judge(rules: Rule[]): void {
    const broken = this.record(rules);
    if (broken.length > 0) throw new DeviationFound(broken, this.trace());
  }
}
