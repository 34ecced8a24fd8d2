import { LifecycleCommand } from './command.js';
import { sharedImages, type LifecycleModel } from './model.js';
import { memberSetsStatus } from './set-member-status.js';
import type { LifecycleSystem } from './system.js';

/** The member accepts an image shared with it (from pending, or changing its mind after a reject). */
export class AcceptShareCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return sharedImages(model).length > 0;
  }

  protected label(): string {
    return `accept(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const image = this.choose(sharedImages(model));
    this.resolved = `accept(${image.id} as ${model.member})`;
    await memberSetsStatus(system, image, 'accepted');
  }
}
