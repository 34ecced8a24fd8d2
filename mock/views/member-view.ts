import type { ImageRecord, MemberRecord } from '../store/images.js';

/** One image member as Glance v2 (and the IMS façade) answers it: `/v2/schemas/member`. */
export function renderMember(image: ImageRecord, member: MemberRecord): Record<string, unknown> {
  return {
    status: member.status,
    created_at: member.createdAt,
    updated_at: member.updatedAt,
    image_id: image.id,
    member_id: member.memberId,
    schema: '/v2/schemas/member',
  };
}
