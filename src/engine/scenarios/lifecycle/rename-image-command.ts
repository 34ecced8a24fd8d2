import { attributesAre } from '../../../checks/rules/patch-applied.js';
import { patchSpec } from '../../json-patch.js';
import { statusExpected } from '../../../checks/scenario-checks.js';
import { LifecycleCommand, succeeded } from './command.js';
import { imageRenamed, liveImages, type LifecycleModel } from './model.js';
import type { LifecycleSystem, Rule } from './system.js';

/**
 * The owner renames a live image; the update must succeed as documented, and the new name must be in its answer
 * and on the next read (`patch-applied`: the model, not the target, says what the name is now).
 */
export class RenameImageCommand extends LifecycleCommand {
  constructor(
    pick: number,
    private readonly variant: number,
  ) {
    super(pick);
  }

  check(model: Readonly<LifecycleModel>): boolean {
    return liveImages(model).length > 0;
  }

  protected label(): string {
    return `rename(#${this.pick}, variant ${this.variant})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const op = system.ops.rename;
    if (!op) return;
    const image = this.choose(liveImages(model));
    const name = `${system.ctx.config.runId}-lifecycle-renamed-${this.variant}`;
    this.resolved = `rename(${image.id} "${image.name}" → "${name}")`;
    const renamed = await system.send(op, system.who.owner, patchSpec(op, image.id, 'name', name));
    const rules: Rule[] = [{ exchange: renamed, checkId: 'status-expected', check: statusExpected(op.successStatuses) }];
    if (!succeeded(renamed)) return system.judge(rules);
    const shown = await system.send(system.ops.show, system.who.owner, { params: { image_id: image.id } });
    // The name is the one the target shows (a rename it did not store leaves the old one to filter by).
    const stored = shown.response.status === 200 ? (shown.response.body as { name?: unknown } | undefined)?.name : undefined;
    imageRenamed(image, typeof stored === 'string' ? stored : name);
    rules.push(
      { exchange: renamed, checkId: 'patch-applied', check: attributesAre({ name }, 'In the PATCH answer') },
      { exchange: shown, checkId: 'patch-applied', check: attributesAre({ name }, 'On the next GET') },
    );
    system.judge(rules);
  }
}
