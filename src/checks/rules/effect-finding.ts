import type { Exchange } from '../../model/exchange.js';
import { finding, notApplicable, type Check } from '../finding.js';
import type { Finding, FindingLevel } from '../../model/finding.js';

/**
 * A finding of a rule of effect: what a call does, refuses or makes visible afterwards. It names the documents
 * that state the rule (spec/rules.yaml lists each rule with them), so every failure cites its source.
 */
export function effectFinding(
  exchange: Exchange,
  rule: { checkId: string; documents: readonly string[]; hint: string },
  title: string,
  message: string,
  level?: FindingLevel,
): Finding {
  return { ...finding(exchange, rule.checkId, title, message, rule.hint, '/responses'), documentedBy: [...rule.documents], ...(level ? { level } : {}) };
}

/**
 * The JSON object a 2xx answer carries, or undefined: an error answer is the status checks' business, not a rule's,
 * and the rule then leaves a not-applicable note (`unjudged`), so an exchange it could not judge never counts as passed.
 */
export function successBody(exchange: Exchange): Record<string, unknown> | undefined {
  const { status, body } = exchange.response;
  if (status < 200 || status >= 300 || typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return body as Record<string, unknown>;
}

export const show = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

/** The note of a rule that was given an answer it cannot judge (an error, or no body of the documented shape). */
export function unjudged(exchange: Exchange, rule: { checkId: string }, wanted: string): Finding {
  return notApplicable(
    exchange,
    rule.checkId,
    `${exchange.operation.operationId} answered ${exchange.response.status} without ${wanted}, so the rule could not be judged on it.`,
  );
}

/** A check whose findings cite `documents` where they name none of their own (e.g. a shared listing check). */
export const citing =
  (documents: readonly string[], check: Check): Check =>
  (exchange, ctx) =>
    check(exchange, ctx).map((f) => (f.documentedBy ? f : { ...f, documentedBy: [...documents] }));
