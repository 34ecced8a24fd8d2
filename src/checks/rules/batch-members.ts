import { defineCheck, type Check } from '../finding.js';
import { effectFinding, show, successBody, unjudged } from './effect-finding.js';

export const BATCH_MEMBERS_APPLIED = {
  checkId: 'batch-members-applied',
  hint: 'Apply a batch member job before reporting it SUCCESS: the owner’s GET /v2/images/{image_id}/members then shows every member it added, the status it set, and none it removed.',
} as const;

/** What a batch member job does to each pair it names: POST adds, PUT sets the member's status, DELETE removes. */
export type BatchKind = 'add' | 'update' | 'remove';

/** What one image's member list must show of one project after the job. */
export interface MemberExpectation {
  imageId: string;
  project: string;
  want: 'present' | 'absent' | 'accepted' | 'rejected';
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

type ResultRow = { image_id?: unknown; project_id?: unknown; status?: unknown };

/**
 * Whether the finished job itself reports the pair as not done: a row of `entities.results` for the image (and
 * the project, where the row names one: the OTC example names none) whose status is not `success`. The job then
 * says so rather than hiding it, and the rule judges only what the job claims to have done.
 */
function reportedNotDone(job: unknown, imageId: string, project: string): boolean {
  const rows = (job as { entities?: { results?: unknown } } | undefined)?.entities?.results;
  if (!Array.isArray(rows)) return false;
  return (rows as ResultRow[]).some(
    (r) => r?.image_id === imageId && (r.project_id === undefined || r.project_id === project) && String(r.status).toLowerCase() !== 'success',
  );
}

/**
 * The pairs a SUCCESS job's request named, with what the member list must then show: the request body's images ×
 * `projects` (add, remove) or × `project_id` with its `status` (update), less the pairs the job reports as not done.
 */
export function batchExpectations(kind: BatchKind, request: unknown, job: unknown): MemberExpectation[] {
  const body = (request ?? {}) as { images?: unknown; projects?: unknown; project_id?: unknown; status?: unknown };
  const projects = kind === 'update' ? strings([body.project_id]) : strings(body.projects);
  const status = body.status === 'accepted' || body.status === 'rejected' ? body.status : undefined;
  const want = kind === 'add' ? 'present' : kind === 'remove' ? 'absent' : status;
  if (!want) return [];
  return strings(body.images).flatMap((imageId) => projects.filter((p) => !reportedNotDone(job, imageId, p)).map((project) => ({ imageId, project, want })));
}

const DID: Record<MemberExpectation['want'], string> = {
  present: 'adding project %p to image %i',
  absent: 'removing project %p from image %i',
  accepted: 'setting project %p’s membership of image %i to "accepted"',
  rejected: 'setting project %p’s membership of image %i to "rejected"',
};

/** The owner's member list of one image (`GET …/members`) shows each pair as the SUCCESS job that named it left it. */
export function membersAsJobLeft(expected: readonly MemberExpectation[]): Check {
  return defineCheck(BATCH_MEMBERS_APPLIED.checkId, (exchange) => {
    const members = successBody(exchange)?.members;
    if (!Array.isArray(members)) return [unjudged(exchange, BATCH_MEMBERS_APPLIED, 'a member list')];
    return expected.flatMap((e) => {
      const entry = (members as Record<string, unknown>[]).find((m) => m?.member_id === e.project);
      const held = e.want === 'absent' ? !entry : e.want === 'present' ? Boolean(entry) : entry?.status === e.want;
      if (held) return [];
      const shows = e.want === 'absent' ? 'still shows it' : entry ? `shows it with status ${show(entry.status)}` : 'does not show it';
      const did = DID[e.want].replace('%p', e.project).replace('%i', e.imageId);
      return [
        effectFinding(
          exchange,
          BATCH_MEMBERS_APPLIED,
          'batch member job not applied',
          `The batch member job ended SUCCESS ${did}, but the owner’s member list ${shows}.`,
        ),
      ];
    });
  });
}
