import type { Handler } from '../context.js';

// Filled in by the sharing handlers work; the handler-coverage test fails until every operation has one.
export const sharingHandlers: Record<string, Handler> = {};
