import { LifecycleCommand } from './command.js';
import { sharedImages, type LifecycleModel } from './model.js';
import { memberSetsStatus } from './set-member-status.js';
import type { LifecycleSystem } from './system.js';

/** The member rejects an image shared with it (pending or already accepted). */
export class RejectShareCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return sharedImages(model).length > 0;
  }

  protected label(): string {
    return `reject(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const image = this.choose(sharedImages(model));
    this.resolved = `reject(${image.id} as ${model.member})`;
    await memberSetsStatus(system, image, 'rejected');
  }
}
