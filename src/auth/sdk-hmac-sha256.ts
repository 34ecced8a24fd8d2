import { createHash, createHmac } from 'node:crypto';

/*
 * Huawei Cloud's AK/SK request signing, `SDK-HMAC-SHA256`, written from the API Request Signing Guide
 * (support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-002.html and the pages after it):
 *
 *   CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n
 *                      HexEncode(SHA256(payload))
 *   StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n HexEncode(SHA256(CanonicalRequest))
 *   Signature        = HexEncode(HMAC-SHA256(SK, StringToSign))
 *   Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<SignedHeaders>, Signature=<Signature>
 *
 * The mock verifies with its own reading of the same guide (mock/identity/signature.ts), and tests hold both to
 * the guide's worked example and to signatures the official SDK makes.
 */

export const ALGORITHM = 'SDK-HMAC-SHA256';

export interface AccessKey {
  ak: string;
  sk: string;
  /** Present for temporary credentials: sent, and signed, as X-Security-Token. */
  securityToken?: string;
}

/** One request as the transport will send it: a JSON body is sent as `JSON.stringify(body)`, bytes as they are. */
export interface RequestToSign {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** RFC 3986 encoding as the guide asks: unreserved characters (A–Z a–z 0–9 - _ . ~) as they are, all else %XY. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Each path segment URI-encoded (decoded first, as a URL holds it encoded already); always ending in "/". */
export function canonicalUri(pathname: string): string {
  const encoded = pathname
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** `name=value` pairs, each side URI-encoded, sorted by name (by character code), "=" kept for empty values. */
export function canonicalQueryString(search: URLSearchParams): string {
  const pairs = [...search].map(([name, value]) => [uriEncode(name), uriEncode(value)] as const);
  pairs.sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** X-Sdk-Date: the request time in UTC as YYYYMMDDTHHMMSSZ. */
export function sdkDate(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * The line the canonical request ends with: the hash of the bytes sent (nothing, raw bytes, or the JSON text),
 * unless the request declares its own X-Sdk-Content-Sha256 (`UNSIGNED-PAYLOAD` leaves the body unsigned).
 */
function payloadHash(headers: Record<string, string>, body: unknown): string {
  const declared = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-sdk-content-sha256');
  if (declared) return declared[1];
  if (body === undefined) return sha256Hex('');
  return sha256Hex(typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body));
}

/**
 * The canonical request of `headers` (every one is signed: lower-case names sorted, values trimmed) and the
 * SignedHeaders list that goes with it.
 */
export function canonicalRequest(method: string, url: URL, headers: Record<string, string>, payloadHash: string): { text: string; signedHeaders: string } {
  const entries = Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value.trim()] as const);
  entries.sort(([a], [b]) => compare(a, b));
  const signedHeaders = entries.map(([name]) => name).join(';');
  const canonicalHeaders = entries.map(([name, value]) => `${name}:${value}\n`).join('');
  const text = [method.toUpperCase(), canonicalUri(url.pathname), canonicalQueryString(url.searchParams), canonicalHeaders, signedHeaders, payloadHash].join(
    '\n',
  );
  return { text, signedHeaders };
}

/** HexEncode(HMAC-SHA256(SK, StringToSign)) for a canonical request made at `date` (an X-Sdk-Date). */
export function signatureOf(sk: string, date: string, canonical: string): string {
  const stringToSign = [ALGORITHM, date, sha256Hex(canonical)].join('\n');
  return createHmac('sha256', sk).update(stringToSign).digest('hex');
}

/**
 * The headers to add to `request` so it is signed: X-Sdk-Date, X-Project-Id (when the principal acts in a
 * project), X-Security-Token (temporary credentials) and Authorization. Host is signed from the URL, which
 * sets it, so it is not returned; every header of the request is signed along with these.
 */
export function signRequest(key: AccessKey, projectId: string | undefined, request: RequestToSign, at = new Date()): Record<string, string> {
  const url = new URL(request.url);
  const added: Record<string, string> = { 'X-Sdk-Date': sdkDate(at) };
  if (projectId) added['X-Project-Id'] = projectId;
  if (key.securityToken) added['X-Security-Token'] = key.securityToken;
  const own = Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'host');
  const signed = { ...Object.fromEntries(own), ...added, host: url.host };
  const { text, signedHeaders } = canonicalRequest(request.method, url, signed, payloadHash(request.headers, request.body));
  const signature = signatureOf(key.sk, added['X-Sdk-Date'] as string, text);
  return { ...added, Authorization: `${ALGORITHM} Access=${key.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
}
