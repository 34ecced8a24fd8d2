import { beforeAll, describe, expect, it } from 'vitest';
import { lackingOneAction, specActions } from '../../generators/principals.js';
import { evaluate } from '../../src/iam/policy.js';
import { loadSpec, type LoadedSpec } from '../../src/spec/load-spec.js';

let spec: LoadedSpec;
beforeAll(async () => {
  spec = await loadSpec();
});

describe('principals lacking exactly one action', () => {
  it('exist for every action the spec names, each holding all the others', () => {
    const all = specActions(spec.operations);
    expect(all).toEqual(expect.arrayContaining(['ims:images:delete', 'ims:images:share', 'ecs:servers:createImage', 'ims:dataImages:create']));
    for (const p of lackingOneAction(spec.operations)) {
      expect(p.actions).not.toContain(p.missing);
      expect(p.actions).toHaveLength(all.length - 1);
    }
  });

  it('are denied every operation that always needs their missing action, by the IAM evaluator', () => {
    for (const op of spec.operations)
      for (const p of lackingOneAction(spec.operations).filter((q) => op.iam.actions.includes(q.missing))) {
        const decision = evaluate(
          [{ scope: { kind: 'project' }, statements: [{ effect: 'Allow', actions: p.actions }] }],
          op.iam.actions,
          op.iam.scopes.enterpriseProject,
        );
        expect(decision.allowed, `${op.operationId} without ${p.missing}`).toBe(false);
      }
  });
});
