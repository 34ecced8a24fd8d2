import { AsyncLocalStorage } from 'node:async_hooks';
import type { RunContext } from '../engine/run-context.js';
import { tallyStatus, type StatusTally } from '../../reports/status-coverage.js';

/** What one test's calls were. */
export interface CallRecord {
  /** The principals its requests were sent as, for its Allure `principal` parameter. */
  principals: Set<string>;
  /** Every answer it got, by operation and status (retried 429/503 included): the report's status coverage. */
  statuses: StatusTally;
}

export const emptyRecord = (): CallRecord => ({ principals: new Set(), statuses: {} });

/**
 * Keeps each test's own call record. Tests of a file run concurrently on one RunContext, so each test's calls are
 * told apart by async context, not by order.
 */
export class CallRecorder {
  private readonly current = new AsyncLocalStorage<CallRecord>();

  /** Makes every call of `ctx` count in the record of the test that made it. */
  watch(ctx: RunContext): void {
    const call = ctx.call.bind(ctx);
    ctx.call = (op, caller, callSpec) => {
      const record = this.current.getStore();
      if ('as' in caller) record?.principals.add(caller.as);
      return call(op, caller, callSpec).then((reply) => {
        if (record && reply.ok)
          for (const status of [...(reply.exchange.earlierStatuses ?? []), reply.exchange.response.status])
            tallyStatus(record.statuses, op.operationId, status);
        return reply;
      });
    };
  }

  /** Runs `work` with its calls counted in `record`. */
  during<T>(record: CallRecord, work: () => Promise<T>): Promise<T> {
    return this.current.run(record, work);
  }
}
