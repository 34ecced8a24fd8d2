import { request } from 'undici';
import type { RunningMock } from '../../mock/start-mock.js';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the text ('' when empty). */
  body: any;
  text: string;
}

export interface CallOptions {
  as?: string | undefined;
  token?: string;
  body?: unknown;
  raw?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A tiny client for tests: `call(mock, 'GET', '/v2/images', { as: 'reader' })` answers the principal's request. */
export async function call(mock: RunningMock, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = options.token ?? (options.as ? mock.config.principals[options.as]?.token : undefined);
  if (token) headers['x-auth-token'] = token;
  let payload: Buffer | string | undefined;
  if (options.raw !== undefined) payload = options.raw;
  else if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const res = await request(`${mock.url}${path}`, { method: method as 'GET', headers, body: payload, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const text = await res.body.text();
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  let body: any = text;
  if ((flat['content-type'] ?? '').includes('json') && text.length > 0) body = JSON.parse(text);
  return { status: res.statusCode, headers: flat, body, text };
}

/** Creates a queued image as `as` (default owner) and returns its id. */
export async function createImage(mock: RunningMock, fields: Record<string, unknown> = {}, as = 'owner'): Promise<string> {
  const reply = await call(mock, 'POST', '/v2/images', { as, body: { name: 'test-image', disk_format: 'qcow2', container_format: 'bare', ...fields } });
  if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${reply.text}`);
  return reply.body.id as string;
}

/** Polls a job until SUCCESS/FAIL (or gives up after `timeoutMs`). */
export async function waitForJob(mock: RunningMock, jobId: string, as = 'owner', timeoutMs = 5_000): Promise<any> {
  const projectId = mock.config.principals[as]?.projectId ?? mock.config.projectId;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await call(mock, 'GET', `/v1/${projectId}/jobs/${jobId}`, { as });
    if (reply.status !== 200) throw new Error(`job query failed: ${reply.status} ${reply.text}`);
    if (reply.body.status === 'SUCCESS' || reply.body.status === 'FAIL') return reply.body;
    if (Date.now() > deadline) return reply.body;
    await new Promise((r) => setTimeout(r, 25));
  }
}
