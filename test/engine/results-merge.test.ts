import { describe, expect, it } from 'vitest';
import { buildReport } from '../../reports/build-report.js';
import { finishReport } from '../../reports/report-options.js';
import type { Finding } from '../../src/model/finding.js';
import { judged, mergeOutcomes, passed, ResultBook, skipped, type CheckOutcome } from '../../src/model/outcome.js';
import { loadSpec } from '../../src/spec/load-spec.js';

const note = (level: Finding['level'], message = 'why'): Finding => ({
  checkId: 'response-schema',
  operationId: 'showImage',
  title: 't',
  message,
  hint: 'h',
  specRef: '#',
  ...(level ? { level } : {}),
});
const outcome = (status: CheckOutcome['status'], message = ''): CheckOutcome => ({ checkId: 'response-schema', status, message, findings: [], exchanges: [] });

describe('one ranking and one merge rule for every result level', () => {
  it('judges findings by level: a failure fails, an advisory is advisory, notes alone are not applicable, nothing is a pass', () => {
    const ran = new Set(['response-schema'] as const);
    expect(judged('response-schema', { findings: [note(undefined), note('advisory')], ran }, []).status).toBe('failed');
    expect(judged('response-schema', { findings: [note('advisory')], ran }, []).status).toBe('advisory');
    expect(judged('response-schema', { findings: [note('not-applicable')], ran }, []).status).toBe('not-applicable');
    expect(judged('response-schema', { findings: [], ran }, []).status).toBe('passed');
  });

  it('never passes a check that did not run: no findings without its check is a harness error', () => {
    expect(judged('response-schema', { findings: [], ran: new Set(['status-documented'] as const) }, [])).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/its check never ran/),
    });
  });

  it('ranks failed > error > advisory > passed > skipped > not applicable, whatever the order', () => {
    const levels: CheckOutcome['status'][] = ['not-applicable', 'skipped', 'passed', 'advisory', 'error', 'failed'];
    for (let i = 0; i < levels.length; i++)
      for (let j = 0; j < levels.length; j++) {
        const [merged] = mergeOutcomes([outcome(levels[i]!), outcome(levels[j]!)]);
        expect(merged?.status).toBe(levels[Math.max(i, j)]);
      }
  });

  it('keeps every skip reason when a probe passed beside skipped ones', () => {
    const [merged] = mergeOutcomes([
      skipped('response-schema', 'needs fixtures.serverId'),
      passed('response-schema'),
      skipped('response-schema', 'the run is --read-only'),
    ]);
    expect(merged?.status).toBe('passed');
    expect(merged?.skipReasons).toEqual(['needs fixtures.serverId', 'the run is --read-only']);
  });

  it('merges scenarios of one (operation, check) pair by the same rule', async () => {
    const op = (await loadSpec()).operations.find((o) => o.operationId === 'showImage');
    if (!op) throw new Error('no showImage');
    const book = new ResultBook();
    book.record(op, skipped('response-schema', 'no member principal'));
    book.record(op, passed('response-schema'));
    expect(book.all()[0]).toMatchObject({ id: 'showImage/response-schema', status: 'passed', skipReasons: ['no member principal'] });
  });
});

describe('--strict', () => {
  it('turns advisories into failures, marked as such; without it an advisory run passes', async () => {
    const spec = await loadSpec();
    const op = spec.operations.find((o) => o.operationId === 'showImage');
    if (!op) throw new Error('no showImage');
    const book = new ResultBook();
    book.record(op, { ...outcome('advisory', 'name: null'), findings: [note('advisory', 'name: null')] });
    book.record(op, { ...passed('status-documented') });
    const config = { target: 'http://t', profile: 'ims', seed: 1, runs: 1, runId: 'imsc-00000000', principals: {}, fixtures: {}, endpoints: {} } as never;
    const report = buildReport({ config, embedded: true, spec, results: book.all(), startedAt: new Date(0), durationMs: 1 });
    expect(report.verdict).toBe('passed');
    expect(report.totals.advisory).toBe(1);
    const strict = finishReport(report, { failOn: 'any', strict: true }).report;
    expect(strict.verdict).toBe('failed');
    expect(strict.results.find((r) => r.id === 'showImage/response-schema')).toMatchObject({ status: 'failed', strict: true });
  });

  it('a run that judged nothing is not PASSED', async () => {
    const spec = await loadSpec();
    const op = spec.operations[0]!;
    const book = new ResultBook();
    book.record(op, skipped('status-documented', 'another profile'));
    book.record(op, outcome('not-applicable', 'undocumented status'));
    const config = { target: 'http://t', profile: 'ims', seed: 1, runs: 1, runId: 'imsc-00000000', principals: {}, fixtures: {}, endpoints: {} } as never;
    expect(buildReport({ config, embedded: true, spec, results: book.all(), startedAt: new Date(0), durationMs: 1 }).verdict).toBe('not-judged');
  });
});
