import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mock/start-mock.js';
import { signRequest } from '../../src/auth/sdk-hmac-sha256.js';

/**
 * AK/SK end to end: the suite signs with its signer (src/auth/), the mock verifies with its own reading of the
 * signing guide and refuses what APIG refuses. Every refusal is a 401 with the gateway's error body.
 */
describe('the mock verifies SDK-HMAC-SHA256 signatures', () => {
  let mock: RunningMock;
  let key: { ak: string; sk: string };
  let project: string;

  beforeAll(async () => {
    mock = await startMock();
    key = mock.config.principals.akskReader?.aksk as { ak: string; sk: string };
    project = mock.config.projectId;
  });
  afterAll(() => mock.close());

  type Options = {
    body?: unknown;
    contentType?: string;
    tamper?: (h: Record<string, string>) => void;
    sk?: string;
    projectId?: string;
    sentBody?: string;
    sentPath?: string;
  };
  /** Signs the request for `path`, then sends it (to `sentPath`, with `sentBody`, after `tamper` when given). */
  const send = async (method: string, path: string, options: Options = {}) => {
    const url = `${mock.url}${path}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(options.body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}),
    };
    Object.assign(headers, signRequest({ ak: key.ak, sk: options.sk ?? key.sk }, options.projectId ?? project, { method, url, headers, body: options.body }));
    options.tamper?.(headers);
    const body = options.sentBody ?? (options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
    const res = await fetch(options.sentPath ? `${mock.url}${options.sentPath}` : url, { method, headers, ...(body !== undefined ? { body } : {}) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('accepts a signed GET with a query, and a signed JSON body (the reader is then judged by its policy: 403)', async () => {
    expect((await send('GET', '/v2/images?limit=2&sort_dir=desc')).status).toBe(200);
    const created = await send('POST', '/v2/images', { body: { name: 'signed', disk_format: 'qcow2', container_format: 'bare' } });
    expect(created.status).toBe(403);
  });

  it('accepts a raw body, its bytes hashed as sent (a malformed-JSON probe reaches validation and policy)', async () => {
    expect((await send('POST', '/v2/images', { body: '{"name": ', contentType: 'application/json' })).status).toBe(403);
  });

  it('accepts a body declared UNSIGNED-PAYLOAD, as the SDK sends non-JSON media types', async () => {
    // Past authentication, the reader is judged by its policy: 403, not the gateway's 401.
    expect(await sendUnsigned('POST', '/v2/images', 'raw bytes')).toBe(403);
  });

  /** Signs with X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD among the signed headers, as the SDK does for raw bodies. */
  const sendUnsigned = async (method: string, path: string, body: string): Promise<number> => {
    const url = `${mock.url}${path}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/octet-stream',
      'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD',
    };
    Object.assign(headers, signRequest(key, project, { method, url, headers, body }));
    return (await fetch(url, { method, headers, body })).status;
  };

  it.each([
    ['a body changed after signing', { body: { name: 'a' }, sentBody: '{"name":"b"}' }, /signature does not match/],
    ['a query changed after signing', { sentPath: '/v2/images?limit=3' }, /signature does not match/],
    ['the wrong secret key', { sk: 'not-the-secret' }, /signature does not match/],
    ['an X-Sdk-Date 20 minutes old', { tamper: (h: Record<string, string>) => (h['X-Sdk-Date'] = stamp(Date.now() - 20 * 60_000)) }, /expired/],
    [
      'an unknown access key',
      { tamper: (h: Record<string, string>) => (h.Authorization = (h.Authorization ?? '').replace(/Access=[^,]+/, 'Access=UNKNOWNKEY')) },
      /unknown access key/,
    ],
    ['X-Project-Id of another project', { projectId: 'ffffffffffffffffffffffffffffffff' }, /X-Project-Id/],
    ['a malformed Authorization', { tamper: (h: Record<string, string>) => (h.Authorization = 'SDK-HMAC-SHA256 garbage') }, /malformed/],
  ])('refuses %s with 401', async (_what, options: Options, reason) => {
    const sent = await send(options.body !== undefined ? 'POST' : 'GET', options.sentPath ? '/v2/images?limit=2' : '/v2/images', options);
    expect(sent.status).toBe(401);
    expect(String(sent.body.error_msg)).toMatch(reason);
  });
});

function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
