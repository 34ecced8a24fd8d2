import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRINCIPALS } from '../../src/model/principals.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { CheckResult } from '../../src/model/outcome.js';
import { runSuite, type RunSuiteOptions } from '../../src/cli/in-process-run.js';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { lifecycleChecks, lifecycleOps } from '../../src/engine/scenarios/lifecycle/operations.js';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';
import { LifecycleRecorder } from '../../src/engine/scenarios/lifecycle/recorder.js';
import { lifecycleOutcome } from '../../src/engine/scenarios/lifecycle/report.js';
import type { RunContext } from '../../src/engine/run-context.js';

const SEED = '20261122';
let spec: LoadedSpec;
/** Every (operation, check) id the lifecycle family reports: `--only` with them runs the lifecycle alone. */
let lifecycleIds: string[];

beforeAll(async () => {
  spec = await loadSpec();
  lifecycleIds = scenariosFor(spec.operations)
    .filter((s) => s.family === 'lifecycle')
    .flatMap((s) => s.checks.map((c) => `${s.operation.operationId}/${c}`));
});

async function lifecycleRun(
  options: RunSuiteOptions = {},
  flags: Record<string, string | boolean> = {},
): Promise<{ results: Map<string, CheckResult>; requests: number; leftovers: string[] }> {
  const outcome = await runSuite(loadConfig({ seed: SEED, only: lifecycleIds, ...flags }, {}), options);
  const mine = outcome.results.filter((r) => lifecycleIds.includes(r.id));
  return { results: new Map(mine.map((r) => [r.id, r])), requests: outcome.requests, leftovers: outcome.leftovers };
}

describe('lifecycle operations', () => {
  it('are found by role, rename and member removal beside them on the same path', () => {
    const ops = lifecycleOps(spec.operations);
    expect(ops).toBeDefined();
    expect(ops?.rename).toMatchObject({ method: 'patch', path: ops?.show.path });
    expect(ops?.removeMember).toMatchObject({ method: 'delete', path: ops?.updateMember?.path });
    expect(ops?.lists.length).toBeGreaterThanOrEqual(1);
  });

  it('report every rule where it can break, so all lifecycle scenarios land in the lifecycles suite', () => {
    const ops = lifecycleOps(spec.operations)!;
    const rules = (op: typeof ops.show | undefined) => (op ? lifecycleChecks(op, ops).filter((c) => !c.startsWith('status-doc')) : []);
    expect(rules(ops.show)).toEqual(expect.arrayContaining(['created-readable', 'use-after-delete', 'sharing-semantics', 'no-server-error']));
    expect(rules(ops.upload)).toEqual(expect.arrayContaining(['use-after-delete', 'status-expected']));
    expect(rules(ops.updateMember)).toEqual(expect.arrayContaining(['use-after-delete', 'sharing-semantics']));
    expect(lifecycleChecks(ops.create, ops)).toEqual([]); // created with the run's helper, judged by the canonical family
    for (const s of scenariosFor(spec.operations).filter((x) => x.family === 'lifecycle')) expect(s.checks).toContain('use-after-delete');
  });
});

