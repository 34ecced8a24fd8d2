import { LifecycleCommand, succeeded } from './command.js';
import { memberRemoved, sharedImages, type LifecycleModel } from './model.js';
import { RULES, sharingOps, statusRule } from './sharing.js';
import type { LifecycleSystem } from './system.js';

/** The owner takes a share back; the member then sees the image no more (judged by list-as-member). */
export class RemoveMemberCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return sharedImages(model).length > 0;
  }

  protected label(): string {
    return `remove-member(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const { remove, member } = sharingOps(system);
    if (!remove) return;
    const image = this.choose(sharedImages(model));
    this.resolved = `remove-member(${image.id}, ${member.project})`;
    const removed = await system.send(remove, system.who.owner, { params: { image_id: image.id, member_id: member.project } });
    if (succeeded(removed)) memberRemoved(image, member.project);
    system.judge([{ exchange: removed, checkId: 'sharing-semantics', check: statusRule([204], RULES.ownerRemoves) }]);
  }
}
