import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { watchJob } from '../../src/engine/jobs.js';
import { documentedStates, IMAGE_STATES_IN_PROGRESS, JOB_STATES_IN_PROGRESS, judgeState } from '../../src/engine/poll.js';
import type { CallResult, RunContext } from '../../src/engine/run-context.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { SpecOperation } from '../../src/model/operation.js';

let operations: SpecOperation[];
const byRole = (role: string): SpecOperation => operations.find((op) => op.roles.includes(role))!;

beforeAll(async () => {
  ({ operations } = await loadSpec());
});

describe('the states a poll may wait on come from the spec', () => {
  it('reads the image and job status enums from the documented success answers', () => {
    expect(documentedStates(byRole('image.show'))).toEqual(expect.arrayContaining(['queued', 'saving', 'active', 'killed', 'deleted']));
    expect(documentedStates(byRole('job.show'))).toEqual(['SUCCESS', 'FAIL', 'RUNNING', 'INIT']);
  });

  it('waits only on documented states: every in-progress state is in the enum', () => {
    expect(documentedStates(byRole('image.show'))).toEqual(expect.arrayContaining([...IMAGE_STATES_IN_PROGRESS]));
    expect(documentedStates(byRole('job.show'))).toEqual(expect.arrayContaining([...JOB_STATES_IN_PROGRESS]));
  });
});

describe('judgeState', () => {
  const image = { wanted: ['active'], inProgress: IMAGE_STATES_IN_PROGRESS, documented: ['queued', 'saving', 'active', 'killed'], what: 'image 1' };

  it.each([
    ['active', 'reached'],
    ['saving', 'wait'],
    ['queued', 'wait'],
    ['killed', 'stop'],
    ['ACTIVE', 'stop'],
    ['deleting', 'stop'],
    [undefined, 'stop'],
  ])('%s → %s', (state, kind) => {
    expect(judgeState(state, image).kind).toBe(kind);
  });

  it('names the undocumented state and the enum it breaks', () => {
    const verdict = judgeState('ACTIVE', image);
    expect(verdict).toEqual({ kind: 'stop', reason: expect.stringContaining('"ACTIVE"') });
    expect(verdict.kind === 'stop' && verdict.reason).toContain('queued, saving, active, killed');
  });

  it('stops a job at an undocumented state instead of waiting for SUCCESS or FAIL', () => {
    const job = { wanted: ['SUCCESS', 'FAIL'], inProgress: JOB_STATES_IN_PROGRESS, documented: ['SUCCESS', 'FAIL', 'RUNNING', 'INIT'], what: 'job j' };
    expect(judgeState('FAIL', job).kind).toBe('reached');
    expect(judgeState('RUNNING', job).kind).toBe('wait');
    expect(judgeState('ERROR', job)).toEqual({ kind: 'stop', reason: expect.stringContaining('"ERROR"') });
  });
});

describe('a target whose images report ACTIVE', () => {
  it('ends the checks that need an active image in seconds, naming the state, not after the poll timeout', async () => {
    const started = Date.now();
    // The default poll timeout of a real target: ten minutes. Nothing here may wait that long.
    const outcome = await runSuite(loadConfig({ seed: '7', runs: '2', only: ['addImageMember/'], 'poll-timeout': '600000' }, {}), {
      mock: { faults: ['uppercase-image-status'] },
    });
    const seconds = (Date.now() - started) / 1000;
    const stopped = outcome.results.filter((r) => r.message.includes('"ACTIVE"'));
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.every((r) => r.status !== 'passed' && r.status !== 'skipped')).toBe(true);
    expect(stopped[0]?.message).toMatch(/documented enum/);
    expect(seconds).toBeLessThan(20);
    process.stdout.write(`uppercase-image-status: ${outcome.results.length} results in ${seconds.toFixed(1)} s, ${stopped.length} stopped on "ACTIVE"\n`);
  }, 60_000);
});

describe('watching a job', () => {
  /** A target whose job query answers the given states in turn (the last one for ever), under a ten-minute bound. */
  function jobTarget(states: string[]): { ctx: RunContext; asked: () => number } {
    const show = byRole('job.show');
    let asked = 0;
    const ctx = {
      config: { pollTimeoutMs: 600_000 },
      role: () => show,
      call: async (): Promise<CallResult> => {
        const status = states[Math.min(asked++, states.length - 1)];
        const body = { status, job_id: 'j1', job_type: 'imsAddImageMembersJob', begin_time: '2026-01-01T00:00:00Z', entities: {} };
        return {
          ok: true,
          exchange: {
            operation: show,
            request: { method: 'GET', url: 'http://t/v1/p/jobs/j1', headers: {} },
            response: { status: 200, headers: {}, body, text: JSON.stringify(body) },
          },
        };
      },
    } as unknown as RunContext;
    return { ctx, asked: () => asked };
  }

  it('waits through INIT and RUNNING, ends at SUCCESS, and asks once more that it stayed there', async () => {
    const { ctx, asked } = jobTarget(['INIT', 'RUNNING', 'SUCCESS']);
    const watch = await watchJob(ctx, 'owner', 'p', 'j1');
    expect(watch.findings).toEqual([]);
    expect(asked()).toBe(4);
  });

  it('reports a job that answers RUNNING again after it was seen SUCCESS (the rule job-end-final)', async () => {
    const { ctx } = jobTarget(['RUNNING', 'SUCCESS', 'RUNNING']);
    const watch = await watchJob(ctx, 'owner', 'p', 'j1');
    expect(watch.findings.map((f) => f.title)).toEqual(['job left its end state']);
    expect(watch.findings[0]?.message).toContain('was SUCCESS, but the next query answered "RUNNING"');
  });

  it.each([
    ['FAIL', 'job failed'],
    ['ERROR', 'job state undocumented'],
    ['running', 'job state undocumented'],
  ])('stops at the first %s, with a finding, instead of polling for ten minutes', async (state, title) => {
    const started = Date.now();
    const { ctx, asked } = jobTarget(['RUNNING', state]);
    const watch = await watchJob(ctx, 'owner', 'p', 'j1');
    expect(watch.findings.map((f) => f.title)).toEqual([title]);
    if (title !== 'job failed') expect(watch.findings[0]?.message).toContain(JSON.stringify(state));
    // An ended job (FAIL) is asked once more, to see it stayed ended; an undocumented state is not.
    expect(asked()).toBe(title === 'job failed' ? 3 : 2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
