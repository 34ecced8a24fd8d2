import type { Handler } from '../context.js';

// Filled in by the cloudimages handlers work; the handler-coverage test fails until every operation has one.
export const cloudImageHandlers: Record<string, Handler> = {};
