import type { Precondition, SpecOperation } from '../model/operation.js';
import type { BindingFacts } from './bindings.js';
import { documentedStates, IMAGE_STATES_IN_PROGRESS, judgeState, pollUntil, type Look } from './poll.js';
import type { RunContext } from './run-context.js';

/** What a scenario starts from: who calls, the path parameters, and the facts bindings may use. */
export interface Prepared {
  caller: string;
  params: Record<string, string>;
  facts: BindingFacts;
}

export type PrepareResult = { ok: true; prepared: Prepared } | { ok: false; skip: string } | { ok: false; error: string };

const IMAGE_BYTES = Buffer.from('ims-conformance test image\n'.repeat(40));

/** The first configured principal acting in another project than the owner, to share images with. */
export async function memberPrincipal(ctx: RunContext): Promise<{ name: string; project: string } | undefined> {
  const owner = await ctx.credentials.projectOf('owner');
  const preferred = ['member', ...Object.keys(ctx.config.principals)];
  for (const name of preferred) {
    if (!ctx.config.principals[name] || name === 'owner') continue;
    const project = await ctx.credentials.projectOf(name);
    if (project && project !== owner) return { name, project };
  }
  return undefined;
}

function passwordPrincipal(ctx: RunContext): string | undefined {
  return Object.keys(ctx.config.principals).find((n) => ctx.config.principals[n]?.password);
}

/** Creates an image of the owner tagged with the run id, and brings it to `state`. */
export async function ownerImage(
  ctx: RunContext,
  state: 'queued' | 'active',
  label: string,
): Promise<{ ok: true; id: string } | { ok: false; error: string; skip?: true }> {
  const create = ctx.role('image.create');
  const created = await ctx.call(
    create,
    { as: 'owner' },
    { body: { name: `${ctx.config.runId}-${label}`, disk_format: 'qcow2', container_format: 'bare', tags: [ctx.config.runId] } },
  );
  // A create the run may not send (--max-resources full) skips what needed the image.
  if (!created.ok) return { ok: false, error: created.message, ...(created.kind === 'skip' ? { skip: true as const } : {}) };
  const id = (created.exchange.response.body as { id?: unknown }).id;
  if (created.exchange.response.status >= 300 || typeof id !== 'string')
    return { ok: false, error: `could not create a test image: ${create.operationId} answered ${created.exchange.response.status}` };
  ctx.created.set(id, 'owner');
  if (state === 'queued') return { ok: true, id };
  const upload = await ctx.call(
    ctx.role('image.upload'),
    { as: 'owner' },
    { params: { image_id: id }, body: IMAGE_BYTES, mediaType: 'application/octet-stream' },
  );
  if (!upload.ok) return { ok: false, error: upload.message };
  if (upload.exchange.response.status >= 300) return { ok: false, error: `could not upload the test image: answered ${upload.exchange.response.status}` };
  return waitForStatus(ctx, id, 'active');
}

/**
 * Polls the image until it reaches `status` (uploads turn active asynchronously on real clouds), with backoff;
 * stops at the first state that cannot lead there (an end state, or one the spec's enum does not list).
 */
export async function waitForStatus(ctx: RunContext, id: string, status: string): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  const show = ctx.role('image.show');
  const rules = { wanted: [status], inProgress: IMAGE_STATES_IN_PROGRESS, documented: documentedStates(show), what: `test image ${id}` };
  const outcome = await pollUntil(ctx.config.pollTimeoutMs, 5_000, async (): Promise<Look<{ ok: true; id: string } | { ok: false; error: string }>> => {
    const reply = await ctx.call(show, { as: 'owner' }, { params: { image_id: id } });
    if (!reply.ok) return { done: { ok: false, error: reply.message } };
    const now = (reply.exchange.response.body as { status?: unknown } | undefined)?.status;
    const verdict = judgeState(now, rules);
    if (verdict.kind === 'reached') return { done: { ok: true, id } };
    if (verdict.kind === 'stop') return { done: { ok: false, error: `${verdict.reason} (${show.operationId} answered ${reply.exchange.response.status})` } };
    return { pending: String(now), retryAfter: reply.exchange.response.headers['retry-after'] };
  });
  return 'done' in outcome ? outcome.done : { ok: false, error: `test image ${id} did not become ${status} (is ${outcome.stuck})` };
}

/** The JSON-patch operation on an image (the PATCH beside `image.show`), if the profile has one. */
function imagePatch(ctx: RunContext): SpecOperation | undefined {
  const show = ctx.role('image.show');
  return ctx.spec.operations.find((o) => o.path === show.path && o.method === 'patch' && o.profiles.includes(ctx.config.profile));
}

/** Sets `visibility: shared` as the owner, best effort: a target that refuses (IMS shares private images) is left as it is. */
async function makeShareable(ctx: RunContext, imageId: string): Promise<void> {
  const patch = imagePatch(ctx);
  if (!patch) return;
  const mediaType = Object.keys(patch.requestBody?.content ?? {})[0] ?? 'application/openstack-images-v2.1-json-patch';
  const body = mediaType.includes('v2.0') ? [{ replace: '/visibility', value: 'shared' }] : [{ op: 'replace', path: '/visibility', value: 'shared' }];
  await ctx.call(patch, { as: 'owner' }, { params: { image_id: imageId }, body, mediaType });
}

