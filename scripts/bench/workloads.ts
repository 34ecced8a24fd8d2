import { Pool } from 'undici';

/** What bench:mock sends: three workloads (show, list of a full page, create+delete), each at three concurrencies. */

export const CONCURRENCY = [1, 16, 64] as const;
export const LIST_SIZE = 100;

export interface Target {
  name: string;
  origin: string;
  token: string;
  /** The image GET /v2/images/{id} shows. */
  showId: string;
  /** The id to DELETE after a create: the created one, or any uuid for Prism (it keeps no state). */
  deleteIdFor(createdId: string | undefined): string;
}

/** One operation: resolves true when every answer had the expected status. */
export type Operation = (pool: Pool, target: Target) => Promise<boolean>;

export interface CellResult {
  ops: number;
  errors: number;
  opsPerSec: number;
  p50: number;
  p99: number;
}

/** Results per workload and concurrency (cellKey). */
export type Results = Map<string, CellResult>;
export const cellKey = (workload: string, concurrency: number): string => `${workload}@${concurrency}`;

/** The last answer that was not what a workload expected, to name it beside a cell's error count. */
export const unexpected = { last: '' };

const headersFor = (target: Target, json = false): Record<string, string> => ({
  accept: 'application/json',
  'x-auth-token': target.token,
  ...(json ? { 'content-type': 'application/json' } : {}),
});

/** Sends one request, reads the whole body (so big list pages cost what they cost), checks the status. */
async function send(
  pool: Pool,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  headers: Record<string, string>,
  expected: number,
  body?: string,
): Promise<{ ok: boolean; text: string }> {
  const res = await pool.request({ method, path, headers, ...(body !== undefined ? { body } : {}), headersTimeout: 30_000, bodyTimeout: 30_000 });
  const text = await res.body.text();
  const ok = res.statusCode === expected;
  if (!ok) unexpected.last = `${method} ${path.replace(/[0-9a-f-]{36}/, '{id}')} → ${res.statusCode} (expected ${expected})`;
  return { ok, text };
}

const CREATE_BODY = JSON.stringify({ name: 'bench', disk_format: 'qcow2', container_format: 'bare' });

export const WORKLOADS: Array<{ name: string; op: Operation }> = [
  {
    name: 'show',
    op: async (pool, t) => (await send(pool, 'GET', `/v2/images/${t.showId}`, headersFor(t), 200)).ok,
  },
  {
    name: `list (${LIST_SIZE})`,
    op: async (pool, t) => (await send(pool, 'GET', `/v2/images?limit=${LIST_SIZE}`, headersFor(t), 200)).ok,
  },
  {
    name: 'create+delete',
    op: async (pool, t) => {
      const created = await send(pool, 'POST', '/v2/images', headersFor(t, true), 201, CREATE_BODY);
      let id: string | undefined;
      try {
        id = (JSON.parse(created.text) as { id?: string }).id;
      } catch {
        id = undefined;
      }
      const deleted = await send(pool, 'DELETE', `/v2/images/${t.deleteIdFor(id)}`, headersFor(t), 204);
      return created.ok && deleted.ok;
    },
  },
];

/** Gives the mock a full list page of the owner's images, so `list` measures a page of LIST_SIZE; returns one id to show. */
export async function seedMock(target: Target): Promise<string> {
  const pool = new Pool(target.origin, { connections: 8 });
  try {
    const ids: string[] = [];
    for (let i = 0; i < LIST_SIZE; i++) {
      const created = await send(
        pool,
        'POST',
        '/v2/images',
        headersFor(target, true),
        201,
        JSON.stringify({ name: `bench-${i}`, disk_format: 'qcow2', container_format: 'bare' }),
      );
      if (!created.ok) throw new Error(`seeding the mock failed: ${unexpected.last}`);
      ids.push((JSON.parse(created.text) as { id: string }).id);
    }
    const listed = await send(pool, 'GET', `/v2/images?limit=${LIST_SIZE}`, headersFor(target), 200);
    const count = (JSON.parse(listed.text) as { images: unknown[] }).images.length;
    if (count !== LIST_SIZE) throw new Error(`the mock lists ${count} images, expected a full page of ${LIST_SIZE}`);
    return ids[0]!;
  } finally {
    await pool.close();
  }
}
