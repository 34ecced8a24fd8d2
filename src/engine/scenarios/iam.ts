import { idsOf } from '../../checks/finding.js';
import type { CheckId } from '../../model/check-id.js';
import { iamAllowed } from '../../checks/scenario-checks.js';
import { iamDenied } from '../../checks/situation-checks.js';
import type { Decision } from '../../iam/policy.js';
import type { SpecOperation } from '../../model/operation.js';
import {
  actingPrincipals,
  describeDecision,
  describePrerequisites,
  expectedDecision,
  expectedDenialStatus,
  missingPrerequisites,
  type ActingPrincipal,
} from '../expected-decision.js';
import { cleanup } from '../cleanup.js';
import { judgeCall, outcomeOf, type ProbeResult } from '../probe-outcomes.js';
import { recordProbeImages } from '../probe-images.js';
import { skipped, type CheckOutcome } from '../../model/outcome.js';
import type { CallOptions, RunContext } from '../run-context.js';
import type { ScenarioFamily } from '../scenario.js';
import { asProject, readyRequest } from './canonical-request.js';

/**
 * The documented request, sent as each configured principal other than the canonical caller: those the run
 * contract's grants deny (per the operation's IAM facts and the request body) must get 403 with the documented
 * error body; those it allows must get the documented success status (not 401/403, nor a 404 hiding what they
 * may see). The expectation comes from the config alone, so the same scenario holds on a real cloud with whatever
 * principals the user set up.
 */
export const iamFamily: ScenarioFamily = (op) => {
  if (op.authOptional || op.authNone) return [];
  // An operation that needs no action at all cannot be denied by a policy: iam-denied has nothing to judge there.
  const deniable = op.iam.actions.length > 0 || op.iam.conditionalActions.length > 0;
  const checks = idsOf(deniable ? [iamDenied, iamAllowed] : [iamAllowed]);
  return [
    {
      family: 'iam',
      operation: op,
      checks,
      title: `${op.operationId}: principals lacking its IAM actions → 403, principals holding them → ${op.successStatuses.join(' or ')}`,
      run: (ctx) => runIam(ctx, op, checks),
    },
  ];
};

interface Probe {
  who: ActingPrincipal;
  /** Human reading of the expected decision, for finding messages. */
  why: string;
}

async function runIam(ctx: RunContext, op: SpecOperation, checks: readonly CheckId[]): Promise<CheckOutcome[]> {
  const all = (make: (id: CheckId) => CheckOutcome): CheckOutcome[] => checks.map(make);
  const ownerProject = await ctx.credentials.projectOf('owner');
  const principals = await actingPrincipals(ctx);
  if (!ownerProject || !principals.some((p) => p.project === ownerProject && p.name !== 'owner'))
    return all((id) => skipped(id, 'needs a principal acting in the owner’s project besides the owner (e.g. principals.reader with limited actions)'));

  const ready = await readyRequest(ctx, op, checks);
  if (!ready.ok) return ready.outcomes;
  const { prepared, request } = ready;
  const caller = prepared.caller;
  const callerProject = principals.find((p) => p.name === caller)?.project ?? ownerProject;

  const { denied, allowed, unexpected } = chooseProbes(op, request.call, principals, { caller, ownerProject, callerProject });

  // Denied probes first: a conformant target changes nothing for them, while an allowed probe may (delete the
  // image, upload its data), and an IAM answer must not depend on that order. A denied probe the target wrongly
  // served may have changed the resource too, so the next one gets a fresh one: each finding then stands alone.
  let call: CallOptions | undefined = request.call;
  const deniedResults: ProbeResult[] = [];
  // Where no action can be denied (the schema calls), a principal the facts still refuse — granted only at an
  // enterprise-project scope the call does not support — is not expected to succeed; nor is a denial demanded
  // for a call any token of the project may make.
  const refusedByScope: ProbeResult[] = checks.includes('iam-denied')
    ? []
    : denied.splice(0).map((p) => ({ kind: 'skipped', reason: `${p.who.name}: ${p.why}, so success is not expected` }));
  for (const probe of denied) {
    const sent = await send(ctx, op, call ?? request.call, probe, ownerProject, 'iam-denied');
    deniedResults.push(sent.result);
    if (sent.changed && probe !== denied.at(-1)) call = (await freshRequest(ctx, op)) ?? call;
  }
  // An allowed probe that changed the resource (deleted it, added the member) leaves the next one nothing to be
  // served on as documented, so it gets fresh resources; without them a 404 or 409 would not be the target's fault.
  const allowedResults: ProbeResult[] = [...unexpected, ...refusedByScope];
  for (const probe of allowed) {
    if (call === undefined) {
      allowedResults.push({ kind: 'skipped', reason: `${probe.who.name}: no fresh resources to probe with after an earlier allowed probe changed them` });
      continue;
    }
    const sent = await send(ctx, op, call, probe, ownerProject, 'iam-allowed');
    allowedResults.push(sent.result);
    if (sent.changed && probe !== allowed.at(-1)) call = await freshRequest(ctx, op);
  }

  const outcomes: CheckOutcome[] = [];
  if (checks.includes('iam-denied'))
    outcomes.push(
      outcomeOf(
        'iam-denied',
        deniedResults,
        'no configured principal of the owner’s project lacks the actions this request needs (configure one with fewer actions, e.g. principals.none with actions: [])',
      ),
    );
  outcomes.push(outcomeOf('iam-allowed', allowedResults, 'no configured principal is granted every action this request needs'));
  return outcomes;
}

