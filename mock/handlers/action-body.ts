import type { RequestContext } from '../context.js';

/** Reading the body of an asynchronous IMS action. */

export type Body = Record<string, unknown>;

/** The schema has checked the body; under the invalid-input-accepted fault it may be anything, so read it defensively. */
export const bodyOf = (ctx: RequestContext): Body => (ctx.body !== null && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Body) : {});
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const int = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);
