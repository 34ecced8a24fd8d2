import type { Handler } from '../context.js';
import { json } from '../http/responses.js';
import { versionHandlers } from './versions.js';

/** GET /versions: the same versions document as GET /, with the 200 Glance documents for this path. */
const listApiVersions: Handler = (ctx) => {
  const root = versionHandlers.listVersions!(ctx);
  return { ...root, status: 200 };
};

/**
 * GET /v3 on the IAM endpoint: Keystone's version document, so keystoneauth discovers v3 (and where to sign in)
 * instead of warning and guessing from the URL.
 */
const showIdentityVersion: Handler = (ctx) =>
  json(200, {
    version: {
      id: 'v3.14',
      status: 'stable',
      updated: '2020-04-07T00:00:00Z',
      links: [{ rel: 'self', href: `${ctx.state.baseUrl}/v3/` }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
    },
  });

export const discoveryHandlers: Record<string, Handler> = { listApiVersions, showIdentityVersion };
