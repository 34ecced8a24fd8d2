import type { Exchange } from '../model/exchange.js';
import { describeAnswers, matchingAnswer, type DocumentedAnswer, type ErrorSituations, type SituationExpectation } from '../spec/error-situations.js';
import { asCheck, bodyHint, statusDocuments } from './expect-status.js';
import type { CheckId } from '../model/check-id.js';
import { defineCheck, defineCheckFactory, finding, type Check } from './finding.js';
import { responseSchema } from './response-schema.js';

/**
 * The checks that judge an error situation of spec/error-situations.yaml. None of them knows a status: each takes
 * the answers its situation accepts under the run's profile from the table (`LoadedSpec.situations`), so `ims`
 * holds a target to the IMS error table (400 with an IMG code) and `openstack` to Glance's statuses.
 */

/** The answer the situation documents, or one failure saying what the table accepts and what came back. */
export function expectSituation(
  expectation: SituationExpectation,
  checkId: CheckId,
  title: string,
  hint?: string,
  extra: readonly DocumentedAnswer[] = [],
): Check {
  const answers = [...expectation.answers, ...extra];
  const expected = describeAnswers(answers);
  return defineCheck(checkId, (exchange) => {
    const { status, body } = exchange.response;
    if (matchingAnswer(answers, status, body, exchange.request.method.toUpperCase() === 'HEAD')) return [];
    const sources = answers.flatMap((a) => a.sources);
    return [
      {
        documentedBy: [...new Set([...sources, ...statusDocuments(exchange, checkId)])],
        ...finding(
          exchange,
          checkId,
          title,
          `Expected ${expected} (${expectation.situation}; ${expectation.profile} profile, error situation ${expectation.id}); received ${status}${bodyHint(exchange)}.`,
          hint ?? `Answer ${expectation.situation} with ${expected}, as the documents of the ${expectation.profile} profile give it.`,
          '/responses',
        ),
      },
    ];
  });
}

const isRead = (exchange: Exchange): boolean => ['GET', 'HEAD'].includes(exchange.request.method.toUpperCase());

/** Another project's private image is hidden: a read answers as `stranger-reads`, a change as `stranger-changes`. */
function makeTenantIsolation(situations: ErrorSituations): Check {
  const title = 'another project’s private image is visible';
  const hint = 'Hide other projects’ private images: refuse item calls as documented (404, or the IMS not-found/owner-only codes), absent from lists.';
  const reads = expectSituation(situations.expect('stranger-reads'), 'tenant-isolation', title, hint);
  const changes = expectSituation(situations.expect('stranger-changes'), 'tenant-isolation', title, hint);
  return defineCheck('tenant-isolation', (exchange, ctx) => (isRead(exchange) ? reads : changes)(exchange, ctx));
}
export const tenantIsolation = defineCheckFactory('tenant-isolation', makeTenantIsolation);

function makeEpIsolation(situations: ErrorSituations): Check {
  return expectSituation(
    situations.expect('outside-enterprise-project'),
    'ep-isolation',
    'another enterprise project’s image is visible',
    'Confine enterprise-project-scoped callers to the images of their enterprise projects.',
  );
}
export const epIsolation = defineCheckFactory('ep-isolation', makeEpIsolation);

/**
 * An id that names nothing. The operation's own `x-unknown-id-statuses` (where its page disagrees with the error
 * table, e.g. 400 `IMG.0023` on the job query) are accepted beside the table's answers.
 */
function makeUnknownIdStatus(situations: ErrorSituations): Check {
  const expectation = situations.expect('unknown-id');
  return defineCheck('unknown-id-404', (exchange, ctx) => {
    const declared = exchange.operation.unknownIdStatuses;
    const own = declared.length === 1 && declared[0] === 404 ? [] : declared.map((status) => ({ status, sources: exchange.operation.docs }));
    return expectSituation(expectation, 'unknown-id-404', 'unknown id not answered as documented', undefined, own)(exchange, ctx);
  });
}
export const unknownIdStatus = defineCheckFactory('unknown-id-404', makeUnknownIdStatus);

function makeUseAfterDelete(situations: ErrorSituations): Check {
  return expectSituation(
    situations.expect('deleted-id'),
    'use-after-delete',
    'deleted resource still answers',
    'After a successful delete, every item call on the resource answers as for an id that names nothing.',
  );
}
export const useAfterDelete = defineCheckFactory('use-after-delete', makeUseAfterDelete);

/**
 * A principal the IAM facts deny: the `iam-denied` answers of the table (`iam-denied-head` for a HEAD, whose 400
 * has no body to read a code from), with the documented error body. Where the profile documents another status
 * for the actions the caller lacks (`x-iam-denial-status`: Glance hides what one may not read behind 404), that
 * status is the one expected.
 */
