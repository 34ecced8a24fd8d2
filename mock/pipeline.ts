import { randomUUID } from 'node:crypto';
import { verifySignature } from './identity/signature.js';
import type { Access, Caller, Handler, MockState, RequestContext } from './context.js';
import { errorFor, gatewayError, json, type MockResponse } from './http/responses.js';
import { asErrorTableSays } from './http/ims-error-table.js';
import { parseRequest, peekJsonBody } from './http/request-validation.js';
import { methodNotAllowed, routeNotFound } from './http/route-errors.js';
import type { Router } from './http/router.js';
import type { SpecOperation } from '../src/model/operation.js';
import { authorize, denialStatus } from './identity/authorize.js';

export interface RawRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  bodyTooLarge: boolean;
}

/** The owner principal, whom the auth-bypass faults serve unauthenticated requests as. */
function ownerCaller(state: MockState): Caller | undefined {
  const owner = state.identity.principals.find((p) => p.name === 'owner');
  if (!owner) return undefined;
  const token = state.directory.issueToken(owner.user, owner.project.id, 60_000);
  return { user: owner.user, projectId: owner.project.id, credential: { kind: 'token', token } };
}

/** A signed request acts in its X-Project-Id (which must be the key owner's project), else the owner's own. */
function authenticateSigned(state: MockState, raw: RawRequest): Caller | MockResponse {
  const check = verifySignature(state.directory, raw);
  if (!check.ok) return gatewayError(401, 'APIGW.0301', `Incorrect IAM authentication information: ${check.reason}`);
  const projectId = raw.headers['x-project-id'] ?? check.user.projectId;
  if (projectId !== check.user.projectId)
    return gatewayError(401, 'APIGW.0301', 'Incorrect IAM authentication information: X-Project-Id is not a project of this access key');
  return { user: check.user, projectId, credential: { kind: 'aksk', ak: check.ak } };
}

function authenticate(state: MockState, raw: RawRequest): Caller | MockResponse {
  if (raw.headers.authorization?.startsWith('SDK-HMAC-SHA256')) return authenticateSigned(state, raw);
  const token = raw.headers['x-auth-token'];
  const check = state.directory.checkToken(token);
  if (check.ok) return { user: check.user, projectId: check.token.projectId, credential: { kind: 'token', token: check.token } };
  if (token === undefined && state.faults.has('auth-not-enforced')) return ownerCaller(state) ?? gatewayError(401, 'APIGW.0301', 'no owner');
  if (token !== undefined && check.reason !== 'expired' && state.faults.has('bogus-token-accepted'))
    return ownerCaller(state) ?? gatewayError(401, 'APIGW.0301', 'no owner');
  const why = token === undefined ? 'X-Auth-Token not found' : check.reason === 'expired' ? 'the token has expired' : 'decrypt token fail';
  return gatewayError(401, 'APIGW.0301', `Incorrect IAM authentication information: ${why}`);
}

function applyResponseFaults(state: MockState, response: MockResponse): MockResponse {
  const isJson = response.body !== undefined && !Buffer.isBuffer(response.body) && typeof response.body !== 'string';
  if (state.faults.has('error-body-plain-text') && response.status >= 400 && response.status < 500 && isJson)
    return { ...response, body: `Error ${response.status}`, headers: { ...response.headers, 'content-type': 'text/plain; charset=UTF-8' } };
  if (state.faults.has('json-as-text-plain') && isJson) return { ...response, headers: { ...response.headers, 'content-type': 'text/plain' } };
  return response;
}

/** One request through the mock: route, authenticate, authorize, validate, handle. Never throws. */
export function handleRequest(state: MockState, router: Router, handlers: Record<string, Handler>, raw: RawRequest): MockResponse {
  const response = (() => {
    try {
      return dispatch(state, router, handlers, raw);
    } catch (error) {
      return json(500, { error: { code: 'IMG.9999', message: `Internal error: ${(error as Error).message}` } });
    }
  })();
  const withFaults = applyResponseFaults(state, asErrorTableSays(state, response));
  return { ...withFaults, headers: { 'x-openstack-request-id': `req-${randomUUID()}`, ...withFaults.headers } };
}

function dispatch(state: MockState, router: Router, handlers: Record<string, Handler>, raw: RawRequest): MockResponse {
  const url = new URL(raw.url, 'http://mock.invalid');
  const match = router.match(raw.method, url.pathname);
  if (match.kind === 'not-found') return routeNotFound(url.pathname);
  if (match.kind === 'method-not-allowed') return methodNotAllowed(url.pathname, raw.method, match.allowed);
  const op = match.operation;

  const outage = injectedOutage(state, op);
  if (outage) return outage;
  if (raw.bodyTooLarge) return errorFor(op.endpoint, op.statuses.includes(413) ? 413 : 400, 'IMG.0001', 'The request body is too large.');
  const admitted = admit(state, op, raw);
  if ('status' in admitted) return admitted;
  const input = readInput(state, op, match.params, url, raw);
  if ('status' in input) return input;

  const handler = handlers[op.operationId];
  if (!handler) return errorFor(op.endpoint, 500, 'IMG.9999', `no mock handler for ${op.operationId}`);
  const ctx: RequestContext = {
    state,
    op,
    params: match.params,
    query: input.query,
    rawQuery: url.searchParams,
    headers: raw.headers,
    body: input.body,
    caller: admitted.caller,
    access: admitted.access,
  };
  return handler(ctx);
}

