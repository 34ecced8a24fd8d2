import type { CheckOutcome } from '../model/outcome.js';
import type { StatusTally } from '../../reports/status-coverage.js';
import type { ScenarioTiming } from '../engine/timeline.js';

/** What a suite test hands its reporter (through `task.meta`): the operation and its check outcomes. */
export interface OutcomeMeta {
  operationId: string;
  outcomes: CheckOutcome[];
  /** Every answer the test got, by operation and status (the report's status coverage). */
  statuses?: StatusTally;
  /** The scenario's requests, and its critical path and waits from its own timeline (the run's timings). */
  timing?: ScenarioTiming;
}

declare module '@vitest/runner' {
  interface TaskMeta {
    ims?: OutcomeMeta;
    /** On a suite file: what its final cleanup (deleting what the tests left, following their jobs) took. */
    imsCleanup?: ScenarioTiming;
  }
}

const MAX_TEXT = 4_000;

/** Keeps the meta small and serializable: long bodies are cut, binary request bodies summarized. */
export function toMeta(operationId: string, outcomes: CheckOutcome[]): OutcomeMeta {
  return {
    operationId,
    outcomes: outcomes.map((o) => ({
      ...o,
      exchanges: o.exchanges.map((e) => ({
        ...e,
        operation: { operationId: e.operation.operationId } as typeof e.operation,
        request: { ...e.request, body: Buffer.isBuffer(e.request.body) ? `<${e.request.body.length} bytes>` : e.request.body },
        response: {
          ...e.response,
          text: e.response.text.slice(0, MAX_TEXT),
          body: e.response.text.length > MAX_TEXT ? e.response.text.slice(0, MAX_TEXT) : e.response.body,
        },
      })),
    })),
  };
}