function makeIamDenied(situations: ErrorSituations, denial = 403): Check {
  const title = 'permission not enforced';
  const hint = 'Evaluate the IAM actions the permission table lists for this operation and refuse the call as documented when the caller lacks one.';
  const body = asCheck('iam-denied', [responseSchema]);
  const judge = (exchange: Exchange): Check => {
    if (denial !== 403)
      return expectSituation(
        { id: 'iam-denied', situation: 'a denial the profile documents for these actions', profile: situations.profile, answers: [] },
        'iam-denied',
        title,
        hint,
        [{ status: denial, sources: exchange.operation.docs }],
      );
    return expectSituation(situations.expect(exchange.request.method.toUpperCase() === 'HEAD' ? 'iam-denied-head' : 'iam-denied'), 'iam-denied', title, hint);
  };
  return defineCheck('iam-denied', (exchange, ctx) => {
    const wrong = judge(exchange)(exchange, ctx);
    return wrong.length > 0 ? wrong : body(exchange, ctx);
  });
}
export const iamDenied = defineCheckFactory('iam-denied', makeIamDenied);

/** A member rule of image sharing that the documents answer with an error (`member-adds-member`, …). */
type SharingSituation = 'member-adds-member' | 'member-removes-member' | 'owner-sets-member-status' | 'removed-member-reads' | 'member-reads-other-member';

function makeSharingRefusal(situations: ErrorSituations, situation: SharingSituation, hint: string): Check {
  return expectSituation(situations.expect(situation), 'sharing-semantics', 'image member rule broken', hint);
}
export const sharingRefusal = defineCheckFactory('sharing-semantics', makeSharingRefusal);

/** A DELETE of an image the model knows is protected is refused as `protected-delete` documents. */
function makeProtectedDeleteRefused(situations: ErrorSituations): Check {
  return expectSituation(
    situations.expect('protected-delete'),
    'protected-undeletable',
    'protected image deletable',
    'Refuse to delete an image whose `protected` is true (IMS: 400 IMG.0028; Glance: 403) and keep it; delete it once `protected` is false again.',
  );
}
export const protectedDeleteRefused = defineCheckFactory('protected-undeletable', makeProtectedDeleteRefused);

/** A write with a value beyond a documented bound (`what`) is refused as `invalid-value` documents. */
function makeValueRefused(situations: ErrorSituations, what = 'a value beyond its documented bound'): Check {
  return expectSituation(
    situations.expect('invalid-value'),
    'value-bounds',
    'out-of-range value accepted',
    `Refuse ${what} as the error-code table says (IMS: 400 with the IMG code of the field; Glance: 400), storing nothing.`,
  );
}
export const valueRefused = defineCheckFactory('value-bounds', makeValueRefused);

/**
 * Every situation a check judges, with the check that reads it and an operation it applies to: the binding
 * test/spec/error-situations.test.ts holds to the table (a check that ignored its row would not follow a change to it).
 */
/** A sharing situation's binding: the sharing-semantics refusal built from its own row. */
const sharingBinding = (situation: SharingSituation, operationId: string, method: string) => ({
  checkId: 'sharing-semantics' as const,
  operationId,
  method,
  build: (s: ErrorSituations) => sharingRefusal(s, situation, ''),
});

export const SITUATION_CHECKS: Record<string, { checkId: CheckId; operationId: string; method: string; build: (situations: ErrorSituations) => Check }> = {
  'protected-delete': { checkId: 'protected-undeletable', operationId: 'deleteImage', method: 'DELETE', build: protectedDeleteRefused },
  'member-adds-member': sharingBinding('member-adds-member', 'addImageMember', 'POST'),
  'member-removes-member': sharingBinding('member-removes-member', 'deleteImageMember', 'DELETE'),
  'owner-sets-member-status': sharingBinding('owner-sets-member-status', 'updateImageMember', 'PUT'),
  'member-reads-other-member': sharingBinding('member-reads-other-member', 'showImageMember', 'GET'),
  'removed-member-reads': sharingBinding('removed-member-reads', 'showImage', 'GET'),
  'stranger-reads': { checkId: 'tenant-isolation', operationId: 'showImage', method: 'GET', build: tenantIsolation },
  'stranger-changes': { checkId: 'tenant-isolation', operationId: 'deleteImage', method: 'DELETE', build: tenantIsolation },
  'unknown-id': { checkId: 'unknown-id-404', operationId: 'showImage', method: 'GET', build: unknownIdStatus },
  'deleted-id': { checkId: 'use-after-delete', operationId: 'showImage', method: 'GET', build: useAfterDelete },
  'outside-enterprise-project': { checkId: 'ep-isolation', operationId: 'showImage', method: 'GET', build: epIsolation },
  'invalid-value': { checkId: 'value-bounds', operationId: 'updateImage', method: 'PATCH', build: (s) => valueRefused(s) },
  'iam-denied': { checkId: 'iam-denied', operationId: 'deleteImage', method: 'DELETE', build: (s) => iamDenied(s) },
  'iam-denied-head': { checkId: 'iam-denied', operationId: 'showImageMetadataV1', method: 'HEAD', build: (s) => iamDenied(s) },
};
