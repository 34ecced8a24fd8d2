import type { Exchange } from '../engine/exchange.js';
import type { SchemaValidator } from '../spec/schema-validator.js';

/** One way the target broke the contract. Data, so reports can group, count and replay it. */
export interface Finding {
  /** Stable check id, e.g. `response-schema`; waivers and baselines key on `operationId/checkId`. */
  checkId: string;
  operationId: string;
  /** Stable short title, e.g. "undocumented status code". */
  title: string;
  /** What was documented next to what was received. */
  message: string;
  /** One line on what to fix. */
  hint: string;
  /** JSON pointer into the spec. */
  specRef: string;
}

export interface CheckContext {
  validator: SchemaValidator;
}

/** A check is a pure function from an exchange to findings: no I/O, no vitest, no environment. */
export type Check = (exchange: Exchange, ctx: CheckContext) => Finding[];

export function finding(exchange: Exchange, checkId: string, title: string, message: string, hint: string, pointerSuffix = ''): Finding {
  return { checkId, operationId: exchange.operation.operationId, title, message, hint, specRef: `${exchange.operation.pointer}${pointerSuffix}` };
}
