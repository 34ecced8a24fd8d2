import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/model/exchange.js';
import { checkExchangeProperty, propertySeed, replayLine, showValue } from '../../src/engine/property.js';
import type { CheckId } from '../../src/model/check-id.js';
import { mergeOutcomes, propertyOutcomes } from '../../src/engine/property-outcomes.js';
import { errored, passed, skipped, type CheckOutcome, type Judgement } from '../../src/model/outcome.js';
import type { CallResult } from '../../src/engine/run-context.js';

/** A fake target answering with the sent number as status: enough to drive the property without HTTP. */
const answer = (status: number): CallResult => ({
  ok: true,
  exchange: { response: { status, headers: {}, body: undefined, text: '' } } as unknown as Exchange,
});
/** Judges `no-server-error` (standing in for any check) and `status-documented`, which never finds anything here. */
const tooHigh = (exchange: Exchange): Judgement => ({
  findings:
    exchange.response.status >= 450
      ? [{ checkId: 'no-server-error', operationId: 'op', title: 't', message: `got ${exchange.response.status}`, hint: '', specRef: '' }]
      : [],
  ran: new Set(['no-server-error', 'status-documented']),
});

describe('checkExchangeProperty', () => {
  it('sends one request per example and passes when every answer is clean', async () => {
    const verdict = await checkExchangeProperty({
      arbitrary: fc.integer({ min: 0, max: 100 }),
      send: async (n) => answer(n),
      judge: tooHigh,
      seed: 1,
      numRuns: 7,
    });
    expect(verdict.requests).toBe(7);
    expect(verdict.failure).toBeUndefined();
    expect(verdict.example?.response.status).toBeLessThan(450);
  });

  it('shrinks to the smallest failing example and reports fast-check’s path to it', async () => {
    const verdict = await checkExchangeProperty({
      arbitrary: fc.integer({ min: 0, max: 1000 }),
      send: async (n) => answer(n),
      judge: tooHigh,
      seed: 3,
      numRuns: 50,
      shrinkBudget: 200,
    });
    expect(verdict.failure?.value).toBe(450);
    expect(verdict.failure?.findings[0]?.message).toBe('got 450');
    expect(verdict.failure?.path).toMatch(/^\d+(:\d+)*$/);
    expect(verdict.firstByCheck.get('no-server-error')?.value).toBeGreaterThanOrEqual(450);
    // The path replays the counterexample without searching again.
    const replay = await fc.check(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), async (n) => n < 450),
      { seed: 3, numRuns: 50, path: verdict.failure?.path ?? '' },
    );
    expect(replay.counterexample).toEqual([450]);
  });

  it('bounds the requests shrinking may add', async () => {
    const verdict = await checkExchangeProperty({
      arbitrary: fc.integer({ min: 0, max: 100_000 }),
      send: async (n) => answer(n),
      judge: tooHigh,
      seed: 5,
      numRuns: 10,
      shrinkBudget: 3,
    });
    expect(verdict.requests).toBeLessThanOrEqual(13);
    expect(verdict.failure).toBeDefined();
  });

  it('bounds the time shrinking may take against a slow target', async () => {
    const slow = async (n: number): Promise<CallResult> => {
      await new Promise((r) => setTimeout(r, 20));
      return answer(n);
    };
    const verdict = await checkExchangeProperty({
      arbitrary: fc.integer({ min: 0, max: 100_000 }),
      send: slow,
      judge: tooHigh,
      seed: 5,
      numRuns: 10,
      shrinkBudget: 1000,
      shrinkTimeMs: 60,
    });
    expect(verdict.failure).toBeDefined();
    expect(verdict.requests).toBeLessThan(10);
  });

  it('stops at a call that cannot be made and says why, without a counterexample', async () => {
    let sent = 0;
    const verdict = await checkExchangeProperty({
      arbitrary: fc.nat(),
      send: async () => {
        sent++;
        return { ok: false, kind: 'skip', message: 'principal member is not configured' };
      },
      judge: tooHigh,
      seed: 1,
      numRuns: 10,
    });
    expect(sent).toBe(1);
    expect(verdict.aborted).toEqual({ kind: 'skip', message: 'principal member is not configured' });
    expect(verdict.failure).toBeUndefined();
  });
});

describe('seeds and messages', () => {
  it('derives a stable 32-bit seed per scenario from the run seed', () => {
    expect(propertySeed(42, 'createImage/invalid-input-rejected')).toBe(propertySeed(42, 'createImage/invalid-input-rejected'));
    expect(propertySeed(42, 'createImage/invalid-input-rejected')).not.toBe(propertySeed(42, 'updateImage/invalid-input-rejected'));
    expect(propertySeed(42, 'a')).not.toBe(propertySeed(43, 'a'));
    expect(Number.isInteger(propertySeed(2 ** 31 - 1, 'x'))).toBe(true);
  });

  it('ends a failure message with the replay line and names what the example broke', async () => {
    const verdict = await checkExchangeProperty({
      arbitrary: fc.integer({ min: 0, max: 1000 }),
      send: async (n) => answer(n),
      judge: tooHigh,
      seed: 3,
      numRuns: 50,
    });
    const [high, other] = propertyOutcomes(['no-server-error', 'status-documented'], verdict, {
      describe: (n) => `a number (${n > 449 ? 'maximum /' : ''})`,
      replay: (path) => replayLine(7, 'createImage', 'invalid-input-rejected', path),
    });
    expect(high?.status).toBe('failed');
    expect(high?.message).toMatch(
      /^a number \(maximum \/\): got 450 Counterexample \(shrunk \d+×\): 450\. replay: --seed 7 --only createImage\/invalid-input-rejected \(fast-check counterexample path [\d:]+\)$/,
    );
    expect(other?.status).toBe('passed');
  });

  it('cuts long values short', () => {
    expect(showValue({ name: 'x'.repeat(500) }, 20)).toBe('{"name":"xxxxxxxxxxx…(511 chars)');
    expect(showValue(Buffer.alloc(3))).toBe('<3 bytes>');
  });
});

describe('mergeOutcomes', () => {
  const failed = (id: CheckId, message: string): CheckOutcome => ({ checkId: id, status: 'failed', message, findings: [], exchanges: [] });

  it('keeps the worst status per check and joins the messages of failures', () => {
    const merged = mergeOutcomes([
      passed('status-documented'),
      failed('status-documented', 'probe'),
      failed('status-documented', 'property'),
      skipped('content-type', 'why'),
      errored('content-type', 'broke'),
      passed('response-schema'),
    ]);
    expect(merged.map((o) => [o.checkId, o.status, o.message])).toEqual([
      ['status-documented', 'failed', 'probe | property'],
      ['content-type', 'error', 'broke'],
      ['response-schema', 'passed', ''],
    ]);
  });
});
