import type { Finding } from '../checks/finding.js';
import type { SpecOperation } from '../spec/operations.js';
import type { Exchange } from './exchange.js';

/** passed: checked and conformant; failed: the target broke the contract; skipped: could not run (reason); error: the harness broke. */
export type ResultStatus = 'passed' | 'failed' | 'skipped' | 'error';

/** The outcome of one check of one scenario, before results of the same (operation, check) are merged. */
export interface CheckOutcome {
  checkId: string;
  status: ResultStatus;
  message: string;
  findings: Finding[];
  exchanges: Exchange[];
}

/** One row of the report: an (operation, check) pair, merged over every scenario that exercised it. */
export interface CheckResult {
  /** `operationId/checkId`: stable across versions, so waivers and baselines survive renames. */
  id: string;
  operationId: string;
  method: string;
  path: string;
  area: string;
  checkId: string;
  status: ResultStatus;
  message: string;
  findings: Finding[];
  /** Exchanges behind the result: every failing one, or one example of a pass. */
  exchanges: Exchange[];
}

// Merging escalates: one failure fails the pair, a harness error outranks a pass, a skip counts only alone.
const RANK: Record<ResultStatus, number> = { skipped: 0, passed: 1, error: 2, failed: 3 };
const MAX_EXCHANGES = 5;

export const passed = (checkId: string, exchanges: Exchange[] = []): CheckOutcome => ({ checkId, status: 'passed', message: '', findings: [], exchanges });
export const skipped = (checkId: string, reason: string): CheckOutcome => ({ checkId, status: 'skipped', message: reason, findings: [], exchanges: [] });
export const errored = (checkId: string, message: string, exchanges: Exchange[] = []): CheckOutcome => ({ checkId, status: 'error', message, findings: [], exchanges });

/** Outcome of applying checks to exchanges: failed with the findings, or passed. */
export function judged(checkId: string, findings: Finding[], exchanges: Exchange[]): CheckOutcome {
  const mine = findings.filter((f) => f.checkId === checkId);
  if (mine.length === 0) return passed(checkId, exchanges.slice(0, 1));
  return { checkId, status: 'failed', message: mine.map((f) => f.message).join(' | '), findings: mine, exchanges };
}

/** Collects outcomes and merges them per (operation, check). */
export class ResultBook {
  private readonly results = new Map<string, CheckResult>();

  record(operation: SpecOperation, outcome: CheckOutcome): void {
    const id = `${operation.operationId}/${outcome.checkId}`;
    const existing = this.results.get(id);
    if (!existing) {
      this.results.set(id, {
        id,
        operationId: operation.operationId,
        method: operation.method.toUpperCase(),
        path: operation.path,
        area: operation.area,
        checkId: outcome.checkId,
        status: outcome.status,
        message: outcome.message,
        findings: [...outcome.findings],
        exchanges: outcome.exchanges.slice(0, MAX_EXCHANGES),
      });
      return;
    }
    if (RANK[outcome.status] > RANK[existing.status]) {
      existing.status = outcome.status;
      existing.message = outcome.message;
      existing.exchanges = outcome.exchanges.slice(0, MAX_EXCHANGES);
    } else if (outcome.status === existing.status && outcome.status !== 'passed' && outcome.message && !existing.message.includes(outcome.message)) {
      existing.message = `${existing.message} | ${outcome.message}`;
    }
    existing.findings.push(...outcome.findings);
  }

  all(): CheckResult[] {
    return [...this.results.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
