import { LifecycleCommand, succeeded } from './command.js';
import { memberAdded, sharedImages, type LifecycleModel } from './model.js';
import { refusalRule, RULES, sharingOps } from './sharing.js';
import type { LifecycleSystem } from './system.js';

/** The member tries to share an image shared with it onwards: only the owner adds members (403, or 404). */
export class MemberAddsMemberCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return sharedImages(model).length > 0;
  }

  protected label(): string {
    return `member-adds-member(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const { add, member } = sharingOps(system);
    const image = this.choose(sharedImages(model));
    const project = system.who.otherProject;
    this.resolved = `member-adds-member(${image.id} as ${member.project}, adding ${project})`;
    const answered = await system.send(add, member.name, { params: { image_id: image.id }, body: { member: project } });
    // A target that let the member share onwards has a third member; the model follows only its own member.
    if (succeeded(answered) && project !== model.member) memberAdded(image, project);
    system.judge([{ exchange: answered, checkId: 'sharing-semantics', check: refusalRule(system, 'member-adds-member', RULES.memberCannotAdd) }]);
  }
}
