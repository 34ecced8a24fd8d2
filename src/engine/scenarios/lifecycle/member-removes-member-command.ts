import { LifecycleCommand, succeeded } from './command.js';
import { memberRemoved, sharedImages, type LifecycleModel } from './model.js';
import { refusalRule, RULES, sharingOps } from './sharing.js';
import type { LifecycleSystem } from './system.js';

/** The member tries to remove itself from a share: only the owner removes members (403, or 404). */
export class MemberRemovesMemberCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return sharedImages(model).length > 0;
  }

  protected label(): string {
    return `member-removes-member(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const { remove, member } = sharingOps(system);
    if (!remove) return;
    const image = this.choose(sharedImages(model));
    this.resolved = `member-removes-member(${image.id} as ${member.project})`;
    const answered = await system.send(remove, member.name, { params: { image_id: image.id, member_id: member.project } });
    // A target that let the member leave has removed it.
    if (succeeded(answered)) memberRemoved(image, member.project);
    system.judge([{ exchange: answered, checkId: 'sharing-semantics', check: refusalRule(system, 'member-removes-member', RULES.memberCannotRemove) }]);
  }
}
