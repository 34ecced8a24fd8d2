import fc from 'fast-check';
import type { Exchange } from '../../../model/exchange.js';
import type { LifecycleModel, ModelImage } from './model.js';
import type { LifecycleSystem } from './system.js';

/**
 * Base of every lifecycle command: `check` is the precondition on the model, `act` calls the target, applies
 * the rules and updates the model. `toString` shows the command as it ran (resolved ids), so a counterexample
 * can be read and replayed by hand; before it runs it shows the generated choice (`upload(#1)`).
 *
 * `act` makes all its calls, then lets the model take what the target did (a write it refused changed nothing,
 * a status read back is the status), and judges last: a deviation never leaves the model wrong about the target,
 * so a fixed walk goes on past it and every later rule is still judged (what the documents predict is in the
 * rules, not in the model).
 */
export abstract class LifecycleCommand implements fc.AsyncCommand<LifecycleModel, LifecycleSystem> {
  protected resolved: string | undefined;

  constructor(
    /** Which candidate image to act on (modulo the candidates): shrinks towards the first. */
    protected readonly pick = 0,
  ) {}

  abstract check(model: Readonly<LifecycleModel>): boolean;
  protected abstract act(model: LifecycleModel, system: LifecycleSystem): Promise<void>;
  protected abstract label(): string;

  async run(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    this.resolved = undefined;
    system.begin(this);
    await this.act(model, system);
  }

  toString(): string {
    return this.resolved ?? this.label();
  }

  /** The candidate this command acts on; `check` guarantees there is one. */
  protected choose(candidates: ModelImage[]): ModelImage {
    const image = candidates[this.pick % candidates.length];
    if (!image) throw new Error(`${this.label()} ran without a candidate image (its check should have prevented it)`);
    return image;
  }

  /**
   * fast-check replays shrunk sequences with the same command objects; a fresh copy per run keeps each run's
   * resolved ids to itself, so `toString` of a counterexample shows the ids of the run that failed.
   */
  [fc.cloneMethod](): this {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this);
    copy.resolved = undefined;
    return copy;
  }
}

/** Whether the target did what a write asked: a 2xx answer (the rules judge whether it was the documented one). */
export const succeeded = (exchange: Exchange): boolean => exchange.response.status >= 200 && exchange.response.status < 300;
