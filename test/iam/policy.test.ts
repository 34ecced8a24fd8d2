import { describe, expect, it } from 'vitest';
import { actionMatches, evaluate, type Grant } from '../../src/iam/policy.js';

const project = (allow: string[], deny: string[] = []): Grant => ({
  scope: { kind: 'project' },
  statements: [
    { effect: 'Allow', actions: allow },
    { effect: 'Deny', actions: deny },
  ],
});
const enterprise = (id: string, allow: string[]): Grant => ({
  scope: { kind: 'enterpriseProject', enterpriseProjectId: id },
  statements: [{ effect: 'Allow', actions: allow }],
});

describe('IAM action patterns', () => {
  it.each([
    ['ims:*:*', 'ims:images:list', true],
    ['ims:images:*', 'ims:images:delete', true],
    ['ims:images:*', 'ims:serverImages:create', false],
    ['*:*:*', 'ecs:servers:createImage', true],
    ['ims:images:get', 'ims:images:getX', false],
    ['ims:images.get', 'ims:imagesXget', false],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});

describe('policy evaluation', () => {
  it('allows project-wide when every needed action is allowed at project scope', () => {
    expect(evaluate([project(['ims:images:*'])], ['ims:images:get', 'ims:images:share'], false)).toEqual({ allowed: true, access: 'project' });
  });

  it('denies when one needed action is missing, naming it', () => {
    const decision = evaluate([project(['ims:images:get'])], ['ims:images:get', 'ims:images:share'], true);
    expect(decision).toEqual({ allowed: false, reason: 'no policy allows ims:images:share' });
  });

  it('lets an explicit Deny win over any Allow', () => {
    const decision = evaluate([project(['ims:*:*'], ['ims:images:delete'])], ['ims:images:delete'], true);
    expect(decision.allowed).toBe(false);
  });

  it('needs nothing for an operation without actions', () => {
    expect(evaluate([], [], false)).toEqual({ allowed: true, access: 'project' });
  });

  it('confines enterprise-project grants to their enterprise projects where that scope is supported', () => {
    expect(evaluate([enterprise('ep1', ['ims:*:*'])], ['ims:images:list'], true)).toEqual({
      allowed: true,
      access: 'enterpriseProjects',
      enterpriseProjectIds: ['ep1'],
    });
  });

  it('denies enterprise-project grants on operations that do not support that scope', () => {
    const decision = evaluate([enterprise('ep1', ['ims:*:*'])], ['ims:images:create'], false);
    expect(decision).toMatchObject({ allowed: false, reason: expect.stringContaining('enterprise-project scope') });
  });
});
