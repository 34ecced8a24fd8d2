import { memberSeesOnlyItself } from '../../../checks/rules/member-status.js';
import { LifecycleCommand } from './command.js';
import { sharedImages, type LifecycleModel } from './model.js';
import { refusalRule, RULES, sharingOps, statusRule } from './sharing.js';
import type { LifecycleSystem, Rule } from './system.js';

/**
 * The member reads the member list of an image shared with it while the owner has shared it with a second project
 * (the run's third one): the list holds its own entry alone, with the status the model holds, and a read of the
 * other entry is refused as the error-situation table gives it. The owner then takes
 * the second share back where it can, so the model's one member stays the image's only one.
 */
export class MemberReadsMembersCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return sharedImages(model).length > 0;
  }

  protected label(): string {
    return `member-reads-members(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const { add, remove, member } = sharingOps(system);
    const { listMembers } = system.ops;
    const second = system.who.stranger;
    const image = this.choose(sharedImages(model));
    const status = image.members.get(member.project) ?? 'pending';
    this.resolved = `member-reads-members(${image.id} as ${member.project}${second ? `, also shared with ${second}` : ''})`;
    if (!listMembers) return;
    const rules: Rule[] = [];
    if (second) {
      const added = await system.send(add, system.who.owner, { params: { image_id: image.id }, body: { member: second } });
      rules.push({ exchange: added, checkId: 'sharing-semantics', check: statusRule([200], RULES.ownerAdds) });
    }
    const listed = await system.send(listMembers, member.name, { params: { image_id: image.id } });
    rules.push({ exchange: listed, checkId: 'sharing-semantics', check: memberSeesOnlyItself(member.project, status) });
    if (second && system.ops.showMember) {
      const other = await system.send(system.ops.showMember, member.name, { params: { image_id: image.id, member_id: second } });
      rules.push({ exchange: other, checkId: 'sharing-semantics', check: refusalRule(system, 'member-reads-other-member', RULES.memberSeesOwnOnly) });
    }
    if (second && remove) {
      const removed = await system.send(remove, system.who.owner, { params: { image_id: image.id, member_id: second } });
      rules.push({ exchange: removed, checkId: 'sharing-semantics', check: statusRule([204], RULES.ownerRemoves) });
    }
    system.judge(rules);
  }
}
