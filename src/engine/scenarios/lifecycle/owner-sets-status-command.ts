import { LifecycleCommand, succeeded } from './command.js';
import { memberStatusSet, sharedImages, type LifecycleModel, type MemberStatus } from './model.js';
import { refusalRule, RULES, sharingOps } from './sharing.js';
import type { LifecycleSystem } from './system.js';

/** The owner tries to set the member's status: only the member may (403), and the model stays as it was unless the target took it. */
export class OwnerSetsStatusCommand extends LifecycleCommand {
  constructor(
    pick: number,
    private readonly status: MemberStatus,
  ) {
    super(pick);
  }

  check(model: Readonly<LifecycleModel>): boolean {
    return sharedImages(model).length > 0;
  }

  protected label(): string {
    return `owner-sets-status(#${this.pick}, ${this.status})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const { update, member } = sharingOps(system);
    const image = this.choose(sharedImages(model));
    this.resolved = `owner-sets-status(${image.id}, ${member.project} → ${this.status})`;
    const answered = await system.send(update, system.who.owner, { params: { image_id: image.id, member_id: member.project }, body: { status: this.status } });
    // A target that let the owner do it changed the member's status.
    if (succeeded(answered)) memberStatusSet(image, member.project, this.status);
    system.judge([{ exchange: answered, checkId: 'sharing-semantics', check: refusalRule(system, 'owner-sets-member-status', RULES.ownerCannotSet) }]);
  }
}
