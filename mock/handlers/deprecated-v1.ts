import type { Handler } from '../context.js';

// Filled in by the deprecated-v1 handlers work; the handler-coverage test fails until every operation has one.
export const deprecatedV1Handlers: Record<string, Handler> = {};
