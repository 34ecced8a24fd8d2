import type { Exchange } from '../model/exchange.js';
import type { Finding } from '../model/finding.js';
import type { SchemaValidator } from '../spec/schema-validator.js';

export interface CheckContext {
  validator: SchemaValidator;
}

/** A check is a pure function from an exchange to findings: no I/O, no vitest, no environment. */
export type Check = (exchange: Exchange, ctx: CheckContext) => Finding[];

export function finding(exchange: Exchange, checkId: string, title: string, message: string, hint: string, pointerSuffix = ''): Finding {
  return { checkId, operationId: exchange.operation.operationId, title, message, hint, specRef: `${exchange.operation.pointer}${pointerSuffix}` };
}

/** The note a check leaves when the exchange gives it nothing to judge. */
export function notApplicable(exchange: Exchange, checkId: string, why: string): Finding {
  return { ...finding(exchange, checkId, 'not applicable', why, '', '/responses'), level: 'not-applicable' };
}