describe('the lifecycle against the embedded mock', () => {
  it('passes every rule on the clean mock, reaching all of them, and leaves nothing behind', async () => {
    const { results, requests, leftovers } = await lifecycleRun();
    const notPassed = [...results.values()].filter((r) => r.status !== 'passed').map((r) => `${r.id} ${r.status}: ${r.message}`);
    expect(notPassed).toEqual([]);
    expect(results.size).toBe(lifecycleIds.length);
    expect(leftovers).toEqual([]);
    // The bound is on work, not on time: how fast it runs is npm run bench:run's to measure.
    expect(requests).toBeLessThan(1000);
  });

  it('shrinks a use-after-delete to create → delete → read-deleted and says how to replay it', async () => {
    const { results } = await lifecycleRun({ mock: { faults: ['use-after-delete'] } });
    const shown = results.get('showImage/use-after-delete');
    expect(shown?.status).toBe('failed');
    expect(shown?.message).toMatch(/Expected 404, or 400 with IMG.0027\/IMG.0144\/IMG.0086 \(.*error situation deleted-id\); received 200/);
    expect(shown?.message).toMatch(/Counterexample, shrunk from \d+ to 3 commands/);
    expect(shown?.message).toMatch(/1\. create → \S+\n {2}2\. delete\(\S+\)\n {2}3\. read-deleted\(\S+\) {3}✗/);
    expect(shown?.message).toContain(`replay: --seed ${SEED} --only showImage/use-after-delete (fast-check: seed ${SEED}, path "`);
    expect(shown?.message).toMatch(/commands replayPath "[^"]+"/);
    // Reported under the operation whose exchange broke the rule; the sharing rules still pass.
    expect(results.get('uploadImageFile/use-after-delete')?.status).toBe('failed');
    expect(results.get('updateImageMember/sharing-semantics')?.status).toBe('passed');
  });

  it('catches an owner setting the member status, and reports it under the member update', async () => {
    const { results } = await lifecycleRun({ mock: { faults: ['owner-sets-member-status'] } });
    const update = results.get('updateImageMember/sharing-semantics');
    expect(update?.status).toBe('failed');
    expect(update?.message).toMatch(/Expected 400 with IMG.0026, or 403 \(.*error situation owner-sets-member-status\); received 200/);
    expect(update?.message).toMatch(/owner-sets-status\(\S+, \S+ → (accepted|rejected)\) {3}✗/);
    expect(results.get('showImage/use-after-delete')?.status).toBe('passed');
  });

  it('reports an unlisted created image under the list, and still judges the rest of the lifecycle', async () => {
    const { results } = await lifecycleRun({ mock: { faults: ['created-image-not-listed'] } });
    expect(results.get('listImages/created-readable')?.status).toBe('failed');
    expect(results.get('listImages/created-readable')?.message).toMatch(/Counterexample, shrunk from \d+ to 1 commands/);
    expect(results.get('showImage/created-readable')?.status).toBe('passed');
    // The walks go on past a deviation: the delete and share rules are judged, not skipped.
    expect([...results.values()].filter((r) => r.status === 'skipped').map((r) => r.id)).toEqual([]);
    expect(results.get('showImage/use-after-delete')?.status).toBe('passed');
  });

  it('reports each of several faults on at once under its own rule: a deviation of a write leaves no later rule unjudged', async () => {
    // Each of these used to stop its walk: the protected image deleted, the status not kept, the second upload taken.
    const faults = ['protected-deletable', 'member-status-not-saved', 'reupload-accepted', 'use-after-delete'];
    const { results } = await lifecycleRun({ mock: { faults } });
    const failed = (id: string) => results.get(id)?.status;
    expect(failed('deleteImage/protected-undeletable')).toBe('failed');
    expect(failed('showImageMember/member-status-visible')).toBe('failed');
    expect(failed('uploadImageFile/upload-conflict')).toBe('failed');
    expect(failed('showImage/use-after-delete')).toBe('failed');
    expect([...results.values()].filter((r) => r.status === 'skipped').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
    // The model took the target's own deletion of the protected image: no unprotect of a gone image is blamed on the update.
    expect(failed('updateImage/status-expected')).toBe('passed');
  });

  it('skips a rule whose own prerequisite the target broke, naming that failure and the step that could not run', () => {
    // A delete the target refused leaves no deleted image: read-deleted never runs, and says why.
    const op = spec.operations.find((o) => o.operationId === 'deleteImage')!;
    const recorder = new LifecycleRecorder();
    const refused = {
      operation: op,
      request: { method: 'DELETE', url: 'http://t/x', headers: {} },
      response: { status: 500, headers: {}, body: undefined, text: '' },
    };
    recorder.record(
      refused,
      'status-expected',
      [{ checkId: 'status-expected', operationId: 'deleteImage', title: 't', message: 'm', hint: 'h', specRef: '' }],
      () => [],
    );
    recorder.unreached.push('read-deleted(#0) of the fixed image walk');
    const outcome = lifecycleOutcome({} as RunContext, op, 'use-after-delete', recorder, true);
    expect(outcome.status).toBe('skipped');
    expect(outcome.message).toBe(
      'no lifecycle sequence reached this check: the steps it needs failed (deleteImage/status-expected); not run: read-deleted(#0) of the fixed image walk',
    );
  });

  it('skips every lifecycle rule of a read-only run, with the reason', async () => {
    const { results } = await lifecycleRun({}, { 'read-only': true });
    // Conformance ids are shared with the canonical GETs, which do run read-only; the lifecycle's own rules do not.
    const rules = [...results.values()].filter((r) => ['use-after-delete', 'sharing-semantics', 'created-readable', 'status-expected'].includes(r.checkId));
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules.map((r) => r.status))).toEqual(new Set(['skipped']));
    expect(results.get('showImage/use-after-delete')?.message).toMatch(/--read-only/);
  });

  it('without a member principal, runs the image lifecycle and skips the sharing rules', async () => {
    const { results } = await lifecycleRun({ mock: { principals: { owner: DEFAULT_PRINCIPALS.owner! } } });
    expect(results.get('updateImageMember/sharing-semantics')).toMatchObject({
      status: 'skipped',
      message: expect.stringMatching(/principal in another project/),
    });
    expect(results.get('showImage/use-after-delete')?.status).toBe('passed');
    expect(results.get('updateImageMember/use-after-delete')?.status).toBe('passed');
    expect(results.get('listImages/created-readable')?.status).toBe('passed');
  });
});
