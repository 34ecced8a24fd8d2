import fc from 'fast-check';
import { memberPrincipal } from '../../preconditions.js';
import type { RunContext } from '../../run-context.js';
import type { LifecycleCommand } from './command.js';
import { capabilitiesOf, lifecycleCommand, lifecycleWalks, MAX_COMMANDS, type Capabilities } from './commands.js';
import { CreateImageCommand } from './create-image-command.js';
import { DeviationFound, LifecycleStopped } from './errors.js';
import { emptyModel, type LifecycleModel } from './model.js';
import type { LifecycleOps } from './operations.js';
import { LifecycleRecorder, pairKey } from './recorder.js';
import { LifecycleSystem, type LifecyclePrincipals } from './system.js';

/**
 * Shrink candidates fast-check may try after a failure. Each costs a whole sequence of requests (and images)
 * on the target, so the bound keeps a failing cloud run affordable; the report says when it was reached.
 */
export const SHRINK_LIMIT = 60;

export interface LifecycleRun {
  recorder: LifecycleRecorder;
  /** Whether a member principal was found: without one, sharing is skipped, not failed. */
  hasMember: boolean;
}

/** Anything but a deviation ends the lifecycle: a stop the target caused, or a bug of the suite. */
function recordStop(recorder: LifecycleRecorder, error: unknown): void {
  if (error instanceof LifecycleStopped) recorder.stop(error.kind, error.message);
  else recorder.stop('harness', (error as Error).stack ?? String(error));
}

/** A project that is neither the owner's nor the member's, to name in bodies; the owner's when there is none. */
async function otherProject(ctx: RunContext, owner: string | undefined, member: string | undefined): Promise<string> {
  for (const name of Object.keys(ctx.config.principals)) {
    const project = await ctx.credentials.projectOf(name);
    if (project && project !== owner && project !== member) return project;
  }
  return owner ?? '';
}

/**
 * fast-check's part: `runs` generated sequences from the run's seed. A command throws `DeviationFound` when the
 * target breaks a rule, which fails the property, so fast-check shrinks the sequence; the last (smallest)
 * failure's trace becomes the counterexample. Stops and harness errors do not fail the property: shrinking them
 * would only repeat them.
 *
 * Time budget: one `pollTimeoutMs` (a cloud may take that long per upload). Past it, sequences and shrink
 * attempts pass without a request, so the walks still run within the suite's test timeout. (fast-check's own
 * `interruptAfterTimeLimit` would abandon a sequence mid-flight, still sending requests, while the walks start.)
 */
async function generatedSequences(
  ctx: RunContext,
  start: () => LifecycleSystem,
  model: () => LifecycleModel,
  can: Capabilities,
  recorder: LifecycleRecorder,
): Promise<void> {
  let sequences = 0;
  const deadline = Date.now() + ctx.config.pollTimeoutMs;
  const commands = fc.limitShrink(fc.commands([lifecycleCommand(can)], { maxCommands: MAX_COMMANDS, size: 'max' }), SHRINK_LIMIT);
  const property = fc.asyncProperty(commands, async (drawn) => {
    // Once stopped or out of time, every further sequence (shrinking included) passes at no cost.
    if (recorder.stopped) return;
    if (Date.now() > deadline) {
      recorder.outOfTime = true;
      return;
    }
    recorder.source = `generated sequence ${++sequences}`;
    if (recorder.firstFailingLength !== undefined) recorder.shrinkAttempts++;
    const system = start();
    try {
      // Every sequence starts from one image: without it most drawn commands would not apply and be skipped.
      await fc.asyncModelRun(() => ({ model: model(), real: system }), [new CreateImageCommand(), ...drawn]);
    } catch (error) {
      if (!(error instanceof DeviationFound)) return recordStop(recorder, error);
      recorder.firstFailingLength ??= error.trace.length;
      throw error;
    }
  });
  const details = await fc.check(property, { seed: ctx.config.seed, numRuns: ctx.config.runs });
  const failure = details.errorInstance;
  if (!details.failed || !(failure instanceof DeviationFound)) return;
  recorder.counterexample = {
    trace: failure.trace,
    pairs: new Set(failure.findings.map((f) => pairKey(f.operationId, f.checkId))),
    firstLength: recorder.firstFailingLength ?? failure.trace.length,
    numShrinks: details.numShrinks,
    path: details.counterexamplePath ?? '',
    replayPath: /replayPath="([^"]*)"/.exec(String(details.counterexample?.[0] ?? ''))?.[1],
  };
}

/**
 * A fixed walk: the same commands and model as a generated sequence, but it goes on past every deviation (the
 * findings are recorded, and the model took what the target did), so each rule on the walk gets its verdict
 * however many others broke. A command whose precondition an earlier deviation took away (an image the target
 * would not delete has no read-after-delete) is noted, so its rules are skipped naming what kept them from running.
 */
async function runWalk(system: LifecycleSystem, model: LifecycleModel, commands: LifecycleCommand[], recorder: LifecycleRecorder, walk: string): Promise<void> {
  for (const command of commands) {
    if (!command.check(model)) {
      recorder.unreached.push(`${command} of ${walk}`);
      continue;
    }
    try {
      await command.run(model, system);
    } catch (error) {
      if (error instanceof DeviationFound) continue;
      recordStop(recorder, error);
      return;
    }
  }
}

/**
 * The lifecycle of one run: fast-check's generated sequences, then the fixed walks that take every rule at
 * least once. Never throws: whatever happens ends up in the recorder.
 */
export async function runLifecycle(ctx: RunContext, ops: LifecycleOps): Promise<LifecycleRun> {
  const recorder = new LifecycleRecorder();
  let hasMember = false;
  try {
    const ownerProject = await ctx.credentials.projectOf('owner');
    const member = await memberPrincipal(ctx);
    hasMember = member !== undefined;
    const who: LifecyclePrincipals = { owner: 'owner', member, otherProject: await otherProject(ctx, ownerProject, member?.project) };
    const can = capabilitiesOf(ops, hasMember);
    const start = (): LifecycleSystem => new LifecycleSystem(ctx, ops, who, recorder);
    const model = (): LifecycleModel => emptyModel(member?.project);

    await generatedSequences(ctx, start, model, can, recorder);
    for (const walk of lifecycleWalks(can)) {
      if (recorder.stopped) break;
      recorder.source = walk.name;
      await runWalk(start(), model(), walk.commands, recorder, walk.name);
    }
  } catch (error) {
    recordStop(recorder, error);
  }
  return { recorder, hasMember };
}
