import { describe, expect, it } from 'vitest';
import { describeDecision, expectedDecision, grantsOf } from '../../src/engine/expected-decision.js';
import type { IamFacts } from '../../src/model/operation.js';

const facts = (iam: Partial<IamFacts> & { ep?: boolean }): { iam: IamFacts } => ({
  iam: {
    actions: iam.actions ?? [],
    conditionalActions: iam.conditionalActions ?? [],
    scopes: { project: true, enterpriseProject: iam.ep ?? false },
    denial: { status: 403, whenLacking: {} },
  },
});

describe('grants from the run contract', () => {
  it('binds actions and denials to the project, or to the enterprise project when one is set', () => {
    expect(grantsOf({ actions: ['ims:*:*'], deny: ['ims:images:delete'] })).toEqual([
      {
        scope: { kind: 'project' },
        statements: [
          { effect: 'Allow', actions: ['ims:*:*'] },
          { effect: 'Deny', actions: ['ims:images:delete'] },
        ],
      },
    ]);
    expect(grantsOf({ actions: ['ims:*:*'], enterpriseProjectId: 'ep1' })).toEqual([
      { scope: { kind: 'enterpriseProject', enterpriseProjectId: 'ep1' }, statements: [{ effect: 'Allow', actions: ['ims:*:*'] }] },
    ]);
  });

  it('grants nothing to a principal with no actions', () => {
    expect(grantsOf({ actions: [] })).toEqual([]);
  });
});

describe('the decision a principal should get', () => {
  const del = facts({ actions: ['ims:images:delete'], ep: true });

  it('denies a principal lacking an action, or denied it explicitly', () => {
    expect(expectedDecision({ actions: ['ims:images:list', 'ims:images:get'] }, del, undefined).allowed).toBe(false);
    expect(expectedDecision({ actions: ['ims:*:*'], deny: ['ims:images:delete'] }, del, undefined)).toEqual({
      allowed: false,
      reason: 'an explicit Deny covers ims:images:delete',
    });
  });

  it('allows enterprise-project grants only where the operation supports that scope', () => {
    const ep = { actions: ['ims:*:*'], enterpriseProjectId: 'ep1' };
    expect(expectedDecision(ep, del, undefined)).toEqual({ allowed: true, access: 'enterpriseProjects', enterpriseProjectIds: ['ep1'] });
    expect(expectedDecision(ep, facts({ actions: ['ims:images:list'], ep: false }), undefined).allowed).toBe(false);
  });

  it('counts the conditional actions the body triggers', () => {
    const quick = facts({
      conditionalActions: [
        { action: 'ims:serverImages:create', when: 'system disk', condition: { bodyField: '/type', notEquals: 'DataImage' } },
        { action: 'ims:dataImages:create', when: 'data disk', condition: { bodyField: '/type', equals: 'DataImage' } },
      ],
    });
    const dataOnly = { actions: ['ims:dataImages:create'] };
    expect(expectedDecision(dataOnly, quick, { type: 'DataImage' }).allowed).toBe(true);
    expect(expectedDecision(dataOnly, quick, { type: 'ECS' }).allowed).toBe(false);
  });

  it('allows everyone an operation that needs no action', () => {
    expect(expectedDecision({ actions: [] }, facts({}), undefined)).toEqual({ allowed: true, access: 'project' });
  });

  it('reads as a phrase for finding messages', () => {
    expect(describeDecision({ allowed: false, reason: 'no policy allows x' })).toBe('denied (no policy allows x)');
    expect(describeDecision({ allowed: true, access: 'enterpriseProjects', enterpriseProjectIds: ['ep1'] })).toBe('allowed in enterprise project ep1 only');
  });
});
