import { epIsolation, tenantIsolation } from '../../checks/situation-checks.js';
import type { ErrorSituations } from '../../spec/error-situations.js';
import { idsOf, type CheckFactory } from '../../checks/finding.js';
import type { SpecOperation } from '../../model/operation.js';
import { actingPrincipals, expectedDecision, type ActingPrincipal } from '../expected-decision.js';
import { memberPrincipal, ownerImage } from '../preconditions.js';
import { listedImageIds, newestFirstQuery, notListed } from '../list-probes.js';
import { judgeCall, outcomeOf, type ProbeResult } from '../probe-outcomes.js';
import { recordProbeImages } from '../probe-images.js';
import { errored, skipped } from '../../model/outcome.js';
import type { RunContext } from '../run-context.js';
import type { Scenario, ScenarioFamily } from '../scenario.js';
import { asProject, readyRequest } from './canonical-request.js';

/** Where images go when their creator names no enterprise project and is granted project-wide (IMS's "default"). */
export const DEFAULT_ENTERPRISE_PROJECT = '0';

/** Who may probe an isolation: the principals that qualify (before the request is known), and why none may. */
interface Isolation {
  checkId: 'tenant-isolation' | 'ep-isolation';
  /** The check of an item call, built from the run's error-situation table. */
  check: CheckFactory<[ErrorSituations]>;
  /** Principals that must not see the owner's image, or the reason none is configured. */
  outsiders(ctx: RunContext): Promise<ActingPrincipal[] | string>;
  who: string;
  /** Finding title and hint when a list shows the image. */
  listed: { title: string; hint: string };
}

const TENANT: Isolation = {
  checkId: 'tenant-isolation',
  check: tenantIsolation,
  // A third project: the member project may legitimately see images shared with it, so it proves nothing here.
  async outsiders(ctx) {
    const owner = await ctx.credentials.projectOf('owner');
    const member = await memberPrincipal(ctx);
    const third = (await actingPrincipals(ctx)).filter((p) => p.project !== owner && p.name !== member?.name);
    third.sort((a, b) => Number(b.name === 'stranger') - Number(a.name === 'stranger'));
    return third.length > 0
      ? third
      : 'needs a principal in a third project, neither the owner’s nor the member’s (e.g. principals.stranger with its projectId)';
  },
  who: 'a third project’s principal',
  listed: { title: 'another project’s private image is listed', hint: 'Hide other projects’ private images: 404 on item calls, absent from lists.' },
};

const ENTERPRISE: Isolation = {
  checkId: 'ep-isolation',
  check: epIsolation,
  // Same project as the owner, so only the enterprise-project confinement can hide the image from it. The
  // owner's images land in its own enterprise project, or in the default one when it is granted project-wide.
  async outsiders(ctx) {
    const owner = await ctx.credentials.projectOf('owner');
    const ownerEp = ctx.config.principals.owner?.enterpriseProjectId ?? DEFAULT_ENTERPRISE_PROJECT;
    const scoped = (await actingPrincipals(ctx)).filter((p) => p.project === owner && p.config.enterpriseProjectId && p.config.enterpriseProjectId !== ownerEp);
    return scoped.length > 0
      ? scoped
      : `needs a principal of the owner’s project granted at enterprise-project scope only, in another enterprise project than the owner’s images (${ownerEp}) (principals.<name>.enterpriseProjectId)`;
  },
  who: 'an enterprise-project-scoped principal',
  listed: {
    title: 'another enterprise project’s image is listed',
    hint: 'Confine enterprise-project-scoped callers to the images of their enterprise projects.',
  },
};

/** The first outsider IAM would let make this request: a 403 from one it denies says nothing about visibility. */
function allowedOutsider(outsiders: ActingPrincipal[], op: SpecOperation, body: unknown): ActingPrincipal | string {
  const found = outsiders.find((p) => expectedDecision(p.config, op, body).allowed);
  return (
    found ?? `no ${outsiders.map((p) => p.name).join(', ')} is granted the actions ${op.operationId} needs, so a 403 would be its IAM answer, not isolation`
  );
}

