import { gatewayError, type MockResponse } from './responses.js';

/**
 * Glance's own URL space (images, their members, tags and data, the schema documents). A route there that the
 * mock does not serve (tags, image download…) is answered as upstream Glance answers one: WebOb's plain-text
 * error (shared/reference/glance-observed.md). glanceclient reads a JSON error body as an object of objects and
 * crashes on the gateway's flat `{"error_code", "error_msg"}`; plain text it prints.
 */
const GLANCE_SPACE = /^\/v2\/(images|schemas)(\/|$)/;

const webobError = (status: number, title: string, detail: string, headers: Record<string, string> = {}): MockResponse => ({
  status,
  body: `${status} ${title}\n\n${detail}\n\n   `,
  headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers },
});

/** A path no operation serves: Glance's 404 in its URL space, the API gateway's APIGW.0101 elsewhere. */
export function routeNotFound(pathname: string): MockResponse {
  if (GLANCE_SPACE.test(pathname)) return webobError(404, 'Not Found', 'The resource could not be found.');
  return gatewayError(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment.');
}

/** A served path asked with another method: Glance's 405 in its URL space, APIGW.0102 elsewhere; both say what is allowed. */
export function methodNotAllowed(pathname: string, method: string, allowed: string[]): MockResponse {
  const allow = { allow: allowed.join(', ') };
  if (GLANCE_SPACE.test(pathname)) return webobError(405, 'Method Not Allowed', 'The method is not allowed for this resource.', allow);
  const response = gatewayError(405, 'APIGW.0102', `Method ${method} is not allowed here.`);
  return { ...response, headers: { ...response.headers, ...allow } };
}
