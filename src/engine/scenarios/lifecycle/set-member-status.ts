import { memberStatusIs } from './listing-check.js';
import { memberStatusSet, type MemberStatus, type ModelImage } from './model.js';
import { RULES, sharingOps, statusRule } from './sharing.js';
import type { LifecycleSystem } from './system.js';

/** The member sets its own status on an image shared with it (what accept and reject share). */
export async function memberSetsStatus(system: LifecycleSystem, image: ModelImage, status: MemberStatus): Promise<void> {
  const { update, member } = sharingOps(system);
  const answered = await system.send(update, member.name, { params: { image_id: image.id, member_id: member.project }, body: { status } });
  system.judge([
    { exchange: answered, checkId: 'sharing-semantics', check: statusRule([200], RULES.memberSetsOwn) },
    { exchange: answered, checkId: 'sharing-semantics', check: memberStatusIs(status, RULES.memberSetsOwn) },
  ]);
  memberStatusSet(image, member.project, status);
}