/** Who probes which decision: the principals the contract denies, and those it allows where they may reach. */
function chooseProbes(
  op: SpecOperation,
  call: CallOptions,
  principals: readonly ActingPrincipal[],
  { caller, ownerProject, callerProject }: { caller: string; ownerProject: string; callerProject: string },
): { denied: Probe[]; allowed: Probe[]; unexpected: ProbeResult[] } {
  // Denials are about actions alone, so any principal of the owner's (or the caller's) project will do. An
  // allowed principal, though, must act where the operation is meant to be called: for an operation the member
  // calls (accepting a share), the owner's side is refused by the operation's own rule, with a 403 the suite
  // cannot tell from an IAM one. So allowed probes come from the caller's project only.
  const denied: Probe[] = [];
  const allowed: Probe[] = [];
  // Allowed by the IMS facts but lacking another service's documented prerequisite: success is not expected, and
  // the refusal such a target gives is in no document, so the pair is left unjudged with the reason.
  const unexpected: ProbeResult[] = [];
  const lacking = (who: ActingPrincipal): boolean => {
    const missing = missingPrerequisites(who.config, op, call.body);
    if (missing.length > 0)
      unexpected.push({ kind: 'skipped', reason: `${who.name}: holds the IMS actions but not ${describePrerequisites(missing)}, so success is not expected` });
    return missing.length > 0;
  };
  for (const who of principals) {
    if (who.name === 'owner' || who.name === caller || (who.project !== ownerProject && who.project !== callerProject)) continue;
    const decision = expectedDecision(who.config, op, call.body);
    if (!decision.allowed) denied.push({ who, why: describeDecision(decision) });
    else if (who.project === callerProject && mayReach(decision, op) && !lacking(who)) allowed.push({ who, why: describeDecision(decision) });
  }
  // When only the caller holds the actions (say, the ECS and EVS actions a server image needs), its own request
  // is the allowed probe: otherwise iam-allowed would never be judged for such operations.
  const self = principals.find((p) => p.name === caller);
  if (allowed.length === 0 && self) {
    const decision = expectedDecision(self.config, op, call.body);
    if (decision.allowed && !lacking(self)) allowed.push({ who: self, why: `${describeDecision(decision)}; no other principal of its project is` });
  }

  return { denied, allowed, unexpected };
}

/**
 * Whether an allowed principal may see what the request acts on. The run's test images belong to no enterprise
 * project, so a principal confined to its enterprise projects cannot see them: its 404 there is the isolation the
 * documents promise, not a refusal of what the tables grant. It still counts where no existing image is named.
 */
function mayReach(decision: Decision, op: SpecOperation): boolean {
  return decision.allowed && (decision.access === 'project' || op.precondition.image === undefined);
}

async function send(
  ctx: RunContext,
  op: SpecOperation,
  call: CallOptions,
  probe: Probe,
  ownerProject: string,
  checkId: 'iam-denied' | 'iam-allowed',
): Promise<{ result: ProbeResult; changed: boolean }> {
  const { who } = probe;
  const reply = await ctx.call(op, { as: who.name }, asProject(op, call, who.project));
  // Whatever an allowed (or wrongly served) probe created goes at once (with --max-resources the next probe needs
  // the room, and the status alone is judged); in the owner's project the owner deletes it, since the prober may
  // lack the delete action. What cannot be deleted now stays tracked for the scenario's and the run's cleanup.
  const created = await recordProbeImages(ctx, reply, who.name, who.project, who.project === ownerProject ? 'owner' : who.name);
  if (created.length > 0) await cleanup(ctx, new Set(created));
  const changed = reply.ok && reply.exchange.response.status < 300 && !['get', 'head'].includes(op.method);
  const check = checkId === 'iam-denied' ? iamDenied(ctx.spec.situations, expectedDenialStatus(who.config, op)) : iamAllowed(op.successStatuses);
  return { result: judgeCall(ctx, reply, `${who.name} (${probe.why})`, [check]), changed };
}

/** The canonical request on newly prepared resources, or undefined when they cannot be had (the old one then serves). */
async function freshRequest(ctx: RunContext, op: SpecOperation): Promise<CallOptions | undefined> {
  const ready = await readyRequest(ctx, op, []);
  return ready.ok ? ready.request.call : undefined;
}
