import type { CheckId } from '../model/check-id.js';
import type { Exchange } from '../model/exchange.js';
import type { Finding } from '../model/finding.js';
import type { SchemaValidator } from '../spec/schema-validator.js';

export interface CheckContext {
  validator: SchemaValidator;
}

/** What a scenario applies and reports: the check ids it judges. A scenario's ids are those of its checks, nothing else. */
export interface CheckDeclaration {
  readonly ids: readonly CheckId[];
}

/** Judges one exchange: a pure function to findings, no I/O, no vitest, no environment. */
export type Judge = (exchange: Exchange, ctx: CheckContext) => Finding[];

/** A check: a judge that carries the ids of the findings it makes, so whoever applies it knows which ids ran. */
export type Check = Judge & CheckDeclaration;

/** A check from its id(s) and its judge; the only way to make a `Check`. */
export function defineCheck(id: CheckId | readonly CheckId[], judge: Judge): Check {
  const ids: readonly CheckId[] = typeof id === 'string' ? [id] : id;
  return Object.assign((exchange: Exchange, ctx: CheckContext) => judge(exchange, ctx), { ids });
}

/** A check built from what only the run knows (the profile's error situations, a target): its id is known before. */
export type CheckFactory<A extends unknown[]> = ((...args: A) => Check) & CheckDeclaration;

/** A check factory from its id and a maker; every check it makes reports that id. */
export function defineCheckFactory<A extends unknown[]>(id: CheckId, make: (...args: A) => Judge): CheckFactory<A> {
  return Object.assign((...args: A) => defineCheck(id, make(...args)), { ids: [id] as const });
}

/**
 * A judgement the engine makes over several exchanges (a job followed to its end, an effect read back): not a
 * function of one exchange, but declared like a check so the scenario's ids still come from what it applies.
 */
export const declareJudgement = (id: CheckId): CheckDeclaration => ({ ids: [id] });

/** The ids a list of checks reports, once each, in order. */
export const idsOf = (checks: readonly CheckDeclaration[]): CheckId[] => [...new Set(checks.flatMap((c) => c.ids))];

export function finding(exchange: Exchange, checkId: CheckId, title: string, message: string, hint: string, pointerSuffix = ''): Finding {
  return { checkId, operationId: exchange.operation.operationId, title, message, hint, specRef: `${exchange.operation.pointer}${pointerSuffix}` };
}

/** The note a check leaves when the exchange gives it nothing to judge. */
export function notApplicable(exchange: Exchange, checkId: CheckId, why: string): Finding {
  return { ...finding(exchange, checkId, 'not applicable', why, '', '/responses'), level: 'not-applicable' };
}