/** Sets up what the operation's `x-precondition` asks for; skips with the reason when the config cannot. */
export async function prepare(ctx: RunContext, op: SpecOperation, precondition: Precondition = op.precondition): Promise<PrepareResult> {
  const missing = (precondition.fixtures ?? []).filter((f) => !ctx.config.fixtures[f]);
  if (missing.length > 0) return { ok: false, skip: `fixture ${missing.join(', ')} is not configured (fixtures.${missing[0]})` };
  const creates = precondition.image !== undefined || precondition.job === true;
  if (ctx.config.readOnly && (creates || !['get', 'head'].includes(op.method)))
    return { ok: false, skip: 'needs to create or change resources, and the run is --read-only' };

  const ownerProject = await ctx.credentials.projectOf('owner');
  const needsMember = precondition.memberProject === true || precondition.image === 'shared' || precondition.caller === 'member' || precondition.job === true;
  const member = needsMember ? await memberPrincipal(ctx) : undefined;
  if (needsMember && !member) return { ok: false, skip: 'needs a principal in another project than the owner (e.g. principals.member with projectId)' };

  const caller = callerOf(ctx, precondition, member);
  if (caller === undefined) return { ok: false, skip: 'needs a principal that signs in with a password' };
  const callerProject = await ctx.credentials.projectOf(caller);
  const facts: BindingFacts = {
    runId: ctx.config.runId,
    fixtures: ctx.config.fixtures,
    project: { caller: callerProject, owner: ownerProject, member: member?.project },
    caller: passwordFacts(ctx, caller, callerProject),
  };
  const params: Record<string, string> = {};
  if (callerProject) params.project_id = callerProject;
  if (member) params.member_id = member.project;
  if (ctx.config.fixtures.serverId) params.server_id = ctx.config.fixtures.serverId;

  const share = sharesSetUp(ctx, op);
  if (precondition.image) {
    const state = precondition.image;
    const make = () => preconditionImage(ctx, op, state, member);
    const image = await (share ? ctx.shared.once(`image:${state}:${member?.project ?? ''}`, make) : make());
    if (!image.ok) return image;
    facts.image = { id: image.id };
    params.image_id = image.id;
  }
  if (precondition.job && member) {
    const make = () => startedJob(ctx, member);
    const job = await (share ? ctx.shared.once(`job:${member.project}`, make) : make());
    if (!job.ok) return job;
    facts.job = { id: job.id };
    params.job_id = job.id;
  }
  return { ok: true, prepared: { caller, params, facts } };
}

/**
 * Whether the scenario may start from the image (or job) other scenarios of the operation start from: it sends only
 * GET or HEAD, which change nothing (RFC 9110 §9.2.1), while each fresh image costs a create, an upload and a wait
 * for `active` on the target. Not under --max-resources: a shared image would hold room for the whole suite file.
 */
function sharesSetUp(ctx: RunContext, op: SpecOperation): boolean {
  return ['get', 'head'].includes(op.method) && ctx.config.maxResources === undefined;
}

/** What a scenario could not be prepared for: a skip (the config or the run's limits) or an error (the target). */
type Unprepared = Exclude<PrepareResult, { ok: true }>;

/** Who sends the scenario's request; undefined when it must sign in with a password and no principal does. */
function callerOf(ctx: RunContext, precondition: Precondition, member: { name: string } | undefined): string | undefined {
  if (precondition.caller === 'password') return passwordPrincipal(ctx);
  return precondition.caller === 'member' && member ? member.name : 'owner';
}

/** The caller's password and project scope, for bindings that sign in again; undefined for other sign-ins. */
function passwordFacts(ctx: RunContext, caller: string, callerProject: string | undefined): BindingFacts['caller'] {
  const password = ctx.config.principals[caller]?.password;
  if (!password) return undefined;
  return { password, projectScope: callerProject ? { id: callerProject } : { name: password.project ?? '' } };
}

/** A failed ownerImage as a prepare result: a create the run may not send skips, anything else is an error. */
function imageUnprepared(image: { error: string; skip?: true }): Unprepared {
  return image.skip ? { ok: false, skip: image.error } : { ok: false, error: image.error };
}

/** The owner's test image in the state the precondition names, shared with the member where it asks so. */
async function preconditionImage(
  ctx: RunContext,
  op: SpecOperation,
  state: NonNullable<Precondition['image']>,
  member: { project: string } | undefined,
): Promise<{ ok: true; id: string } | Unprepared> {
  const image = await ownerImage(ctx, state === 'queued' ? 'queued' : 'active', op.operationId);
  if (!image.ok) return imageUnprepared(image);
  // Glance adds members only to `shared` images (its api-ref's precondition); IMS shares private ones. An image
  // about to get members is made `shared` first where the target lets the owner do so, and stays as it is where not.
  if ((state === 'shared' || op.roles.includes('member.add')) && member) await makeShareable(ctx, image.id);
  if (state === 'shared' && member) {
    const added = await ctx.call(ctx.role('member.add'), { as: 'owner' }, { params: { image_id: image.id }, body: { member: member.project } });
    if (!added.ok) return { ok: false, error: added.message };
    if (added.exchange.response.status >= 300) return { ok: false, error: `could not share the test image: answered ${added.exchange.response.status}` };
  }
  return { ok: true, id: image.id };
}

/** A sharing job of a fresh active image of the owner's with the member's project, for the job operations. */
async function startedJob(ctx: RunContext, member: { project: string }): Promise<{ ok: true; id: string } | Unprepared> {
  const image = await ownerImage(ctx, 'active', 'job');
  if (!image.ok) return imageUnprepared(image);
  const start = ctx.role('job.start');
  const started = await ctx.call(start, { as: 'owner' }, { body: { images: [image.id], projects: [member.project] } });
  if (!started.ok) return { ok: false, error: started.message };
  const jobId = (started.exchange.response.body as { job_id?: unknown }).job_id;
  if (typeof jobId !== 'string') return { ok: false, error: `could not start a job: ${start.operationId} answered ${started.exchange.response.status}` };
  return { ok: true, id: jobId };
}
