import type { Handler } from '../context.js';

// Filled in by the nova handlers work; the handler-coverage test fails until every operation has one.
export const novaHandlers: Record<string, Handler> = {};
