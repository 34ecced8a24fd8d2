import type { CheckId } from '../../model/check-id.js';
import { noServerError } from '../../checks/scenario-checks.js';
import type { SpecOperation } from '../../model/operation.js';
import { judgePages, pageSummary, walkPages } from '../paging.js';
import { ownerImage } from '../preconditions.js';
import { replayLine } from '../property.js';
import { errored, judged, skipped, type CheckOutcome } from '../../model/outcome.js';
import { declareJudgement, idsOf } from '../../checks/finding.js';
import { Ledger } from '../apply-checks.js';
import type { RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';

/** Judged over the whole walk of pages (`paging.ts`), not one exchange. */
const paging = declareJudgement('pagination');
const CHECK = 'pagination';
/** Server errors on a page are reported as such, not as a paging defect (the pages could not be judged). */
const CHECKS = idsOf([paging, noServerError]);
const IMAGES = 5;
/** Small enough that five images take three pages, so the marker must advance twice. */
const LIMIT = 2;
const MAX_PAGES = 100;

const queryNames = (op: SpecOperation): Set<string> => new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));

function paginationScenario(op: SpecOperation): Scenario {
  return {
    family: 'pagination',
    operation: op,
    checks: CHECKS,
    title: `${op.operationId}: limit=${LIMIT} pages advance with the marker and list every image once`,
    async run(ctx: RunContext): Promise<CheckOutcome[]> {
      // `name` is an exact-match filter on every list call: five images sharing one run-unique name are the
      // whole filtered list, so other scenarios' images (created and deleted concurrently) never shift the pages.
      const all = (make: (id: CheckId) => CheckOutcome): CheckOutcome[] => CHECKS.map(make);
      if (!queryNames(op).has('name')) return all((id) => skipped(id, `${op.operationId} documents no name filter to isolate the run's images with`));
      if (ctx.config.readOnly) return all((id) => skipped(id, 'needs to create images, and the run is --read-only'));
      const label = `page-${op.operationId}`;
      const ids: string[] = [];
      for (let i = 0; i < IMAGES; i++) {
        const image = await ownerImage(ctx, 'queued', label);
        if (!image.ok) return all((id) => (image.skip ? skipped(id, image.error) : errored(id, image.error)));
        ids.push(image.id);
      }
      const name = `${ctx.config.runId}-${label}`;
      const walk = await walkPages((query) => ctx.call(op, { as: 'owner' }, { query }), { name }, LIMIT, MAX_PAGES);
      const { aborted } = walk;
      if (aborted) return all((id) => (aborted.kind === 'skip' ? skipped(id, aborted.message) : errored(id, aborted.message)));
      const exchanges = walk.pages.map((p) => p.exchange);
      const judgement = new Ledger(ctx);
      for (const exchange of exchanges) judgement.apply([noServerError], exchange);
      const serverErrors = judged('no-server-error', judgement, exchanges);
      const last = walk.pages.at(-1);
      if (last && (last.status >= 500 || last.status === 429))
        return [skipped(CHECK, `page ${walk.pages.length} answered ${last.status}, so paging could not be judged`), serverErrors];
      const problems = judgePages(walk, ids, LIMIT, MAX_PAGES);
      const message = `Paging ${IMAGES} images named ${name} with limit=${LIMIT}: ${problems.join('; ')}.`;
      const broken = {
        checkId: CHECK,
        operationId: op.operationId,
        title: 'marker/limit paging broken',
        message,
        hint: 'Return at most `limit` items, start each page after the `marker` image, and list every image exactly once.',
        specRef: `${op.pointer}/parameters`,
      } as const;
      const outcome = judged(CHECK, judgement.record(paging, problems.length > 0 ? [broken] : []), exchanges);
      if (outcome.status !== 'failed') return [outcome, serverErrors];
      return [
        { ...outcome, message: `${message} Pages: ${pageSummary(walk)}. ${replayLine(ctx.config.seed, op.operationId, CHECK)}`, exchanges },
        serverErrors,
      ];
    },
  };
}

/** Every list of images (role `image.list`) that pages with `limit` and `marker`. */
export const paginationFamily: ScenarioFamily = (op) => {
  const query = queryNames(op);
  return op.roles.includes('image.list') && query.has('limit') && query.has('marker') ? [paginationScenario(op)] : [];
};
