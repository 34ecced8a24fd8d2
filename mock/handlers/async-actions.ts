import type { Handler } from '../context.js';

// Filled in by the async-actions handlers work; the handler-coverage test fails until every operation has one.
export const asyncActionHandlers: Record<string, Handler> = {};
