import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { Exchange } from '../../src/model/exchange.js';
import { RunContext } from '../../src/engine/run-context.js';
import { DeleteImageCommand } from '../../src/engine/scenarios/lifecycle/delete-image-command.js';
import { capabilitiesOf, lifecycleWalks } from '../../src/engine/scenarios/lifecycle/commands.js';
import { imageCreated, emptyModel } from '../../src/engine/scenarios/lifecycle/model.js';
import { lifecycleOps } from '../../src/engine/scenarios/lifecycle/operations.js';
import { lifecycleOutcome } from '../../src/engine/scenarios/lifecycle/report.js';
import { runLifecycle } from '../../src/engine/scenarios/lifecycle/run-lifecycle.js';
import type { LifecycleSystem } from '../../src/engine/scenarios/lifecycle/system.js';
import { loadSpec } from '../../src/spec/load-spec.js';

describe('lifecycle commands', () => {
  it('show the ids they resolved once run, and a clone (one per shrink attempt) starts unresolved', async () => {
    const spec = await loadSpec();
    const ops = lifecycleOps(spec.operations)!;
    const model = emptyModel();
    imageCreated(model, 'img-a', 'a');
    imageCreated(model, 'img-b', 'b');
    const judged: string[] = [];
    const system = {
      ops,
      who: { owner: 'owner' },
      begin: () => {},
      send: async (): Promise<Exchange> => ({
        operation: ops.delete,
        request: { method: 'DELETE', url: '', headers: {} },
        response: { status: 204, headers: {}, body: '', text: '' },
      }),
      judge: (rules: { checkId: string }[]) => void judged.push(...rules.map((r) => r.checkId)),
    } as unknown as LifecycleSystem;

    const command = new DeleteImageCommand(3); // 3 % 2 live images → the second
    expect(command.check(model)).toBe(true);
    expect(String(command)).toBe('delete(#3)');
    await command.run(model, system);
    expect(String(command)).toBe('delete(img-b)');
    expect(judged).toEqual(['status-expected']);
    expect(model.images.map((i) => i.deleted)).toEqual([false, true]);
    expect(String(command[fc.cloneMethod]())).toBe('delete(#3)');
  });

  it('walk the whole lifecycle when sharing is possible, and only the image part without a member', async () => {
    const ops = lifecycleOps((await loadSpec()).operations)!;
    const names = (hasMember: boolean) => lifecycleWalks(capabilitiesOf(ops, hasMember)).map((w) => w.commands.map((c) => String(c).replace(/\(.*/, '')));
    const [images, protectedDelete, sharing, forbidden] = names(true);
    expect(images).toEqual(['create', 'list-filtered', 'upload', 'rename', 'list-filtered', 'upload-again', 'delete', 'read-deleted']);
    // Its own image: a target that deletes a protected image leaves the image walk's image alone.
    expect(protectedDelete).toEqual(['create', 'delete-protected']);
    expect(sharing).toEqual(expect.arrayContaining(['share', 'accept', 'reject', 'list-as-member', 'remove-member', 'delete', 'read-deleted']));
    expect(forbidden).toEqual(['create', 'share', 'member-adds-member', 'member-removes-member', 'owner-sets-status']);
    expect(names(false)).toEqual([images, protectedDelete]);
  });
});

describe('the lifecycle on an unreachable target', () => {
  it('never throws: every check reports the stop as an error, not as a harness error', async () => {
    const spec = await loadSpec();
    const config = {
      ...loadConfig({ seed: '7', runs: '3' }, {}),
      target: 'http://127.0.0.1:9',
      timeoutMs: 2_000,
      principals: { owner: { token: 'owner-token', actions: [], projectId: 'p-owner' }, member: { token: 'member-token', actions: [], projectId: 'p-member' } },
    };
    const ctx = new RunContext(config, spec);
    try {
      const ops = lifecycleOps(spec.operations)!;
      const { recorder, hasMember } = await runLifecycle(ctx, ops);
      expect(hasMember).toBe(true);
      expect(recorder.stopped?.kind).toBe('error');
      const outcome = lifecycleOutcome(ctx, ops.show, 'use-after-delete', recorder, hasMember);
      expect(outcome.status).toBe('error');
      expect(outcome.message).toMatch(/^the lifecycle stopped before reaching this check: could not create a lifecycle image/);
    } finally {
      await ctx.close();
    }
  });
});
