import { defineCheck, type Check } from '../finding.js';
import { effectFinding, show, successBody, unjudged } from './effect-finding.js';

export const MEMBER_STATUS_VISIBLE = {
  checkId: 'member-status-visible',
  hint: 'Store a member status change: the owner’s GET …/members/{member_id} and GET …/members show the status the member set.',
} as const;

/**
 * What the owner reads of one membership afterwards carries the status the model holds: a member body
 * (`GET …/members/{member_id}`) or the entry for `memberId` in a member list (`GET …/members`).
 */
export function ownerSeesMemberStatus(memberId: string, status: string): Check {
  return defineCheck(MEMBER_STATUS_VISIBLE.checkId, (exchange) => {
    const body = successBody(exchange);
    if (!body) return [unjudged(exchange, MEMBER_STATUS_VISIBLE, 'a member or member list')];
    const members = Array.isArray(body.members) ? (body.members as Record<string, unknown>[]) : undefined;
    const entry = members ? members.find((m) => m.member_id === memberId) : body;
    const received = entry?.status;
    if (received === status) return [];
    const what = members
      ? `the member list ${entry ? `shows ${memberId} with status ${show(received)}` : `does not show ${memberId}`}`
      : `the member reads status ${show(received)}`;
    return [effectFinding(exchange, MEMBER_STATUS_VISIBLE, 'member status not kept', `After the member set its status to ${show(status)}, ${what}.`)];
  });
}
