import { levelOf } from '../../model/finding.js';
import type { Config } from '../../config/config.js';
import { EP_MIGRATED, inEnterpriseProject } from '../../checks/rules/ep-migration.js';
import type { SpecOperation } from '../../model/operation.js';
import { expectedDecision } from '../expected-decision.js';
import { errored, judged, skipped, type CheckOutcome } from '../../model/outcome.js';
import type { CallResult } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { Ledger } from '../apply-checks.js';
import { idsOf } from '../../checks/finding.js';
import { readyRequest } from './canonical-request.js';
import { DEFAULT_ENTERPRISE_PROJECT } from './isolation.js';

const CHECK = EP_MIGRATED.checkId;
const MIGRATION_PATH = '/enterprise_project_id';

/** The operation that migrates images: its IAM facts name an action needed only when a patch touches /enterprise_project_id. */
const migrates = (op: SpecOperation): boolean =>
  op.iam.conditionalActions.some((c) => 'jsonPatchPath' in c.condition && c.condition.jsonPatchPath === MIGRATION_PATH);

/**
 * An enterprise project to move the owner's image into, other than the one its images land in: the first a
 * configured principal is granted in (the one ep-isolation needs too, so `doctor` already asks for it). The suite
 * never invents one: a made-up id proves nothing about a real cloud, which would refuse it.
 */
export function targetEnterpriseProject(config: Pick<Config, 'principals'>): string | undefined {
  const ownerEp = config.principals.owner?.enterpriseProjectId ?? DEFAULT_ENTERPRISE_PROJECT;
  return Object.values(config.principals)
    .map((p) => p.enterpriseProjectId)
    .find((ep): ep is string => typeof ep === 'string' && ep !== ownerEp);
}

const notCalled = (reply: Extract<CallResult, { ok: false }>): CheckOutcome[] => [
  reply.kind === 'skip' ? skipped(CHECK, reply.message) : errored(CHECK, reply.message),
];

/**
 * The rule ep-migration-by-patch: the owner PATCHes its fresh active image's `/enterprise_project_id` to another
 * enterprise project; the PATCH answer and the next read must show the image there. A refused PATCH moved nothing
 * (not applicable: the status checks judge the refusal), nor does a read that shows no image judge anything.
 */
function migrationScenario(op: SpecOperation): Scenario {
  return {
    family: 'ep-migration',
    operation: op,
    checks: idsOf([inEnterpriseProject]),
    title: `${op.operationId}: a PATCH of ${MIGRATION_PATH} moves the image, as the next read shows`,
    async run(ctx) {
      const target = targetEnterpriseProject(ctx.config);
      if (!target)
        return [
          skipped(
            CHECK,
            `needs an enterprise project other than the one the owner’s images are in (${DEFAULT_ENTERPRISE_PROJECT} unless principals.owner.enterpriseProjectId): a principal granted there (principals.<name>.enterpriseProjectId)`,
          ),
        ];
      const body = [{ op: 'replace', path: MIGRATION_PATH, value: target }];
      const owner = ctx.config.principals.owner;
      if (!owner || !expectedDecision(owner, op, body).allowed)
        return [skipped(CHECK, `the owner is not granted what ${op.operationId} needs to move an image between enterprise projects`)];
      const ready = await readyRequest(ctx, op, idsOf([inEnterpriseProject]));
      if (!ready.ok) return ready.outcomes;
      const { params, mediaType } = ready.request.call;
      const moved = await ctx.call(op, { as: ready.prepared.caller }, { params, body, ...(mediaType ? { mediaType } : {}) });
      if (!moved.ok) return notCalled(moved);
      const judgement = new Ledger(ctx).apply([inEnterpriseProject(target, 'In the PATCH answer')], moved.exchange);
      if (judgement.findings.some((f) => levelOf(f) === 'not-applicable')) return [judged(CHECK, judgement, [moved.exchange])];
      const shown = await ctx.call(ctx.role('image.show'), { as: ready.prepared.caller }, { params: { image_id: params?.image_id ?? '' } });
      if (!shown.ok) return notCalled(shown);
      const answeredCount = judgement.findings.length;
      const read = judgement.apply([inEnterpriseProject(target, 'On the next GET')], shown.exchange).findings.slice(answeredCount);
      // The read is what the rule is about: when it shows no image, the PATCH answer alone does not pass the rule.
      const judgedOn = read.some((f) => levelOf(f) === 'not-applicable') ? [shown.exchange] : [moved.exchange, shown.exchange];
      return [judged(CHECK, judgement, judgedOn)];
    },
  };
}

export const epMigrationFamily: ScenarioFamily = (op) => (migrates(op) ? [migrationScenario(op)] : []);
