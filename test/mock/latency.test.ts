import { afterEach, describe, expect, it } from 'vitest';
import { mockCommand } from '../../src/cli/mock-command.js';
import { startMock, type RunningMock } from '../../mock/start-mock.js';

let mock: RunningMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('mock --latency', () => {
  it('delays every answer by the round-trip time asked for', async () => {
    mock = await startMock({ latencyMs: 300 });
    const started = Date.now();
    const answer = await fetch(`${mock.url}/`);
    // A timer never fires early, so the lower bound holds on any machine.
    expect(Date.now() - started).toBeGreaterThanOrEqual(299);
    expect(answer.status).toBe(300);
  });

  it('rejects a latency that is no whole number of milliseconds, starting nothing', async () => {
    const err: string[] = [];
    const code = await mockCommand(['--latency', 'slow'], { out: () => {}, err: (t) => void err.push(t) });
    expect(code).toBe(2);
    expect(err.join('')).toBe('ims-conformance mock: --latency must be a whole number of milliseconds, got "slow"\n');
  });
});