/** The failures the outage faults inject before the request is even looked at. */
function injectedOutage(state: MockState, op: SpecOperation): MockResponse | undefined {
  if (state.faults.has('random-500') && state.random() < 0.2) return errorFor(op.endpoint, 500, 'IMG.9999', 'Injected internal error.');
  if (op.operationId !== 'listImages') return undefined;
  if (state.faults.has('unavailable-with-retry-after'))
    return { ...errorFor(op.endpoint, 503, 'IMG.9998', 'Service unavailable.'), headers: { 'retry-after': '1' } };
  if (state.faults.has('unavailable-without-retry-after')) return errorFor(op.endpoint, 503, 'IMG.9998', 'Service unavailable.');
  return undefined;
}

/** Who calls and what they may reach, or the 401/403/404 that turns them away. */
function admit(state: MockState, op: SpecOperation, raw: RawRequest): { caller: Caller | undefined; access: Access } | MockResponse {
  const presented = raw.headers['x-auth-token'] ?? raw.headers.authorization;
  // Credentials the spec calls optional (GET /) are required by the alternative variant, as the OTC page's 401 row reads.
  const credentialsOptional = op.authOptional && !state.readings.alternative('versions-credentials');
  if (op.authNone || (credentialsOptional && presented === undefined)) return { caller: undefined, access: { kind: 'anonymous' } };
  const caller = authenticate(state, raw);
  if ('status' in caller) return caller;
  const decision = authorize(state.permissions, op, caller.user, peekJsonBody(raw.rawBody), state.faults);
  // The denial status comes from the spec: 403, or what the served profile documents (Glance hides what a
  // caller may not read behind 404).
  if (!decision.allowed) {
    const status = denialStatus(state.permissions, op, caller.user);
    if (status === 404) return errorFor(op.endpoint, 404, 'IMG.0027', 'The resource could not be found.');
    // The IMS error-code table gives IMG.0026 HTTP 400 like every IMG code; the alternative answers that.
    const imsNative = op.path.includes('/cloudimages') && state.readings.alternative('cloudimages-denial-status');
    return errorFor(op.endpoint, status === 403 && imsNative ? 400 : status, 'IMG.0026', `Forbidden: ${decision.reason}.`);
  }
  return { caller, access: decision.within === 'project' ? { kind: 'project' } : { kind: 'enterpriseProjects', ids: decision.enterpriseProjects } };
}

/** The validated query and body, or the response that rejects them (bent by the input faults). */
function readInput(
  state: MockState,
  op: SpecOperation,
  params: Record<string, string>,
  url: URL,
  raw: RawRequest,
): { query: Record<string, unknown>; body: unknown } | MockResponse {
  const parsed = parseRequest(op, { params, query: url.searchParams, headers: raw.headers, rawBody: raw.rawBody }, state.validator, state.lenient);
  if (parsed.ok) return { query: parsed.query, body: parsed.body };
  const bodyRejected = parsed.response.status === 400 && raw.rawBody.length > 0;
  if (bodyRejected && state.faults.has('bad-input-500')) return errorFor(op.endpoint, 500, 'IMG.9999', 'Internal error while reading the body.');
  if (bodyRejected && state.faults.has('undocumented-error-status')) return { ...parsed.response, status: 422 };
  const accepted = state.faults.has('invalid-input-accepted') || (state.faults.has('action-combination-unchecked') && onlyCombinationBroken(state, op, raw));
  if (!(bodyRejected && accepted)) return parsed.response;
  return { query: Object.fromEntries(url.searchParams), body: peekJsonBody(raw.rawBody) };
}

/**
 * The fault action-combination-unchecked: a body whose only defect is that it meets none of the documented field
 * combinations (the request schema's top-level anyOf/oneOf) passes, as if each field were checked on its own.
 */
function onlyCombinationBroken(state: MockState, op: SpecOperation, raw: RawRequest): boolean {
  const schema = op.requestBody?.content?.['application/json']?.schema as Record<string, unknown> | undefined;
  if (!schema || (schema.anyOf === undefined && schema.oneOf === undefined)) return false;
  const { anyOf: _anyOf, oneOf: _oneOf, ...fieldByField } = schema;
  return state.validator.validate(fieldByField, peekJsonBody(raw.rawBody)).valid;
}
