import { declareJudgement, notApplicable } from '../checks/finding.js';
import { namedImage, SERVER_IMAGE_NAMED, type NamedBy } from '../checks/rules/server-image.js';
import type { Exchange } from '../model/exchange.js';
import type { Finding } from '../model/finding.js';
import type { SpecOperation } from '../model/operation.js';
import { errored, judged, skipped, type CheckOutcome } from '../model/outcome.js';
import { Ledger } from './apply-checks.js';
import { recordCreatedImages } from './created-images.js';
import { readJobImages } from './job-image-readable.js';
import type { CallOptions, RunContext } from './run-context.js';

const CHECK = SERVER_IMAGE_NAMED.checkId;

/** Judged over the createImage answers and the reads of the images they name: declared, so the canonical scenario reports it. */
export const serverImageReadBack = declareJudgement(CHECK);

/** The newer and the legacy microversion header, as novaclient sends them, asking for 2.45. */
const AT_2_45 = { 'OpenStack-API-Version': 'compute 2.45', 'X-OpenStack-Nova-API-Version': '2.45' };

/**
 * The rule server-image-named. The documented request was sent with no microversion (2.1): its 202 must name the
 * snapshot in Location. Once that image is readable, the same request at 2.45 must name its snapshot in
 * `image_id`. Each named image must become readable by its owner (a 404 is read again until the poll bound).
 * Refusals of the second request that the pages allow — 406 (2.45 not served), 409 (the server is still busy
 * with the first snapshot) — leave it unjudged, never failed.
 */
export async function serverImageNamed(ctx: RunContext, op: SpecOperation, caller: string, base: Exchange, request: CallOptions): Promise<CheckOutcome> {
  if (base.response.status !== 202)
    return judged(
      CHECK,
      new Ledger(ctx).record(serverImageReadBack, [notApplicable(base, CHECK, `createImage answered ${base.response.status}, not 202: it names no image`)]),
      [base],
    );
  const exchanges: Exchange[] = [base];
  const findings: Finding[] = [];
  const readBack = async (exchange: Exchange, by: NamedBy): Promise<string | undefined> => {
    const named = namedImage(exchange, by);
    if ('finding' in named) {
      findings.push(named.finding);
      return undefined;
    }
    const back = await readJobImages(ctx, caller, [named.id], SERVER_IMAGE_NAMED);
    exchanges.push(...back.exchanges);
    findings.push(...back.findings);
    return back.error;
  };
  const baseError = await readBack(base, 'location');
  if (baseError) return errored(CHECK, baseError);

  const later = await ctx.call(op, { as: caller }, { ...request, headers: { ...request.headers, ...AT_2_45 } });
  if (!later.ok) return later.kind === 'skip' ? skipped(CHECK, later.message) : errored(CHECK, later.message);
  recordCreatedImages(ctx, caller, later.exchange);
  exchanges.push(later.exchange);
  const status = later.exchange.response.status;
  if (status === 202) {
    const laterError = await readBack(later.exchange, 'image_id');
    if (laterError) return errored(CHECK, laterError);
  } else if (status === 406 || status === 409)
    findings.push(
      notApplicable(
        later.exchange,
        CHECK,
        `createImage at microversion 2.45 answered ${status} (not served, or the server still busy): its image_id was not judged`,
      ),
    );
  return judged(CHECK, new Ledger(ctx).record(serverImageReadBack, findings), exchanges);
}
