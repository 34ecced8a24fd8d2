import { statusExpected } from '../../../checks/scenario-checks.js';
import { LifecycleCommand, succeeded } from './command.js';
import { imageDeleted, liveImages, type LifecycleModel } from './model.js';
import type { LifecycleSystem } from './system.js';

/** The owner deletes a live image (queued or active, shared or not); the delete must succeed as documented. */
export class DeleteImageCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return liveImages(model).length > 0;
  }

  protected label(): string {
    return `delete(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const image = this.choose(liveImages(model));
    this.resolved = `delete(${image.id})`;
    const op = system.ops.delete;
    const deleted = await system.send(op, system.who.owner, { params: { image_id: image.id } });
    // Deleted when the target says so; read-deleted then judges whether it really is.
    if (succeeded(deleted)) imageDeleted(image);
    system.judge([{ exchange: deleted, checkId: 'status-expected', check: statusExpected(op.successStatuses) }]);
  }
}
