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

export const MEMBER_SEES_ITSELF = {
  checkId: 'sharing-semantics',
  documents: ['glance-api-ref-sharing', 'glance-observed', 'otc-native-list-members'],
  hint: 'A member project’s GET …/members shows only its own entry (with its status), never the owner’s other members.',
} as const;

/**
 * Glance's member-list rule, as the member reads it: "the member list contains only information for that user". A
 * refusal is not judged here (the IMS page is silent on members reading the list), only what a 200 list shows.
 */
export function memberSeesOnlyItself(project: string, status: string): Check {
  return defineCheck(MEMBER_SEES_ITSELF.checkId, (exchange) => {
    const members = successBody(exchange)?.members;
    if (!Array.isArray(members)) return [unjudged(exchange, MEMBER_SEES_ITSELF, 'a member list')];
    const entries = members as Record<string, unknown>[];
    const others = entries.map((m) => m.member_id).filter((id) => id !== project);
    const own = entries.find((m) => m.member_id === project);
    const wrong = [
      ...(others.length > 0 ? [`it shows ${show(others)} besides itself`] : []),
      ...(own?.status === status ? [] : [own ? `its own entry has status ${show(own.status)}, not ${show(status)}` : 'its own entry is missing']),
    ];
    if (wrong.length === 0) return [];
    return [
      effectFinding(exchange, MEMBER_SEES_ITSELF, 'member list shows what the member may not see', `Member ${project} lists the members: ${wrong.join('; ')}.`),
    ];
  });
}
