import { createHash, timingSafeEqual } from 'node:crypto';
import type { Directory, User } from './directory.js';

/** The SDK's signer: the mock verifies with the very code clients sign with (loaded once, at mock start). */
export type Signer = (typeof import('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js'))['AKSKSigner'];

export const loadSigner = async (): Promise<Signer> => (await import('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js')).AKSKSigner;

/** Huawei's APIG refuses a signature whose X-Sdk-Date is further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/i;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export interface SignedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export type SignatureCheck = { ok: true; user: User; ak: string } | { ok: false; reason: string };

function sdkDate(text: string | undefined): number | undefined {
  const m = text === undefined ? null : SDK_DATE.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : undefined;
}

/** The query as the SDK's request model holds it (a name → its value, or its values when repeated). */
function sdkQuery(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

/** Header names as the signer looks them up (it reads the date and payload hash by their canonical spelling). */
const SIGNER_NAMES: Record<string, string> = { 'x-sdk-date': 'X-Sdk-Date', 'x-sdk-content-sha256': 'X-Sdk-Content-Sha256' };

/**
 * Checks an `SDK-HMAC-SHA256` signature as APIG does: a known access key, an X-Sdk-Date within 15 minutes, the
 * date and host among the signed headers, a declared payload hash that matches the body, and the signature the
 * SDK computes from the same request with the key's secret.
 */
export function verifySignature(signer: Signer, directory: Directory, request: SignedRequest, now = Date.now()): SignatureCheck {
  const m = AUTHORIZATION.exec(request.headers.authorization ?? '');
  if (!m) return { ok: false, reason: 'malformed SDK-HMAC-SHA256 Authorization header' };
  const [, ak = '', signedList = ''] = m;
  const key = directory.findAccessKey(ak);
  if (!key) return { ok: false, reason: 'unknown access key' };
  const signed = signedList.toLowerCase().split(';');
  if (!signed.includes('x-sdk-date') || !signed.includes('host')) return { ok: false, reason: 'X-Sdk-Date and Host must be signed' };
  const date = sdkDate(request.headers['x-sdk-date']);
  if (date === undefined) return { ok: false, reason: 'X-Sdk-Date is not a YYYYMMDDTHHMMSSZ time' };
  if (Math.abs(now - date) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'the request has expired (X-Sdk-Date more than 15 minutes from the server clock)' };
  const declared = request.headers['x-sdk-content-sha256'];
  if (declared !== undefined && declared !== 'UNSIGNED-PAYLOAD' && declared !== createHash('sha256').update(request.rawBody).digest('hex'))
    return { ok: false, reason: 'X-Sdk-Content-Sha256 does not match the body' };
  let data: unknown;
  if (declared === undefined && request.rawBody.length > 0) {
    try {
      data = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      return { ok: false, reason: 'a body that is not JSON must be sent with X-Sdk-Content-Sha256' };
    }
  }
  const url = new URL(request.url, `http://${request.headers.host ?? 'localhost'}`);
  const headers = Object.fromEntries(signed.map((name) => [SIGNER_NAMES[name] ?? name, request.headers[name] ?? '']));
  const expected = signer.sign({ endpoint: `http://${request.headers.host ?? ''}${url.pathname}`, method: request.method, headers, queryParams: sdkQuery(url), data }, {
    getAk: () => ak,
    getSk: () => key.sk,
  } as never) as { Authorization?: string };
  const sent = Buffer.from(request.headers.authorization ?? '');
  const wanted = Buffer.from(expected.Authorization ?? '');
  if (sent.length !== wanted.length || !timingSafeEqual(sent, wanted)) return { ok: false, reason: 'the signature does not match the request' };
  return { ok: true, user: key.user, ak };
}
