import type { Exchange } from '../model/exchange.js';
import { documentedStandIn, errorCodeStatuses } from '../spec/provenance.js';
import type { CheckId } from '../model/check-id.js';
import { checkEntry } from './catalogue.js';
import { defineCheck, finding, type Check } from './finding.js';
import { levelOf, type Finding } from '../model/finding.js';

export interface StatusExpectation {
  checkId: CheckId;
  title: string;
  /** Statuses that satisfy the check. */
  accept: (status: number) => boolean;
  /** How the accepted statuses read in a message: "403", "4xx (not 5xx)". */
  expected: string;
  hint: string;
  /**
   * A status an IMS error code may stand in for: where the documents give that code two statuses
   * (`x-error-code-statuses`: `IMG.0027` 400 or 404, `IMG.0026` 400 or 403), an answer carrying it in either is
   * the documented one.
   */
  standInFor?: number;
}

/**
 * The documents a status expectation rests on: for the IAM checks the permission tables of the operation's row,
 * else the operation's own pages, then what the check rests on as a whole (the catalogue).
 */
export function statusDocuments(exchange: Exchange, checkId: CheckId): string[] {
  const op = exchange.operation;
  const own = checkId.startsWith('iam-') ? op.source.tables.map((t) => `seed-${t}`) : op.docs;
  return [...new Set([...own, ...checkEntry(checkId).documents])];
}

/** A check that the status of a scenario's exchange is the one the scenario demands. */
export function expectStatus(expectation: StatusExpectation): Check {
  return defineCheck(expectation.checkId, (exchange) => {
    if (expectation.accept(exchange.response.status)) return [];
    const { standInFor } = expectation;
    if (
      standInFor !== undefined &&
      documentedStandIn(errorCodeStatuses(exchange.operation.responses), exchange.response.body, standInFor, exchange.response.status)
    )
      return [];
    return [
      {
        documentedBy: statusDocuments(exchange, expectation.checkId),
        ...finding(
          exchange,
          expectation.checkId,
          expectation.title,
          `Expected ${expectation.expected}; received ${exchange.response.status}${bodyHint(exchange)}.`,
          expectation.hint,
          '/responses',
        ),
      },
    ];
  });
}

/** The start of the answer's body, for a finding's message. */
export function bodyHint(exchange: Exchange): string {
  const text = exchange.response.text.trim();
  return text ? ` (${text.slice(0, 160)}${text.length > 160 ? '…' : ''})` : '';
}

/**
 * Runs checks and re-labels their findings as another check's, e.g. an error-body mismatch inside `iam-denied`.
 * Their "nothing to judge" notes are theirs, not the other check's (which judged the status), so they are dropped.
 */
export function asCheck(checkId: CheckId, checks: readonly Check[]): Check {
  return defineCheck(checkId, (exchange, ctx) =>
    checks
      .flatMap((c) => c(exchange, ctx))
      .filter((f) => levelOf(f) !== 'not-applicable')
      .map((f): Finding => ({ ...f, checkId })),
  );
}

export const exactly =
  (...statuses: number[]) =>
  (status: number): boolean =>
    statuses.includes(status);
