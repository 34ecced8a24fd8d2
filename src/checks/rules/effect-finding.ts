import type { Exchange } from '../../model/exchange.js';
import type { CheckId } from '../../model/check-id.js';
import { checkEntry } from '../catalogue.js';
import { defineCheck, finding, notApplicable, type Check } from '../finding.js';
import type { Finding, FindingLevel } from '../../model/finding.js';

/**
 * A finding of a rule of effect: what a call does, refuses or makes visible afterwards. It names the documents
 * its check rests on, read from the catalogue (their one copy), so every failure cites its source.
 */
export function effectFinding(exchange: Exchange, rule: { checkId: CheckId; hint: string }, title: string, message: string, level?: FindingLevel): Finding {
  return {
    ...finding(exchange, rule.checkId, title, message, rule.hint, '/responses'),
    documentedBy: [...checkEntry(rule.checkId).documents],
    ...(level ? { level } : {}),
  };
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
export function unjudged(exchange: Exchange, rule: { checkId: CheckId }, wanted: string): Finding {
  return notApplicable(
    exchange,
    rule.checkId,
    `${exchange.operation.operationId} answered ${exchange.response.status} without ${wanted}, so the rule could not be judged on it.`,
  );
}

/** A check whose findings cite its catalogue documents where they name none of their own (e.g. a shared listing check). */
export const citing = (check: Check): Check =>
  defineCheck(check.ids, (exchange, ctx) =>
    check(exchange, ctx).map((f) => (f.documentedBy ? f : { ...f, documentedBy: [...checkEntry(f.checkId).documents] })),
  );
