import { ownerSeesMemberStatus } from '../../../checks/rules/member-status.js';
import { succeeded } from './command.js';
import { memberStatusIs } from './listing-check.js';
import { memberStatusSet, type MemberStatus, type ModelImage } from './model.js';
import { RULES, sharingOps, statusRule } from './sharing.js';
import type { LifecycleSystem, Rule } from './system.js';

/** The member sets its own status on an image shared with it (what accept and reject share). */
export async function memberSetsStatus(system: LifecycleSystem, image: ModelImage, status: MemberStatus): Promise<void> {
  const { update, member } = sharingOps(system);
  const answered = await system.send(update, member.name, { params: { image_id: image.id, member_id: member.project }, body: { status } });
  const rules: Rule[] = [
    { exchange: answered, checkId: 'sharing-semantics', check: statusRule([200], RULES.memberSetsOwn) },
    { exchange: answered, checkId: 'sharing-semantics', check: memberStatusIs(status, RULES.memberSetsOwn) },
  ];
  if (succeeded(answered)) {
    const read = await ownerReadsMembership(system, image, status);
    // The status is the one the owner reads back (a status the target did not keep stays what it was).
    memberStatusSet(image, member.project, read.seen ?? status);
    rules.push(...read.rules);
  }
  system.judge(rules);
}

const MEMBER_STATUSES: readonly string[] = ['pending', 'accepted', 'rejected'] satisfies MemberStatus[];

/**
 * The owner reads the membership back, by id and (after a status change) in the image's member list: the rules
 * that it shows the status the documents predict (`member-status-visible`), and the status the read shows.
 * After an add the show alone is read, to keep sharing sequences cheap.
 */
export async function ownerReadsMembership(
  system: LifecycleSystem,
  image: ModelImage,
  status: MemberStatus,
  reads: 'show' | 'show and list' = 'show and list',
): Promise<{ rules: Rule[]; seen: MemberStatus | undefined }> {
  const { member } = sharingOps(system);
  const { showMember } = system.ops;
  const listMembers = reads === 'show and list' ? system.ops.listMembers : undefined;
  const rules: Rule[] = [];
  let seen: MemberStatus | undefined;
  const check = ownerSeesMemberStatus(member.project, status);
  if (showMember) {
    const shown = await system.send(showMember, system.who.owner, { params: { image_id: image.id, member_id: member.project } });
    const shownStatus = shown.response.status === 200 ? (shown.response.body as { status?: unknown } | undefined)?.status : undefined;
    if (typeof shownStatus === 'string' && MEMBER_STATUSES.includes(shownStatus)) seen = shownStatus as MemberStatus;
    rules.push({ exchange: shown, checkId: 'member-status-visible', check });
  }
  if (listMembers)
    rules.push({ exchange: await system.send(listMembers, system.who.owner, { params: { image_id: image.id } }), checkId: 'member-status-visible', check });
  return { rules, seen };
}