const hasImageId = (op: SpecOperation): boolean => op.parameters.some((p) => p.in === 'path' && p.name === 'image_id');

/** The owner's private image, named in the path, answers 404 to the outsider. */
function itemScenario(op: SpecOperation, iso: Isolation): Scenario {
  return {
    family: iso.checkId,
    operation: op,
    checks: idsOf([iso.check]),
    title: `${op.operationId}: the owner’s private image → 404 for ${iso.who}`,
    async run(ctx) {
      const outsiders = await iso.outsiders(ctx);
      if (typeof outsiders === 'string') return [skipped(iso.checkId, outsiders)];
      const ready = await readyRequest(ctx, op, [iso.checkId]);
      if (!ready.ok) return ready.outcomes;
      const { prepared, request } = ready;
      const who = allowedOutsider(outsiders, op, request.call.body);
      if (typeof who === 'string') return [skipped(iso.checkId, who)];
      const reply = await ctx.call(op, { as: who.name }, asProject(op, request.call, who.project));
      await recordProbeImages(ctx, reply, who.name, who.project, who.name);
      return [
        outcomeOf(
          iso.checkId,
          [judgeCall(ctx, reply, `${who.name} (project ${who.project}) on image ${prepared.params.image_id}`, [iso.check(ctx.spec.situations)])],
          '',
        ),
      ];
    },
  };
}

/** A fresh private image of the owner is absent from the outsider's list (newest first, one large page). */
function listScenario(op: SpecOperation, iso: Isolation): Scenario {
  return {
    family: iso.checkId,
    operation: op,
    checks: [iso.checkId],
    title: `${op.operationId}: the owner’s private image is not listed to ${iso.who}`,
    async run(ctx) {
      const outsiders = await iso.outsiders(ctx);
      if (typeof outsiders === 'string') return [skipped(iso.checkId, outsiders)];
      const who = allowedOutsider(outsiders, op, undefined);
      if (typeof who === 'string') return [skipped(iso.checkId, who)];
      if (ctx.config.readOnly) return [skipped(iso.checkId, 'needs to create an image, and the run is --read-only')];
      const image = await ownerImage(ctx, 'queued', `${op.operationId}-${iso.checkId}`);
      if (!image.ok) return [image.skip ? skipped(iso.checkId, image.error) : errored(iso.checkId, image.error)];
      const reply = await ctx.call(op, { as: who.name }, asProject(op, { query: newestFirstQuery(op) }, who.project));
      const label = `${who.name} (project ${who.project}) listing with owner image ${image.id} present`;
      let probe: ProbeResult = judgeCall(ctx, reply, label, [notListed(iso.checkId, image.id, iso.listed.title, iso.listed.hint)]);
      // A list it cannot read (an error, no images array) proves nothing either way; other checks judge that answer.
      if (reply.ok && (reply.exchange.response.status !== 200 || !listedImageIds(reply.exchange)))
        probe = {
          kind: 'skipped',
          reason: `${label}: ${op.operationId} answered ${reply.exchange.response.status} without an images array, so the list cannot be inspected`,
        };
      return [outcomeOf(iso.checkId, [probe], '')];
    },
  };
}

/**
 * Tenant isolation (a third project sees nothing private of the owner) and enterprise-project isolation (a
 * principal of the owner's project granted in another enterprise project sees nothing of the owner's, by
 * default `0`), on item calls on the owner's image (404) and on the lists (absent).
 */
export const isolationFamily: ScenarioFamily = (op) => {
  const scenarios: Scenario[] = [];
  const ownImage = op.precondition.image === 'queued' || op.precondition.image === 'active';
  const list = op.roles.includes('image.list');
  if (hasImageId(op) && ownImage) scenarios.push(itemScenario(op, TENANT));
  if (list) scenarios.push(listScenario(op, TENANT));
  if (op.iam.scopes.enterpriseProject) {
    if (hasImageId(op) && ownImage) scenarios.push(itemScenario(op, ENTERPRISE));
    if (list) scenarios.push(listScenario(op, ENTERPRISE));
  }
  return scenarios;
};
