import type { PrincipalAuth } from '../config/config.js';

type AkSk = NonNullable<PrincipalAuth['aksk']>;

/** One request as the transport will send it: a JSON body is sent as `JSON.stringify(body)`, bytes as they are. */
export interface RequestToSign {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** The SDK is loaded only by runs (and mocks) that sign: it brings axios, moment and log4js along. */
const sdk = () => import('@huaweicloud/huaweicloud-sdk-core');

const isRawBody = (body: unknown): boolean => typeof body === 'string' || body instanceof Uint8Array;

/** A URL's query as the SDK's request model holds it: a name maps to its value, or to its values when repeated. */
export function queryParamsOf(url: URL): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    params[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return params;
}

/**
 * The headers Huawei Cloud's `SDK-HMAC-SHA256` scheme adds to a request: `Authorization`, `X-Sdk-Date`, `Host`,
 * `X-Project-Id` (and `X-Security-Token` for temporary credentials), exactly as the official SDK sends them — it
 * is the SDK's own `BasicCredentials.processAuthRequest` that signs. A JSON body is hashed into the signature;
 * other bodies are sent `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`, as the SDK does for them.
 */
export async function signRequest(aksk: AkSk, projectId: string | undefined, request: RequestToSign): Promise<Record<string, string>> {
  const { BasicCredentials } = await sdk();
  const credentials = new BasicCredentials().withAk(aksk.ak).withSk(aksk.sk);
  if (projectId) credentials.withProjectId(projectId);
  if (aksk.securityToken) credentials.withSecurityToken(aksk.securityToken);
  const url = new URL(request.url);
  const headers = { ...request.headers };
  // The SDK decides from the media type alone; a raw string labelled JSON (a malformed-JSON probe) is not its `data`.
  if (request.body !== undefined && isRawBody(request.body)) headers['X-Sdk-Content-Sha256'] = 'UNSIGNED-PAYLOAD';
  const signed = (await credentials.processAuthRequest(undefined as never, {
    endpoint: url.origin,
    url: url.pathname,
    method: request.method,
    headers,
    queryParams: queryParamsOf(url),
    data: request.body === undefined || isRawBody(request.body) ? undefined : request.body,
  })) as { headers: Record<string, string> };
  // What to add to the request: the signing headers, not the caller's own again, nor Host (the URL sets it).
  const own = new Set(Object.keys(request.headers).map((k) => k.toLowerCase()));
  return Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k.toLowerCase() !== 'host' && !own.has(k.toLowerCase())));
}
