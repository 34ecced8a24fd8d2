import type { Exchange } from '../engine/exchange.js';
import { finding, levelOf, type Check, type Finding } from './finding.js';

export interface StatusExpectation {
  checkId: string;
  title: string;
  /** Statuses that satisfy the check. */
  accept: (status: number) => boolean;
  /** How the accepted statuses read in a message: "403", "4xx (not 5xx)". */
  expected: string;
  hint: string;
}

/** A check that the status of a scenario's exchange is the one the scenario demands. */
export function expectStatus(expectation: StatusExpectation): Check {
  return (exchange) => {
    if (expectation.accept(exchange.response.status)) return [];
    return [
      finding(
        exchange,
        expectation.checkId,
        expectation.title,
        `Expected ${expectation.expected}; received ${exchange.response.status}${bodyHint(exchange)}.`,
        expectation.hint,
        '/responses',
      ),
    ];
  };
}

function bodyHint(exchange: Exchange): string {
  const text = exchange.response.text.trim();
  return text ? ` (${text.slice(0, 160)}${text.length > 160 ? '…' : ''})` : '';
}

/**
 * Runs checks and re-labels their findings as another check's, e.g. an error-body mismatch inside `iam-denied`.
 * Their "nothing to judge" notes are theirs, not the other check's (which judged the status), so they are dropped.
 */
export function asCheck(checkId: string, checks: readonly Check[]): Check {
  return (exchange, ctx) =>
    checks
      .flatMap((c) => c(exchange, ctx))
      .filter((f) => levelOf(f) !== 'not-applicable')
      .map((f): Finding => ({ ...f, checkId }));
}

export const exactly =
  (...statuses: number[]) =>
  (status: number): boolean =>
    statuses.includes(status);
