import type { Config } from '../config/config.js';
import type { RunContext } from '../engine/run-context.js';
import type { ExchangeResponse } from '../model/exchange.js';
import { row, type DoctorRow } from './doctor-row.js';
import { regionOfUrl } from './region-endpoints.js';

/**
 * Whether each configured endpoint answers as the service it is meant to be: the target serves the image service's
 * versions document at GET / (IMS and Glance: 300 with a `versions` list), endpoints.compute Nova's (ECS: GET /
 * lists its versions too), endpoints.iam Keystone's version document at GET /v3. A wrong one is named by its config
 * field, so the user is not sent after passwords or policies when a URL is wrong.
 */

export type Reached = { ok: true; response: ExchangeResponse; durationMs: number } | { ok: false; why: string };

const PLAIN_HTTP = 'TLS handshake failed: the port answered in plain HTTP, not TLS';

/** A transport error as one short line: OpenSSL's multi-line text would break the table. */
export function unreachableWhy(message: string): string {
  if (/wrong version number|packet length too long/i.test(message)) return 'TLS handshake failed: the port answered in plain HTTP, not TLS';
  if (/certificate|self[- ]signed|unable to verify/i.test(message)) {
    const first = message.split('\n')[0]?.replace(/^TLS failed:\s*/, '') ?? message;
    return `TLS failed: ${first.replace(/\s+/g, ' ').trim()}`;
  }
  const text = message.replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

export async function getJson(ctx: RunContext, url: string): Promise<Reached> {
  const sent = await ctx.transport.send({ method: 'GET', url, headers: { accept: 'application/json' } });
  return sent.ok ? { ok: true, response: sent.response, durationMs: sent.durationMs } : { ok: false, why: unreachableWhy(sent.error.message) };
}

const versionsList = (body: unknown): boolean => Array.isArray((body as { versions?: unknown } | undefined)?.versions);
const versionDocument = (body: unknown): boolean => {
  const v = (body as { version?: { id?: unknown } } | undefined)?.version;
  return typeof v === 'object' && v !== null && typeof v.id === 'string';
};

/** `(e.g. https://iam.eu-de.otc.t-systems.com)` when the target names a region of the recorded tables. */
function example(config: Config, field: 'ims' | 'iam' | 'ecs'): string {
  const region = regionOfUrl(config.target) ?? regionOfUrl(config.endpoints.iam) ?? regionOfUrl(config.endpoints.compute);
  if (region) return ` (${region.region}: ${region[field]})`;
  const pattern = {
    ims: 'https://ims.{region}.myhuaweicloud.com',
    iam: 'https://iam.{region}.myhuaweicloud.com',
    ecs: 'https://ecs.{region}.myhuaweicloud.com',
  };
  return ` (e.g. ${pattern[field]}; \`ims-conformance init --region\` writes them)`;
}

/** The target: a versions document at GET / (200 or 300: Glance and IMS document 300, a bare list is also met). */
export function targetRow(config: Config & { target: string }, reached: Reached): { ok: boolean; row: DoctorRow } {
  const item = `target ${config.target}`;
  if (!reached.ok && reached.why === PLAIN_HTTP)
    return { ok: false, row: row(item, 'fail', '`target` says https:// but the port answers plain HTTP: use http://, or the port that serves HTTPS') };
  if (!reached.ok) return { ok: false, row: row(item, 'fail', `unreachable (${reached.why}): check target, the network, --ca-file/--insecure`) };
  const { status, body } = reached.response;
  if (status >= 500) return { ok: false, row: row(item, 'fail', `answers GET / with ${status}: the service is not healthy`) };
  if ((status === 300 || status === 200) && versionsList(body)) return { ok: true, row: row(item, 'ok', `answers GET / with ${status} and its versions`) };
  // Some gateways guard even GET /: nothing tells it is not the image service.
  if (status === 401 || status === 403)
    return { ok: true, row: row(item, 'warn', `answers GET / with ${status} and no versions document: cannot tell it is the image service`) };
  return {
    ok: false,
    row: row(
      item,
      'fail',
      `GET / answered ${status} without the versions document an image service serves: \`target\` is not the IMS base URL${example(config, 'ims')}`,
    ),
  };
}

/** endpoints.iam: Keystone's version document at GET /v3; without it password principals cannot sign in. */
export async function iamRow(ctx: RunContext, config: Config): Promise<{ ok: boolean; row: DoctorRow }> {
  const password = Object.keys(config.principals).filter((n) => config.principals[n]?.password);
  if (!config.endpoints.iam)
    return {
      ok: false,
      row: row(
        'endpoints.iam',
        'fail',
        `not set: ${password.length > 0 ? `password sign-ins (${password.join(', ')}) would go to the target host, ` : ''}and the identity checks are skipped; set endpoints.iam${example(config, 'iam')}`,
      ),
    };
  const reached = await getJson(ctx, `${ctx.bases.iam}/v3`);
  if (!reached.ok) return { ok: false, row: row('endpoints.iam', 'fail', `${config.endpoints.iam} is unreachable (${reached.why})`) };
  const { status, body } = reached.response;
  if (status === 200 && versionDocument(body))
    return { ok: true, row: row('endpoints.iam', 'ok', `${config.endpoints.iam} answers GET /v3 with Keystone’s version document`) };
  return {
    ok: false,
    row: row(
      'endpoints.iam',
      'fail',
      `${config.endpoints.iam} answered GET /v3 with ${status}, not Keystone’s version document: it is no identity service; set endpoints.iam${example(config, 'iam')}`,
    ),
  };
}

/** endpoints.compute, when it is not the target: Nova's (ECS's) versions at GET /. */
export async function computeRow(ctx: RunContext, config: Config): Promise<DoctorRow | undefined> {
  const compute = config.endpoints.compute;
  if (!compute || ctx.bases.compute === ctx.bases.image) return undefined;
  const reached = await getJson(ctx, `${ctx.bases.compute}/`);
  if (!reached.ok) return row('endpoints.compute', 'fail', `${compute} is unreachable (${reached.why})`);
  const { status, body } = reached.response;
  if ((status === 200 || status === 300) && versionsList(body)) return row('endpoints.compute', 'ok', `${compute} answers GET / with its versions`);
  return row(
    'endpoints.compute',
    'fail',
    `${compute} answered GET / with ${status}, not the versions of a compute (ECS / Nova) service; set endpoints.compute${example(config, 'ecs')}`,
  );
}
