import { createdReadable } from '../../../checks/scenario-checks.js';
import { ownerImage } from '../../preconditions.js';
import { LifecycleCommand } from './command.js';
import { LifecycleStopped } from './errors.js';
import { listing } from './listing-check.js';
import { imageCreated, liveImages, MAX_LIVE_IMAGES, type LifecycleModel } from './model.js';
import type { LifecycleSystem, Rule } from './system.js';

const LABEL = 'lifecycle';

/**
 * The owner creates a queued image with the run's own helper (run-id name and tag, registered for cleanup),
 * then reads it by id and finds it in every image list at once (`created-readable`).
 */
export class CreateImageCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return liveImages(model).length < MAX_LIVE_IMAGES;
  }

  protected label(): string {
    return 'create';
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const { ctx, ops, who } = system;
    // The helper keeps the create exchange to itself; the canonical family holds that exchange to the spec.
    const created = await ownerImage(ctx, 'queued', LABEL);
    if (!created.ok) throw new LifecycleStopped(`could not create a lifecycle image: ${created.error}`, created.skip ? 'skip' : 'error');
    const image = imageCreated(model, created.id, `${ctx.config.runId}-${LABEL}`);
    this.resolved = `create → ${image.id}`;
    const shown = await system.send(ops.show, who.owner, { params: { image_id: image.id } });
    const lists = await system.lists(who.owner);
    system.judge([
      { exchange: shown, checkId: 'created-readable', check: createdReadable },
      ...lists.map(
        (exchange): Rule => ({
          exchange,
          checkId: 'created-readable',
          check: listing({
            checkId: 'created-readable',
            imageId: image.id,
            listed: true,
            because: 'the owner created it (2xx) just before',
            hint: 'List a created image as soon as its create call succeeded.',
          }),
        }),
      ),
    ]);
  }
}
