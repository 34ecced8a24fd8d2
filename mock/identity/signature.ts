import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Directory, User } from './directory.js';

/*
 * The gateway's side of AK/SK authentication: recompute the `SDK-HMAC-SHA256` signature of the request as it
 * arrived and compare. Written from Huawei Cloud's API Request Signing Guide (devg-apisign, "Constructing a
 * Standard Request" and the pages after it), apart from the suite's signer in src/auth/: a mock that verified
 * with the client's own code would only show that the code agrees with itself.
 */

/** Huawei's APIG refuses a signature whose X-Sdk-Date is further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/i;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** The guide's unreserved characters, never percent-encoded. */
const UNRESERVED = /[A-Za-z0-9\-_.~]/;

export interface SignedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export type SignatureCheck = { ok: true; user: User; ak: string } | { ok: false; reason: string };

function dateOf(text: string | undefined): number | undefined {
  const m = text === undefined ? null : SDK_DATE.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : undefined;
}

/** The guide's URI encoding: each UTF-8 byte of a reserved character as %XY (upper-case hex). */
function encode(text: string): string {
  let out = '';
  for (const char of text) {
    if (UNRESERVED.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A path segment or query part as the client meant it (a query writes a space as "+", as forms do). */
function decode(text: string, plusIsSpace: boolean): string {
  return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
}

/** The request line's path, normalized: segments re-encoded, and a "/" at the end whether or not one was sent. */
function canonicalPath(path: string): string {
  const encoded = path
    .split('/')
    .map((segment) => encode(decode(segment, false)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** The query: `name=value` pairs re-encoded and sorted by name in character-code order, then by value. */
function canonicalQuery(query: string): string {
  const pairs = query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.indexOf('=');
      const [name, value] = at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
      return `${encode(decode(name, true))}=${encode(decode(value, true))}`;
    });
  const nameOf = (pair: string): string => pair.slice(0, pair.indexOf('='));
  return pairs.sort((a, b) => (nameOf(a) === nameOf(b) ? (a < b ? -1 : a > b ? 1 : 0) : nameOf(a) < nameOf(b) ? -1 : 1)).join('&');
}

/** What the client must have hashed: its declared X-Sdk-Content-Sha256 (checked against the body) or the body. */
function payloadHash(request: SignedRequest): { hash: string } | { reason: string } {
  const actual = createHash('sha256').update(request.rawBody).digest('hex');
  const declared = request.headers['x-sdk-content-sha256'];
  if (declared === undefined) return { hash: actual };
  if (declared !== 'UNSIGNED-PAYLOAD' && declared !== actual) return { reason: 'X-Sdk-Content-Sha256 does not match the body' };
  return { hash: declared };
}

/** The signature the client must have sent for this request, as the guide has the gateway compute it. */
function expectedSignature(request: SignedRequest, signedHeaders: string[], bodyHash: string, sk: string): string {
  const [path = '/', query = ''] = request.url.split(/\?(.*)/s);
  const headerLines = signedHeaders.map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`).join('');
  const canonical = [request.method.toUpperCase(), canonicalPath(path), canonicalQuery(query), headerLines, signedHeaders.join(';'), bodyHash].join('\n');
  const stringToSign = `SDK-HMAC-SHA256\n${request.headers['x-sdk-date']}\n${createHash('sha256').update(canonical).digest('hex')}`;
  return createHmac('sha256', sk).update(stringToSign).digest('hex');
}

/**
 * Checks an `SDK-HMAC-SHA256` signature as APIG does: a known access key, an X-Sdk-Date within 15 minutes, the
 * date and host among the signed headers, a declared payload hash that matches the body, and the signature
 * recomputed from the request as received with the key's secret.
 */
export function verifySignature(directory: Directory, request: SignedRequest, now = Date.now()): SignatureCheck {
  const m = AUTHORIZATION.exec(request.headers.authorization ?? '');
  if (!m) return { ok: false, reason: 'malformed SDK-HMAC-SHA256 Authorization header' };
  const [, ak = '', signedList = '', signature = ''] = m;
  const key = directory.findAccessKey(ak);
  if (!key) return { ok: false, reason: 'unknown access key' };
  const signed = signedList.toLowerCase().split(';');
  if (!signed.includes('x-sdk-date') || !signed.includes('host')) return { ok: false, reason: 'X-Sdk-Date and Host must be signed' };
  const date = dateOf(request.headers['x-sdk-date']);
  if (date === undefined) return { ok: false, reason: 'X-Sdk-Date is not a YYYYMMDDTHHMMSSZ time' };
  if (Math.abs(now - date) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'the request has expired (X-Sdk-Date more than 15 minutes from the server clock)' };
  const body = payloadHash(request);
  if ('reason' in body) return { ok: false, reason: body.reason };
  let expected: string;
  try {
    expected = expectedSignature(request, signed, body.hash, key.sk);
  } catch {
    // decodeURIComponent throws on a stray "%": the gateway cannot even read such a request line.
    return { ok: false, reason: 'the path or query is not validly percent-encoded' };
  }
  const wanted = Buffer.from(expected);
  const sent = Buffer.from(signature.toLowerCase());
  if (sent.length !== wanted.length || !timingSafeEqual(sent, wanted)) return { ok: false, reason: 'the signature does not match the request' };
  return { ok: true, user: key.user, ak };
}
