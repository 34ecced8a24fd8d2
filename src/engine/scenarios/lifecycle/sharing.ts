import { sharingSemantics } from '../../../checks/scenario-checks.js';
import { sharingRefusal } from '../../../checks/situation-checks.js';
import type { SpecOperation } from '../../../model/operation.js';
import type { LifecycleSystem } from './system.js';

/** The hints of the Glance member rules, one per rule, so findings read as the rule they break. */
export const RULES = {
  ownerAdds: 'Only the owner adds members; a new member starts pending (POST answers the member).',
  memberSetsOwn: 'Only the member project sets its own member status (PUT answers the member with the new status).',
  ownerCannotSet: 'Only the member sets its own status: refuse the owner’s PUT …/members/{member_id} (IMS: IMG.0026; Glance: 403).',
  memberCannotAdd: 'Only the owner adds members: refuse a member’s POST …/members (IMS: 400 IMG.0047; Glance: 403, or 404 when it cannot see the image).',
  memberCannotRemove: 'Only the owner removes members: refuse a member’s DELETE …/members/{member_id} (IMS: 400 IMG.0047/IMG.0026; Glance: 403, or 404).',
  ownerRemoves: 'The owner removes a member with 204.',
  memberSeesOwnOnly: 'A member project reads only its own membership: another member’s entry is refused (Glance 404; IMS 403/404 or 400 IMG.0026).',
  pendingHidden: 'A pending share is readable by id but not in the member’s default list.',
  acceptedListed: 'An accepted share is in the member’s default list.',
  rejectedHidden: 'A rejected share is not in the member’s default list, but stays readable by id.',
  removedGone: 'A member the owner removed no longer sees the image: refused by id as for a stranger (404; IMS also 400 IMG.0027), not listed.',
};

/** The sharing operations, which the sharing commands are only generated with. */
export function sharingOps(system: LifecycleSystem): {
  add: SpecOperation;
  update: SpecOperation;
  remove: SpecOperation | undefined;
  member: { name: string; project: string };
} {
  const { addMember, updateMember, removeMember } = system.ops;
  const member = system.who.member;
  if (!addMember || !updateMember || !member) throw new Error('a sharing command ran without member operations or a member principal');
  return { add: addMember, update: updateMember, remove: removeMember, member };
}

export const statusRule = (expected: number[], hint: string) => sharingSemantics(expected, hint);

/** A member rule the documents answer with an error: the statuses come from the run's error-situation table. */
export const refusalRule = (system: LifecycleSystem, situation: Parameters<typeof sharingRefusal>[1], hint: string) =>
  sharingRefusal(system.ctx.spec.situations, situation, hint);
