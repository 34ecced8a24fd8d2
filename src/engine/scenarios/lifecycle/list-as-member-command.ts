import { listing, queryListing } from './listing-check.js';
import { LifecycleCommand } from './command.js';
import { filterableLists } from './operations.js';
import { everSharedImages, isMember, memberView, type LifecycleModel, type MemberStatus, type ModelImage } from './model.js';
import { refusalRule, RULES, sharingOps, statusRule } from './sharing.js';
import type { LifecycleSystem, Rule } from './system.js';

/** Why the model expects the member to see (or not see) an image, as a finding's reason and hint. */
function expectation(image: ModelImage, project: string): { because: string; hint: string } {
  if (image.deleted) return { because: 'the owner deleted it', hint: 'After a successful delete, the image is absent from every list.' };
  const membership = image.members.get(project);
  if (membership === 'accepted') return { because: 'the member accepted the share', hint: RULES.acceptedListed };
  if (membership === 'rejected') return { because: 'the member rejected the share', hint: RULES.rejectedHidden };
  if (membership === 'pending') return { because: 'the share is still pending', hint: RULES.pendingHidden };
  return { because: 'the owner removed the member', hint: RULES.removedGone };
}

/**
 * The member looks at every image ever shared with it: live ones by id (200 while a member, 404 once removed)
 * and all of them in its default lists (only accepted ones listed; deleted ones never: `use-after-delete`).
 */
export class ListAsMemberCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return everSharedImages(model).length > 0;
  }

  protected label(): string {
    return 'list-as-member';
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const { member } = sharingOps(system);
    const images = everSharedImages(model);
    this.resolved = `list-as-member(${images.map((i) => `${i.id} ${i.deleted ? 'deleted' : i.members.get(member.project)}`).join(', ')})`;
    const rules: Rule[] = [];
    for (const image of images.filter((i) => !i.deleted)) {
      const shown = await system.send(system.ops.show, member.name, { params: { image_id: image.id } });
      const view = memberView(image, member.project);
      rules.push({
        exchange: shown,
        checkId: 'sharing-semantics',
        check: view.readable
          ? statusRule([200], expectation(image, member.project).hint)
          : refusalRule(system, 'removed-member-reads', expectation(image, member.project).hint),
      });
    }
    for (const exchange of await system.lists(member.name))
      for (const image of images) {
        const checkId = image.deleted ? 'use-after-delete' : 'sharing-semantics';
        const listed = memberView(image, member.project).listed;
        rules.push({ exchange, checkId, check: listing({ checkId, imageId: image.id, listed, ...expectation(image, member.project) }) });
      }
    rules.push(
      ...(await this.byMemberStatus(
        system,
        images.filter((i) => !i.deleted && isMember(i, member.project)),
        member,
      )),
    );
    system.judge(rules);
  }

  /**
   * The `member_status` filter (Tempest's test_list_images_param_member_status): listed with its own status, an
   * image shared with the member shows up whatever that status is; one list per status the model holds.
   */
  private async byMemberStatus(system: LifecycleSystem, shared: ModelImage[], member: { name: string; project: string }): Promise<Rule[]> {
    const rules: Rule[] = [];
    const statuses = [...new Set(shared.map((i) => i.members.get(member.project)))].filter((s): s is MemberStatus => s !== undefined && s !== 'removed');
    for (const op of filterableLists(system.ops.lists).filter((o) => o.parameters.some((p) => p.in === 'query' && p.name === 'member_status')))
      for (const status of statuses) {
        const exchange = await system.send(op, member.name, { query: { member_status: status, limit: 100 } });
        for (const image of shared.filter((i) => i.members.get(member.project) === status))
          rules.push({
            exchange,
            checkId: 'list-query',
            check: queryListing(
              image.id,
              true,
              `the member's status on it is ${status}`,
              'A list filtered by member_status shows the images shared with the caller in that status.',
            ),
          });
      }
    return rules;
  }
}
