import { useAfterDelete } from '../../../checks/situation-checks.js';
import type { SpecOperation } from '../../../model/operation.js';
import type { Exchange } from '../../../model/exchange.js';
import type { CallOptions } from '../../run-context.js';
import { LifecycleCommand } from './command.js';
import { listing } from './listing-check.js';
import { deletedImages, type LifecycleModel, type ModelImage } from './model.js';
import { patchSpec } from '../../json-patch.js';
import type { LifecycleSystem, Rule } from './system.js';

const BYTES = Buffer.from('ims-conformance use after delete\n');
const GONE_FROM_LISTS = 'After a successful delete, the image is absent from every list.';

/**
 * Everything the owner (and a member it was shared with) could still do with a deleted image answers 404:
 * show, update, upload, a second delete, the member calls and reads; and no list shows it (`use-after-delete`).
 */
export class ReadDeletedCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return deletedImages(model).length > 0;
  }

  protected label(): string {
    return `read-deleted(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const image = this.choose(deletedImages(model));
    this.resolved = `read-deleted(${image.id})`;
    const items = await this.itemCalls(system, image);
    const lists = await system.lists(system.who.owner);
    // A member that ever had the image must lose it too, whatever its status was when the owner deleted it.
    const member = system.who.member;
    if (member && model.member !== undefined && image.members.has(model.member)) {
      items.push(await system.send(system.ops.show, member.name, { params: { image_id: image.id } }));
      lists.push(...(await system.lists(member.name)));
    }
    const rules: Rule[] = [
      ...items.map((exchange): Rule => ({ exchange, checkId: 'use-after-delete', check: useAfterDelete(system.ctx.spec.situations) })),
      ...lists.map(
        (exchange): Rule => ({
          exchange,
          checkId: 'use-after-delete',
          check: listing({ checkId: 'use-after-delete', imageId: image.id, listed: false, because: 'the owner deleted it', hint: GONE_FROM_LISTS }),
        }),
      ),
    ];
    system.judge(rules);
  }

  /** Every item call on the image the spec offers, as the principal that could make it before the delete; in order, so a replay repeats it. */
  private async itemCalls(system: LifecycleSystem, image: ModelImage): Promise<Exchange[]> {
    const { ops, who } = system;
    const id = { image_id: image.id };
    const memberId = who.member?.project ?? who.otherProject;
    const calls: [SpecOperation | undefined, string, CallOptions][] = [
      [ops.show, who.owner, { params: id }],
      [ops.rename, who.owner, ops.rename ? patchSpec(ops.rename, image.id, 'name', `${system.ctx.config.runId}-lifecycle-after-delete`) : {}],
      [ops.upload, who.owner, { params: id, body: BYTES, mediaType: 'application/octet-stream' }],
      [ops.delete, who.owner, { params: id }],
      [ops.addMember, who.owner, { params: id, body: { member: memberId } }],
      [ops.updateMember, who.member?.name ?? who.owner, { params: { ...id, member_id: memberId }, body: { status: 'accepted' } }],
      [ops.removeMember, who.owner, { params: { ...id, member_id: memberId } }],
      [ops.showMember, who.owner, { params: { ...id, member_id: memberId } }],
      [ops.listMembers, who.owner, { params: id }],
    ];
    const exchanges: Exchange[] = [];
    for (const [op, as, spec] of calls) if (op) exchanges.push(await system.send(op, as, spec));
    return exchanges;
  }
}
