import { ownerSeesMemberStatus } from '../../../checks/rules/member-status.js';
import { memberStatusIs } from './listing-check.js';
import { memberStatusSet, type MemberStatus, type ModelImage } from './model.js';
import { RULES, sharingOps, statusRule } from './sharing.js';
import type { LifecycleSystem, Rule } from './system.js';

/** The member sets its own status on an image shared with it (what accept and reject share). */
export async function memberSetsStatus(system: LifecycleSystem, image: ModelImage, status: MemberStatus): Promise<void> {
  const { update, member } = sharingOps(system);
  const answered = await system.send(update, member.name, { params: { image_id: image.id, member_id: member.project }, body: { status } });
  system.judge([
    { exchange: answered, checkId: 'sharing-semantics', check: statusRule([200], RULES.memberSetsOwn) },
    { exchange: answered, checkId: 'sharing-semantics', check: memberStatusIs(status, RULES.memberSetsOwn) },
  ]);
  memberStatusSet(image, member.project, status);
  await ownerReadsMembership(system, image, status);
}

/**
 * The owner reads the membership back, by id and (after a status change) in the image's member list: the status
 * the model holds (`member-status-visible`). After an add the show alone is read, to keep sharing sequences cheap.
 */
export async function ownerReadsMembership(
  system: LifecycleSystem,
  image: ModelImage,
  status: MemberStatus,
  reads: 'show' | 'show and list' = 'show and list',
): Promise<void> {
  const { member } = sharingOps(system);
  const { showMember } = system.ops;
  const listMembers = reads === 'show and list' ? system.ops.listMembers : undefined;
  const rules: Rule[] = [];
  const check = ownerSeesMemberStatus(member.project, status);
  if (showMember)
    rules.push({
      exchange: await system.send(showMember, system.who.owner, { params: { image_id: image.id, member_id: member.project } }),
      checkId: 'member-status-visible',
      check,
    });
  if (listMembers)
    rules.push({ exchange: await system.send(listMembers, system.who.owner, { params: { image_id: image.id } }), checkId: 'member-status-visible', check });
  system.judge(rules);
}
