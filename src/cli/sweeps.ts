import type { Config } from '../config/config.js';
import { RunContext } from '../engine/run-context.js';
import { sweep, type SweepOutcome } from '../engine/sweep.js';
import type { LoadedSpec } from '../spec/load-spec.js';

const list = (ids: string[]): string => (ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', '));

function describe(outcome: SweepOutcome, what: string): string[] {
  const lines = [
    `${what}: deleted ${outcome.deleted.length} image${outcome.deleted.length === 1 ? '' : 's'}${outcome.deleted.length ? ` (${list(outcome.deleted)})` : ''}`,
  ];
  for (const left of outcome.left) lines.push(`  could not delete ${left.id}: ${left.why}`);
  for (const why of outcome.unlisted) lines.push(`  could not list the images of ${why}`);
  return lines;
}

/** `--sweep`: before the run, removes what earlier runs of the suite left (named and tagged with a run id). */
export async function sweepEarlierRuns(config: Config & { target: string }, spec: LoadedSpec, out: (line: string) => void): Promise<void> {
  const ctx = new RunContext(config, spec);
  try {
    for (const line of describe(await sweep(ctx), 'sweep of earlier runs')) out(line);
  } finally {
    await ctx.close();
  }
}

/** After Ctrl-C: deletes every image this run created (whichever suite file made it), then says what is left. */
export async function sweepInterruptedRun(config: Config & { target: string }, spec: LoadedSpec, out: (line: string) => void): Promise<boolean> {
  const ctx = new RunContext(config, spec);
  try {
    const outcome = await sweep(ctx, config.runId);
    for (const line of describe(outcome, `cleanup of run ${config.runId}`)) out(line);
    return outcome.left.length === 0 && outcome.unlisted.length === 0;
  } finally {
    await ctx.close();
  }
}

/**
 * After a finished run: the suite files deleted what they tracked (waiting for late images within the poll
 * timeout); this last look by run id catches what no file could track (an image whose id the target never
 * said). Says something only when it found something. Returns whether nothing of the run is known to be left.
 */
export async function sweepFinishedRun(config: Config & { target: string }, spec: LoadedSpec, out: (line: string) => void): Promise<boolean> {
  const ctx = new RunContext(config, spec);
  try {
    const outcome = await sweep(ctx, config.runId);
    const found = outcome.deleted.length + outcome.left.length + outcome.unlisted.length;
    if (found > 0) for (const line of describe(outcome, `final cleanup of run ${config.runId}`)) out(line);
    return outcome.left.length === 0 && outcome.unlisted.length === 0;
  } finally {
    await ctx.close();
  }
}
