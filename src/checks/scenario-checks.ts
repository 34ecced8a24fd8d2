import { exactly, expectStatus } from './expect-status.js';
import { defineCheck, defineCheckFactory, finding, type Check } from './finding.js';

/**
 * The checks a scenario applies to its exchange, beyond the response-conformance ones every exchange gets.
 * Each has a stable id; reports, waivers and baselines key on `operationId/checkId`. The checks of an error
 * situation (404s, 403s, IMS error codes) read their answers from spec/error-situations.yaml: situation-checks.ts.
 */

/** No 5xx for any generated input, and none hidden behind a Retry-After retry. */
export const noServerError = defineCheck('no-server-error', (exchange) => {
  const statuses = [...(exchange.earlierStatuses ?? []), exchange.response.status].filter((s) => s >= 500);
  if (statuses.length === 0) return [];
  return [
    {
      documentedBy: ['rfc9110', 'otc-status-codes'],
      ...finding(
        exchange,
        'no-server-error',
        'server error',
        `Received ${statuses.join(', then ')}${statuses.length > 1 || exchange.earlierStatuses?.length ? ' (retried as Retry-After asked)' : ''}: ${exchange.response.text.slice(0, 160)}`,
        'A request must never cause a 5xx; answer bad input with a documented 4xx and fix the failure behind it.',
        '/responses',
      ),
    },
  ];
});

/** The exact success status documented for the operation (201 create, 204 delete/upload, 300 GET /, 202 Nova). */
function makeStatusExpected(statuses: number[]): Check {
  return expectStatus({
    checkId: 'status-expected',
    title: 'wrong status for the scenario',
    accept: exactly(...statuses),
    expected: statuses.join(' or '),
    hint: `Answer this request with ${statuses.join(' or ')} as documented.`,
  });
}
export const statusExpected = defineCheckFactory('status-expected', makeStatusExpected);

export const authMissing = expectStatus({
  checkId: 'auth-missing',
  title: 'served without credentials',
  accept: exactly(401),
  expected: '401',
  hint: 'Reject requests that carry no credentials with 401 before doing anything.',
});

export const authInvalid = expectStatus({
  checkId: 'auth-invalid',
  title: 'served with invalid credentials',
  accept: exactly(401),
  expected: '401',
  hint: 'Reject unknown, malformed and expired tokens with 401.',
});

/**
 * The documented success status for a principal the IAM facts allow, on a resource it may see: what the
 * permission tables promise. A 401/403 denies it outright, and a 404 hides the resource from it (404 is the
 * denial status the openstack profile documents), so neither may stand in for the success.
 */
function makeIamAllowed(successStatuses: readonly number[]): Check {
  return expectStatus({
    checkId: 'iam-allowed',
    title: 'allowed principal not served',
    accept: exactly(...successStatuses),
    expected: successStatuses.join(' or '),
    hint: 'Serve principals holding every action the permission table lists as documented; do not demand more, and do not hide the resource from them.',
  });
}
export const iamAllowed = defineCheckFactory('iam-allowed', makeIamAllowed);

export const invalidInputRejected = expectStatus({
  checkId: 'invalid-input-rejected',
  title: 'invalid input not rejected',
  accept: (s) => s >= 400 && s < 500,
  expected: 'a 4xx',
  hint: 'Validate the request against the documented schema and answer 400 naming the field.',
});

export const validInputAccepted = expectStatus({
  checkId: 'valid-input-accepted',
  title: 'valid input refused',
  accept: (s) => s >= 200 && s < 400,
  expected: 'a 2xx/3xx',
  hint: 'Accept every request the documented schema allows.',
});

export const createdReadable = expectStatus({
  checkId: 'created-readable',
  title: 'created resource not readable',
  accept: exactly(200),
  expected: '200',
  hint: 'A resource is readable (and listed) as soon as its create call answered 2xx.',
});

export const sharingSemantics = defineCheckFactory(
  'sharing-semantics',
  (expected: number[], rule: string): Check =>
    expectStatus({
      checkId: 'sharing-semantics',
      title: 'image member rule broken',
      accept: exactly(...expected),
      expected: expected.join(' or '),
      hint: rule,
    }),
);
