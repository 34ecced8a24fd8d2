import { LifecycleCommand, succeeded } from './command.js';
import { memberStatusIs } from './listing-check.js';
import { memberAdded, memberStatusSet, shareableImages, type LifecycleModel } from './model.js';
import { patchSpec } from '../../json-patch.js';
import { ownerReadsMembership } from './set-member-status.js';
import { RULES, sharingOps, statusRule } from './sharing.js';
import type { LifecycleSystem, Rule } from './system.js';

/** The owner shares a live image with the member project; the member starts `pending`. */
export class ShareImageCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return shareableImages(model).length > 0;
  }

  protected label(): string {
    return `share(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const { add, member } = sharingOps(system);
    const image = this.choose(shareableImages(model));
    this.resolved = `share(${image.id} with ${member.project})`;
    const request = { params: { image_id: image.id }, body: { member: member.project } };
    let added = await system.send(add, system.who.owner, request);
    // Upstream Glance shares only `shared` images (403 before); the spec allows either, so follow its way.
    if (added.response.status === 403 && system.ops.rename) {
      await system.send(system.ops.rename, system.who.owner, patchSpec(system.ops.rename, image.id, 'visibility', 'shared'));
      added = await system.send(add, system.who.owner, request);
    }
    const rules: Rule[] = [
      { exchange: added, checkId: 'sharing-semantics', check: statusRule([200], RULES.ownerAdds) },
      { exchange: added, checkId: 'sharing-semantics', check: memberStatusIs('pending', RULES.ownerAdds) },
    ];
    // A refused share leaves the image unshared; a taken one holds the status the owner reads back.
    if (succeeded(added)) {
      memberAdded(image, member.project);
      const read = await ownerReadsMembership(system, image, 'pending', 'show');
      if (read.seen) memberStatusSet(image, member.project, read.seen);
      rules.push(...read.rules);
    }
    system.judge(rules);
  }
}
