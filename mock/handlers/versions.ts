import type { Handler } from '../context.js';
import { json } from '../http/responses.js';

/** GET /: 300 Multiple Choices listing what IMS serves (v2.2 current, v2.1/v2.0 supported, v1.x deprecated). */
const listVersions: Handler = (ctx) => {
  const base = ctx.state.baseUrl;
  const entry = (id: string, status: string, major: string) => ({ id, status, links: [{ href: `${base}/${major}/`, rel: 'self' }] });
  const v2 = [entry('v2.2', 'CURRENT', 'v2'), entry('v2.1', 'SUPPORTED', 'v2'), entry('v2.0', 'SUPPORTED', 'v2')];
  const v1 = [entry('v1.1', 'DEPRECATED', 'v1'), entry('v1.0', 'DEPRECATED', 'v1')];
  // The fault versions-omit-v2: the document lists only the deprecated v1, though /v2 is served.
  return json(300, { versions: ctx.state.faults.has('versions-omit-v2') ? v1 : [...v2, ...v1] });
};

export const versionHandlers: Record<string, Handler> = { listVersions };
