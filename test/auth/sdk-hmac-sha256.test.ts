import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { describe, expect, it } from 'vitest';
import { Directory } from '../../mock/identity/directory.js';
import { verifySignature } from '../../mock/identity/signature.js';
import { canonicalRequest, sdkDate, signRequest } from '../../src/auth/sdk-hmac-sha256.js';

/**
 * The suite's signer (src/auth/) and the mock's verifier (mock/identity/signature.ts) are two readings of Huawei
 * Cloud's API Request Signing Guide. Both are held to the guide's worked example and to signatures made by the
 * official SDK through its public API (`BasicCredentials#processAuthRequest`, the package root's export).
 */

// The guide's worked example (devg-apisign, "Constructing a Standard Request" to "Adding the Signature…"):
// its request, X-Sdk-Date, secret key, hashed canonical request and resulting signature.
const GUIDE = {
  url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  date: '20191115T033655Z',
  ak: 'QTWAOYTTINDUT2QVKYUC',
  sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
  hashedCanonicalRequest: 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
  signature: '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
};
const GUIDE_AT = new Date(Date.UTC(2019, 10, 15, 3, 36, 55));

/** A mock identity directory holding one access key. */
function directoryWith(key: { ak: string; sk: string }): Directory {
  const directory = new Directory();
  const domain = directory.addDomain('signers');
  const project = directory.addProject('signing', domain.id);
  const user = directory.addUser({ name: 'signer', password: 'unused-password', domainId: domain.id, projectId: project.id, policies: [] });
  directory.addAccessKey(user.id, key);
  return directory;
}

/** The request as the mock's server hands it to the verifier (lower-case header names, path and query). */
function asReceived(method: string, url: string, headers: Record<string, string>, body = ''): Parameters<typeof verifySignature>[1] {
  const u = new URL(url);
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method, url: `${u.pathname}${u.search}`, headers: { host: u.host, ...lower }, rawBody: Buffer.from(body) };
}

/** Signs with the official SDK, at a fixed X-Sdk-Date, and returns every header it would send. */
async function sdkSigned(key: { ak: string; sk: string }, projectId: string, method: string, url: string, headers: Record<string, string>, data?: unknown) {
  const u = new URL(url);
  const queryParams: Record<string, string | string[]> = {};
  for (const name of new Set(u.searchParams.keys())) {
    const values = u.searchParams.getAll(name);
    queryParams[name] = values.length === 1 ? (values[0] as string) : values;
  }
  const credentials = new BasicCredentials().withAk(key.ak).withSk(key.sk).withProjectId(projectId);
  const request = { endpoint: u.origin, url: u.pathname, method, headers: { ...headers }, queryParams, data };
  const signed = (await credentials.processAuthRequest(undefined as never, request as never)) as { headers: Record<string, string> };
  return signed.headers;
}

describe('the guide’s worked example', () => {
  const headers = { 'Content-Type': 'application/json' };

  it('the signer builds its canonical request and signature', () => {
    const signed = signRequest({ ak: GUIDE.ak, sk: GUIDE.sk }, undefined, { method: 'GET', url: GUIDE.url, headers }, GUIDE_AT);
    expect(signed['X-Sdk-Date']).toBe(GUIDE.date);
    expect(signed.Authorization).toBe(`SDK-HMAC-SHA256 Access=${GUIDE.ak}, SignedHeaders=content-type;host;x-sdk-date, Signature=${GUIDE.signature}`);
    const url = new URL(GUIDE.url);
    const { text } = canonicalRequest(
      'GET',
      url,
      { ...headers, host: url.host, 'X-Sdk-Date': GUIDE.date },
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(text.split('\n').slice(0, 3)).toEqual(['GET', '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/', 'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0']);
  });

  it('the mock accepts it, and refuses it signed with another secret', () => {
    const authorization = `SDK-HMAC-SHA256 Access=${GUIDE.ak}, SignedHeaders=content-type;host;x-sdk-date, Signature=${GUIDE.signature}`;
    const request = asReceived('GET', GUIDE.url, { ...headers, 'X-Sdk-Date': GUIDE.date, Authorization: authorization });
    expect(verifySignature(directoryWith(GUIDE), request, GUIDE_AT.getTime())).toMatchObject({ ok: true, ak: GUIDE.ak });
    expect(verifySignature(directoryWith({ ak: GUIDE.ak, sk: 'another-secret' }), request, GUIDE_AT.getTime())).toEqual({
      ok: false,
      reason: 'the signature does not match the request',
    });
  });
});

describe('signatures made by the official SDK', () => {
  const key = { ak: 'HPUAEXAMPLEKEY000001', sk: 'sdk-made-secret-key-0123456789abcdefghij' };
  const project = '0123456789abcdef0123456789abcdef';
  const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  const json = { 'Content-Type': 'application/json', 'X-Sdk-Date': sdkDate(at) };

  const requests: [what: string, method: string, url: string, headers: Record<string, string>, body?: unknown][] = [
    ['a GET with a sorted-out query and a repeated name', 'GET', 'https://ims.example.com/v2/images?sort_dir=desc&limit=2&tag=b&tag=a', json],
    ['a GET of one image', 'GET', 'https://ims.example.com:8443/v2/images/6a3f7c2e-1111-4e0b-9f5e-3b6f0c1d2e3f', json],
    ['a POST with a JSON body', 'POST', 'https://ims.example.com/v2/cloudimages/action', json, { name: 'signed', image_tags: [{ key: 'k', value: 'v' }] }],
  ];

  it.each(requests)('the signer signs %s exactly as the SDK does', async (_what, method, url, headers, body) => {
    const sdk = await sdkSigned(key, project, method, url, headers, body);
    const { 'X-Sdk-Date': _date, ...own } = headers;
    const ours = signRequest(key, project, { method, url, headers: own, body }, at);
    expect(ours.Authorization).toBe(sdk.Authorization);
    expect(ours['X-Project-Id']).toBe(sdk['X-Project-Id']);
  });

  it.each([
    ...requests,
    [
      'a POST of raw bytes, sent UNSIGNED-PAYLOAD',
      'POST',
      'https://ims.example.com/v2/images/x/file',
      { 'Content-Type': 'application/octet-stream', 'X-Sdk-Date': sdkDate(at) },
      undefined,
    ] as const,
  ])('the mock accepts %s', async (_what, method, url, headers, body) => {
    const sdk = await sdkSigned(key, project, method, url, headers, body);
    const sent = body === undefined ? (headers['Content-Type'] === 'application/octet-stream' ? 'raw image bytes' : '') : JSON.stringify(body);
    const request = asReceived(method, url, sdk, sent);
    expect(verifySignature(directoryWith(key), request, at.getTime())).toMatchObject({ ok: true, ak: key.ak });
    // The same request with its body changed after signing is refused: the check can fail.
    if (body !== undefined) expect(verifySignature(directoryWith(key), { ...request, rawBody: Buffer.from('{}') }, at.getTime()).ok).toBe(false);
  });
});
